"""Shared helpers: run the real `unitcost` command and read the real DuckDB file it builds."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests_py" / "fixtures"
SAMPLES = FIXTURES / "focus-samples"
UNITCOST = [sys.executable, "-m", "unitcost.cli"]
SEEDS = ROOT / "seeds"


def seed_rows(name: str) -> list[dict[str, str]]:
    """The rows of seeds/<name>.csv, read with the csv module (not through dbt)."""
    with (SEEDS / f"{name}.csv").open(newline="") as handle:
        return list(csv.DictReader(handle))


def scope_subtree(scope_id: str) -> set[str]:
    """The scope and all its descendants, from seeds/scopes.csv."""
    children: dict[str, set[str]] = {}
    for row in seed_rows("scopes"):
        if row["parent_scope_id"].strip():
            children.setdefault(row["parent_scope_id"].strip(), set()).add(row["scope_id"].strip())
    found, todo = set(), [scope_id]
    while todo:
        current = todo.pop()
        found.add(current)
        todo.extend(children.get(current, set()) - found)
    return found


def run_unitcost(
    *args: str,
    cwd: Path | None = None,
    check: bool = False,
    project: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess:
    """Run the unitcost command line as a user would, capturing its output.

    `project` runs it on another copy of the dbt project (see `project_copy`); `env`
    adds environment variables (the settings' own are cleared first).
    """
    extra = env or {}
    env = dict(os.environ)
    for name in ("UNITCOST_DB", "UNITCOST_PROJECT_DIR", "UNITCOST_CONFIG"):
        env.pop(name, None)
    env.update(extra)
    if project is not None:
        env["UNITCOST_PROJECT_DIR"] = str(project)
    env["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    # Each pytest worker has its own dbt target and log folders: parallel dbt runs
    # must not share target/ (manifest, partial parse state).
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    env["DBT_TARGET_PATH"] = str(ROOT / "build" / "pytest" / worker / "target")
    env["DBT_LOG_PATH"] = str(ROOT / "build" / "pytest" / worker / "logs")
    proc = subprocess.run(
        [*UNITCOST, *args],
        cwd=cwd or ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if check and proc.returncode != 0:
        raise AssertionError(
            f"unitcost {' '.join(args)} exited {proc.returncode}\n"
            f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
        )
    return proc


def build_demo(demo: Path, db: Path, *extra: str) -> subprocess.CompletedProcess:
    """`unitcost build` of a demo folder's FOCUS files and value files into `db` (checked)."""
    return run_unitcost(
        "build",
        "--focus",
        str(demo / "focus"),
        "--values",
        str(demo / "values"),
        "--db",
        str(db),
        *extra,
        check=True,
    )


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    """Rows of a query on a built database (opened read-only, closed after)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def write_csv(path: Path, rows: list[dict], columns: list[str] | None = None) -> Path:
    """Write rows as a CSV file (columns in the given order, missing values empty)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = columns or list(dict.fromkeys(k for row in rows for k in row))
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})
    return path


def focus_row(**values: str) -> dict:
    """A valid FOCUS 1.0 row (all mandatory columns) with the given overrides."""
    row = {
        "BilledCost": "10.00",
        "BillingAccountId": "acct-1",
        "BillingAccountName": "Account One",
        "BillingCurrency": "USD",
        "BillingPeriodStart": "2024-09-01T00:00:00Z",
        "BillingPeriodEnd": "2024-10-01T00:00:00Z",
        "ChargeCategory": "Usage",
        "ChargeClass": "",
        "ChargeDescription": "compute",
        "ChargeFrequency": "Usage-Based",
        "ChargePeriodStart": "2024-09-05T00:00:00Z",
        "ChargePeriodEnd": "2024-09-06T00:00:00Z",
        "ContractedCost": "10.00",
        "EffectiveCost": "10.00",
        "InvoiceIssuerName": "Example Cloud",
        "ListCost": "12.00",
        "PricingQuantity": "1",
        "PricingUnit": "Hours",
        "ProviderName": "Example Cloud",
        "PublisherName": "Example Cloud",
        "ServiceCategory": "Compute",
        "ServiceName": "VMs",
    }
    row.update(values)
    return row


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, make) -> Path:
    """The folder `make(folder)` fills, made once per test run, not once per pytest-xdist
    worker: the first worker to ask makes it in the run's shared temporary folder (under a
    file lock); the others wait for it and use it as it is."""
    import shutil

    from filelock import FileLock

    # Under xdist, each worker's temporary folder sits in the run's own folder.
    run_folder = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run_folder = run_folder.parent
    shared = run_folder / f"shared-{name}"
    with FileLock(str(shared) + ".lock"):
        if not (shared / "done").exists():
            shutil.rmtree(shared, ignore_errors=True)
            shared.mkdir(parents=True)
            make(shared)
            (shared / "done").touch()
    return shared


def _worker_copy(tmp_path_factory: pytest.TempPathFactory, built: Path) -> Path:
    """A copy of a shared database file for this worker to open as it likes."""
    import shutil

    db = tmp_path_factory.mktemp(built.stem) / built.name
    shutil.copy2(built, db)
    return db


@pytest.fixture(scope="session")
def real_sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The FinOps Foundation's real multi-provider FOCUS 1.0 sample, built once per run."""

    def make(folder: Path) -> None:
        run_unitcost(
            "build",
            "--focus",
            str(SAMPLES / "multi-provider_aws-azure-oci" / "focus_sample.csv"),
            "--db",
            str(folder / "real.duckdb"),
            check=True,
        )

    shared = built_once(tmp_path_factory, "real-sample-build", make)
    return _worker_copy(tmp_path_factory, shared / "real.duckdb")


PROJECT_PARTS = [
    "dbt_project.yml",
    "profiles.yml",
    "models",
    "macros",
    "seeds",
    "tests",
    "analyses",
]


def project_copy(destination: Path) -> Path:
    """A copy of the dbt project whose seeds a test may edit (the checkout stays untouched)."""
    import shutil

    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part)
        else:
            shutil.copy2(source, destination / part)
    return destination


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demo data at its default size, built once with the real CLI: (demo folder, database).

    Built once per test run (built_once); each worker gets its own copy of the database.
    """

    def make(folder: Path) -> None:
        run_unitcost("demo", "--out", str(folder / "demo"), check=True)
        build_demo(folder / "demo", folder / "demo.duckdb")

    shared = built_once(tmp_path_factory, "demo-build", make)
    return shared / "demo", _worker_copy(tmp_path_factory, shared / "demo.duckdb")


# The demo as test_unit_costs and test_value_kpis build it (once per run, for both): without
# its `workloads` metric (a company that has not started reporting it yet), plus one value
# file of storefront revenue invoiced in EUR in March 2026.
VARIANT_DROPPED_METRIC = "workloads"
VARIANT_EUR_REVENUE = {
    "date": "2026-03",
    "scope": "storefront",
    "metric": "revenue",
    "value": "1000.00",
    "unit": "EUR",
    "source": "test-eur-invoices",
}


@pytest.fixture(scope="session")
def demo_variant_build(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The demo without its workloads metric and with the EUR revenue file, built once per
    run: {"demo": folder, "db": this worker's copy, "values": the business metric rows}."""

    def make(folder: Path) -> None:
        demo = folder / "demo"
        run_unitcost("demo", "--out", str(demo), check=True)
        values = demo / "values" / "business_metrics.csv"
        with values.open(newline="") as handle:
            rows = [r for r in csv.DictReader(handle) if r["metric"] != VARIANT_DROPPED_METRIC]
        with values.open("w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        write_csv(demo / "values" / "eur_revenue.csv", [VARIANT_EUR_REVENUE])
        build_demo(demo, folder / "variant.duckdb")

    shared = built_once(tmp_path_factory, "demo-variant-build", make)
    demo = shared / "demo"
    with (demo / "values" / "business_metrics.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {
        "demo": demo,
        "db": _worker_copy(tmp_path_factory, shared / "variant.duckdb"),
        "values": rows,
    }
