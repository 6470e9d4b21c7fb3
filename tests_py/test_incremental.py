"""Incremental builds give the same marts as a full refresh, and a build that dies
leaves the previous build whole.

The demo's 13 billing periods arrive as a provider would deliver them: 12 months,
then month 13, then month 12 again with changed costs, then nothing new. Each step
is `unitcost build` on the same database, as a user runs it; at the end every public
mart (every table of the main schema) is compared row for row with a full refresh of
the same final files in another database.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT, UNITCOST, query, run_unitcost

from unitcost.marts import public_tables

# End to end (several builds, a browser): `make test-e2e`, which CI runs too.
pytestmark = pytest.mark.e2e

LAST = "billing_period=2026-10"
REDELIVERED = "billing_period=2026-09"


def public_marts(db: Path) -> list[str]:
    """Every table and view of the main schema (fct_charges is a view)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(public_tables(con))
    finally:
        con.close()


def differences(a: Path, b: Path) -> dict[str, tuple[int, int]]:
    """Per mart, rows only in a and rows only in b (multiset difference)."""
    con = duckdb.connect()
    try:
        con.execute(f"attach '{a}' as a (read_only)")
        con.execute(f"attach '{b}' as b (read_only)")
        found = {}
        for table in public_marts(a):
            only_a = con.execute(
                f"select count(*) from (select * from a.main.{table} "
                f"except all select * from b.main.{table})"
            ).fetchone()[0]
            only_b = con.execute(
                f"select count(*) from (select * from b.main.{table} "
                f"except all select * from a.main.{table})"
            ).fetchone()[0]
            if only_a or only_b:
                found[table] = (only_a, only_b)
        return found
    finally:
        con.close()


def redeliver(folder: Path, factor: str) -> Decimal:
    """Rewrite every Parquet file under folder with its costs times factor (newer mtime).

    Returns the BilledCost of the folder after the change, computed here from the files.
    """
    con = duckdb.connect()
    try:
        for path in sorted(folder.rglob("*.parquet")):
            tmp = path.with_suffix(".tmp")
            cols = [r[0] for r in con.execute(f"describe select * from '{path}'").fetchall()]
            scaled = {"BilledCost", "EffectiveCost", "ListCost", "ContractedCost"}
            select = ", ".join(
                f"cast({c} * {factor} as decimal(38, 12)) as {c}" if c in scaled else f'"{c}"'
                for c in cols
            )
            con.execute(f"copy (select {select} from '{path}') to '{tmp}' (format parquet)")
            os.replace(tmp, path)
            later = time.time() + 5
            os.utime(path, (later, later))
        return con.execute(
            f"select sum(BilledCost) from read_parquet('{folder}/**/*.parquet')"
        ).fetchone()[0]
    finally:
        con.close()


def build(focus: Path, values: Path, db: Path, *extra: str) -> str:
    proc = run_unitcost(
        "build", "--focus", str(focus), "--values", str(values), "--db", str(db), *extra
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def deliveries(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("incremental")
    demo = root / "demo"
    run_unitcost("demo", "--out", str(demo), "--rows", "8000", check=True)
    focus, values = root / "focus", demo / "values"
    # Month 13 held back: copy everything else.
    shutil.copytree(demo / "focus", focus, ignore=shutil.ignore_patterns(LAST))
    db = root / "incremental.duckdb"
    outputs = {"first": build(focus, values, db)}
    first_periods = query(db, "select count(distinct billing_period) from fct_charges")[0][0]
    # Month 13 arrives.
    for provider in sorted((demo / "focus").iterdir()):
        if (provider / LAST).is_dir():
            shutil.copytree(provider / LAST, focus / provider.name / LAST)
    outputs["added"] = build(focus, values, db)
    # Month 12 of one provider is delivered again with costs 3 % higher.
    aws_month = focus / "provider=aws" / REDELIVERED
    before = query(
        db,
        "select sum(billing_currency_billed_cost) from fct_charges "
        "where provider_name = 'AWS' and billing_period = date '2026-09-01'",
    )[0][0]
    after = redeliver(aws_month, "1.03")
    outputs["redelivered"] = build(focus, values, db)
    outputs["unchanged"] = build(focus, values, db)
    full = root / "full.duckdb"
    build(focus, values, full)
    return {
        "db": db,
        "full": full,
        "outputs": outputs,
        "first_periods": first_periods,
        "before": before,
        "after": after,
        "focus": focus,
        "values": values,
    }


def test_incremental_builds_equal_a_full_refresh(deliveries) -> None:
    db, full = deliveries["db"], deliveries["full"]
    assert deliveries["first_periods"] == 12
    assert query(full, "select count(distinct billing_period) from fct_charges")[0][0] == 13
    marts = public_marts(full)
    assert {"fct_charges", "fct_scope_costs", "fct_cost_allocations", "kpi_ai_roi"} <= set(marts)
    assert public_marts(db) == marts
    assert differences(db, full) == {}


def test_redelivered_month_replaces_the_old_costs(deliveries) -> None:
    db = deliveries["db"]
    billed = query(
        db,
        "select sum(billing_currency_billed_cost) from fct_charges "
        "where provider_name = 'AWS' and billing_period = date '2026-09-01'",
    )[0][0]
    # Replaced, never appended: the new delivery's total, 1.03 x the old one.
    assert billed == deliveries["after"]
    assert abs(billed - deliveries["before"] * Decimal("1.03")) < Decimal("0.000001")


def test_each_step_builds_only_what_changed(deliveries) -> None:
    out = deliveries["outputs"]
    assert "full build (no previous build in this database)" in out["first"]
    aws_files = len(list((deliveries["focus"] / "provider=aws" / REDELIVERED).rglob("*.parquet")))
    assert f"incremental: 0 new, {aws_files} changed, 0 removed" in out["redelivered"]
    added = len(list(deliveries["focus"].glob(f"*/{LAST}/*.parquet")))
    assert added > 0
    assert f"incremental: {added} new, 0 changed, 0 removed" in out["added"]
    assert "Nothing changed since the last build" in out["unchanged"]


def test_a_changed_setting_needs_a_full_refresh(
    deliveries, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The plan (what `unitcost build` asks dbt before building): the same inputs
    # with a setting that changes how files are read cannot be built incrementally.
    from unitcost.build import build_plan, focus_vars

    monkeypatch.setenv("DBT_TARGET_PATH", str(tmp_path / "target"))
    monkeypatch.setenv("DBT_LOG_PATH", str(tmp_path / "logs"))
    monkeypatch.setenv("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")

    focus, values = [str(deliveries["focus"])], [str(deliveries["values"])]
    same = build_plan(focus_vars(focus, values=values), deliveries["db"])
    assert same["full_refresh_needed"] is False
    assert same["new"] == same["changed"] == same["removed"] == []
    assert same["value_data_changed"] is False
    other = focus_vars(focus, timestamp_formats=("%d.%m.%Y",), values=values)
    assert build_plan(other, deliveries["db"])["full_refresh_needed"] is True


def test_a_build_killed_midway_leaves_the_previous_build(deliveries, tmp_path: Path) -> None:
    db, before = tmp_path / "killed.duckdb", tmp_path / "before.duckdb"
    shutil.copyfile(deliveries["db"], db)
    shutil.copyfile(deliveries["db"], before)
    focus = tmp_path / "focus"
    shutil.copytree(deliveries["focus"], focus)
    redeliver(focus / "provider=aws" / REDELIVERED, "2")
    env = dict(os.environ, DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    env["DBT_TARGET_PATH"] = str(tmp_path / "target")
    env["DBT_LOG_PATH"] = str(tmp_path / "logs")
    args = ["build", "--focus", str(focus), "--values", str(deliveries["values"])]
    proc = subprocess.Popen(
        [*UNITCOST, *args, "--db", str(db)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    assert proc.stdout is not None
    seen = []
    for line in proc.stdout:
        seen.append(line)
        # Kill the whole build (runner and dbt) once the new scoped charges are written.
        if "int_charges_scoped" in line and "OK" in line:
            os.killpg(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "".join(seen)
    assert differences(before, db) == {}
    # The next build resumes: it finishes the interrupted work.
    out = build(focus, deliveries["values"], db)
    assert "incremental:" in out
    assert differences(before, db) != {}
