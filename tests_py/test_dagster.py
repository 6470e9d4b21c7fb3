"""The Dagster definitions (unitcost.orchestration), loaded and run in-process.

One real build of a small demo (real dbt, a real DuckDB file) through the job the
schedule runs, configured by a unitcost.yml; then a second run that finds nothing
changed, and the sensor on the demo's files. Expected values come from the demo's
Parquet files (read with pyarrow), the project's files and the dbt manifest, never
from the run under test.
"""

from __future__ import annotations

import json
import os
import shutil
from decimal import Decimal
from pathlib import Path

import dagster as dg
import pyarrow.parquet as pq
import pytest
from conftest import ROOT, query, run_unitcost

from unitcost import demo, orchestration

DEMO_ROWS = demo.MIN_ROWS  # the smallest demo: every meter and period


@pytest.fixture(scope="module")
def dagster_build(tmp_path_factory: pytest.TempPathFactory):
    """The definitions for a unitcost.yml on a small demo, and the results of two runs."""
    root = tmp_path_factory.mktemp("dagster")
    run_unitcost("demo", "--rows", str(DEMO_ROWS), "--out", str(root / "demo"), check=True)
    # the starter file of `unitcost init`, as a user would write it
    init = ("--focus", "demo/focus", "--values", "demo/values", "--db", "warehouse/unitcost.duckdb")
    run_unitcost("init", *init, cwd=root, check=True)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("UNITCOST_CONFIG", str(root / "unitcost.yml"))
        for name in ("UNITCOST_DB", "UNITCOST_MEMORY_LIMIT", "UNITCOST_PROJECT_DIR"):
            env.delenv(name, raising=False)  # make exports UNITCOST_DB: the file decides here
        env.setenv("DBT_TARGET_PATH", str(root / "target"))
        env.setenv("DBT_LOG_PATH", str(root / "logs"))
        defs = orchestration.build_definitions()
        instance = dg.DagsterInstance.ephemeral()
        job = defs.resolve_job_def(orchestration.JOB_NAME)
        first = job.execute_in_process(instance=instance)
        again = job.execute_in_process(instance=instance)
        built = _database_state(root / "warehouse" / "unitcost.duckdb")
        # the same database with a file that is not FOCUS among the inputs
        (root / "bad").mkdir()
        (root / "bad" / "invoice.csv").write_text("invoice,amount\nA-1,10.00\n")
        (root / "bad.yml").write_text(
            "focus: [demo/focus, bad]\nvalues: demo/values\ndatabase: warehouse/unitcost.duckdb\n"
        )
        bad_job = orchestration.build_definitions(str(root / "bad.yml")).resolve_job_def(
            orchestration.JOB_NAME
        )
        bad = bad_job.execute_in_process(instance=instance, raise_on_error=False)
        yield {
            "root": root,
            "defs": defs,
            "first": first,
            "again": again,
            "bad": bad,
            "built": built,
        }


def _database_state(db: Path) -> tuple:
    """What a reader of the database sees: its file and what fct_charges holds."""
    stat = db.stat()
    rows = query(db, "select count(*), sum(effective_cost) from fct_charges")[0]
    return stat.st_size, stat.st_mtime_ns, rows


def _materialized(result) -> dict[str, dg.AssetMaterialization]:
    return {
        m.asset_key.to_user_string(): m
        for m in result.asset_materializations_for_node("unitcost_dbt")
    }


def _check_results(result) -> list:
    return [
        e.event_specific_data
        for e in result.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION"
    ]


def _manifest() -> dict:
    return json.loads((ROOT / orchestration.MANIFEST_TARGET / "manifest.json").read_text())


def test_every_model_and_seed_is_an_asset_and_every_dbt_test_a_check(dagster_build) -> None:
    assets = dagster_build["defs"].resolve_assets_def(dg.AssetKey("fct_charges"))
    names = {key.path[-1] for key in assets.keys}
    models = {p.stem for p in (ROOT / "models").rglob("*.sql")}
    seeds = {p.stem for p in (ROOT / "seeds").glob("*.csv")}
    assert names == models | seeds
    tests = {n["name"] for n in _manifest()["nodes"].values() if n["resource_type"] == "test"}
    singular = {p.stem for p in (ROOT / "tests").rglob("*.sql")}
    assert singular <= tests
    assert {key.name for key in assets.check_keys} == tests


def test_the_run_materializes_every_asset_and_passes_every_check(dagster_build) -> None:
    first = dagster_build["first"]
    assert first.success
    materialized = _materialized(first)
    assets = dagster_build["defs"].resolve_assets_def(dg.AssetKey("fct_charges"))
    assert set(materialized) == {key.to_user_string() for key in assets.keys}
    checks = _check_results(first)
    assert len(checks) == len(assets.check_keys)
    # Only the warn-severity checks of the demo's planted breach and anomalies fail.
    failed = {c.check_name: c.severity for c in checks if not c.passed}
    assert failed == {
        "warn_unit_cost_outside_target_band": dg.AssetCheckSeverity.WARN,
        "warn_unit_cost_anomaly_open": dg.AssetCheckSeverity.WARN,
    }
    assert {"assert_focus_rows_conserved", "assert_scope_costs_conserve_charges"} <= {
        c.check_name for c in checks if c.asset_key.path[-1] in ("fct_charges", "fct_scope_costs")
    }


def test_the_database_holds_the_demo_bill(dagster_build) -> None:
    root = dagster_build["root"]
    db = root / "warehouse" / "unitcost.duckdb"  # the database of unitcost.yml
    assert db.is_file()
    assert not db.with_name(db.name + ".building").exists()  # published, copy gone
    expected: dict[str, Decimal] = {}
    for part in sorted((root / "demo" / "focus").rglob("*.parquet")):
        table = pq.read_table(part, columns=["BillingCurrency", "EffectiveCost"])
        for currency, cost in zip(
            table["BillingCurrency"].to_pylist(), table["EffectiveCost"].to_pylist(), strict=True
        ):
            expected[currency] = expected.get(currency, Decimal(0)) + Decimal(str(cost))
    assert query(db, "select count(*) from fct_charge_rejects") == [(0,)]
    staged = dict(
        query(
            db,
            "select billing_currency, sum(billing_currency_effective_cost) "
            "from fct_charges group by 1",
        )
    )
    assert set(staged) == set(expected)
    for currency, cost in expected.items():
        assert abs(staged[currency] - cost) < Decimal("0.000001"), currency
    kpi_rows = query(db, "select count(*) from kpi_cost_per_api_call where api_calls > 0")
    assert kpi_rows[0][0] > 0


def test_the_run_records_the_billing_periods_it_rebuilt(dagster_build) -> None:
    charges = _materialized(dagster_build["first"])["fct_charges"]
    folders = (dagster_build["root"] / "demo" / "focus").glob("provider=*/billing_period=*")
    periods = sorted({folder.name.split("=", 1)[1] for folder in folders})
    assert len(periods) == 13
    assert charges.metadata[orchestration.PERIODS_METADATA].value == periods
    assert charges.metadata["unitcost/incremental"].value is False


def test_a_run_with_nothing_changed_builds_nothing(dagster_build) -> None:
    again = dagster_build["again"]
    assert again.success
    assert _materialized(again) == {}
    assert _check_results(again) == []


def test_the_daily_schedule_runs_the_build_job(dagster_build) -> None:
    defs = dagster_build["defs"]
    schedule = defs.resolve_schedule_def(orchestration.SCHEDULE_NAME)
    assert schedule.cron_schedule == "0 6 * * *"
    assert schedule.execution_timezone == "UTC"
    assert schedule.job_name == orchestration.JOB_NAME
    job = defs.resolve_job_def(orchestration.JOB_NAME)
    every_asset = defs.resolve_assets_def(dg.AssetKey("fct_charges")).keys
    assert job.asset_layer.selected_asset_keys == every_asset


def test_the_sensor_starts_a_build_when_an_input_file_changes(dagster_build) -> None:
    defs, root = dagster_build["defs"], dagster_build["root"]
    sensor = defs.resolve_sensor_def(orchestration.SENSOR_NAME)
    resources = {"unitcost": defs.resources["unitcost"]}

    def tick(cursor: str | None):
        with dg.build_sensor_context(cursor=cursor, resources=resources) as context:
            return sensor(context)

    first = tick(None)
    assert [r.job_name or sensor.job_name for r in first.run_requests] == [orchestration.JOB_NAME]
    assert isinstance(tick(first.cursor), dg.SkipReason)
    redelivered = next((root / "demo" / "focus").rglob("*.parquet"))
    stat = redelivered.stat()
    os.utime(redelivered, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    after = tick(first.cursor)
    assert len(after.run_requests) == 1 and after.cursor != first.cursor


def test_a_run_with_a_bad_input_file_fails_and_builds_nothing(dagster_build) -> None:
    bad, root = dagster_build["bad"], dagster_build["root"]
    assert not bad.success
    assert _materialized(bad) == {} and _check_results(bad) == []
    failure = bad.failure_data_for_node("unitcost_dbt").error.message
    assert "nothing was built" in failure and "invoice.csv" in failure
    db = root / "warehouse" / "unitcost.duckdb"
    assert _database_state(db) == dagster_build["built"]  # the previous build, untouched
    assert not db.with_name(db.name + ".building").exists()


@pytest.mark.e2e
def test_a_failing_dbt_test_fails_the_run_and_keeps_the_previous_database(dagster_build) -> None:
    # a part file delivered twice into one export: fct_charges.charge_key is no longer unique
    root, defs = dagster_build["root"], dagster_build["defs"]
    db = root / "warehouse" / "unitcost.duckdb"
    before = _database_state(db)
    part = next((root / "demo" / "focus").rglob("part-00000.parquet"))
    twin = part.with_name("part-00001.parquet")
    shutil.copy2(part, twin)
    try:
        job = defs.resolve_job_def(orchestration.JOB_NAME)
        result = job.execute_in_process(raise_on_error=False)
    finally:
        twin.unlink()
    assert not result.success
    assert _materialized(result) == {}
    failure = result.failure_data_for_node("unitcost_dbt").error.message
    assert "dbt build failed" in failure
    assert "unitcost_unique_combination_fct_charges_charge_key" in failure
    assert "unitcost.duckdb is unchanged" in failure
    assert _database_state(db) == before
    assert not db.with_name(db.name + ".building").exists()
