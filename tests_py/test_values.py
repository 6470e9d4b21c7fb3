"""Business value data, units, usage quantities and non-cloud TCO lines, built for real.

The demo data plus a hand-written value file with good and bad rows go through the real
`unitcost demo` and a plain `dbt build --vars ...` in the project (the runner learns
`--values` later). Expected values are worked out here, in Python, from the input files
and the seeds, never read back from the models.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ROOT, query, run_unitcost, write_csv

DBT = str(Path(sys.executable).parent / "dbt")
GIB_IN_GB = Decimal("1.073741824")

VALUE_COLUMNS = ["Date", "SCOPE", "metric", "Value", "Unit", "source", "team"]
GOOD_ROWS = [
    # (row, period_start, period_end, grain, canonical_value, canonical_unit)
    (
        {"Date": "2025-10-15", "SCOPE": "storefront", "metric": " Orders ", "Value": "12"},
        date(2025, 10, 15),
        date(2025, 10, 16),
        "day",
        Decimal("12"),
        "Count",
    ),
    (
        # a month, money in EUR: converted at the November 2025 rate of seeds/fx_rates.csv
        {
            "Date": "2025-11",
            "SCOPE": "search",
            "metric": "revenue",
            "Value": "200.00",
            "Unit": "eur",
        },
        date(2025, 11, 1),
        date(2025, 12, 1),
        "month",
        Decimal("200.00") * Decimal("1.1560"),
        "USD",
    ),
    (
        {
            "Date": "2025-10-15",
            "SCOPE": "data-platform",
            "metric": "gb_stored",
            "Value": "2",
            "Unit": "GiB",
        },
        date(2025, 10, 15),
        date(2025, 10, 16),
        "day",
        2 * GIB_IN_GB,
        "GB",
    ),
    (
        {
            "Date": "2025-10-15",
            "SCOPE": "assistant",
            "metric": "tokens",
            "Value": "1.5",
            "Unit": "1000000  Tokens",
        },
        date(2025, 10, 15),
        date(2025, 10, 16),
        "day",
        Decimal("1500000"),
        "Token",
    ),
]
BAD_ROWS = [
    # (overrides, rule, reason)
    (
        {"Date": "2025-11-31"},
        "unparseable_date",
        "date '2025-11-31' is not a day (YYYY-MM-DD) or a month (YYYY-MM)",
    ),
    (
        {"Date": "10/15/2025"},
        "unparseable_date",
        "date '10/15/2025' is not a day (YYYY-MM-DD) or a month (YYYY-MM)",
    ),
    (
        {"Value": "12,5"},
        "unparseable_number",
        "value '12,5' is not a number (no thousands separators or currency symbols)",
    ),
    ({"SCOPE": ""}, "missing_value", "scope is empty but mandatory"),
    ({"Value": "NULL"}, "missing_value", "value is empty but mandatory"),
    ({"Unit": "Furlongs"}, "unknown_unit", "unit 'Furlongs' is not in seeds/units.csv"),
    ({"SCOPE": "web-shop"}, "unknown_scope", "scope 'web-shop' is not in seeds/scopes.csv"),
    (
        {"Unit": "JPY", "metric": "revenue"},
        "no_fx_rate",
        "no FX rate from JPY to USD on 2025-10-15 in seed fx_rates",
    ),
]
BASE_ROW = {
    "Date": "2025-10-15",
    "SCOPE": "storefront",
    "metric": "orders",
    "Value": "7",
    "Unit": "Count",
    "source": "hand",
    "team": "web",
}


def dbt(*args: str, db: Path, work: Path, dbt_vars: dict) -> subprocess.CompletedProcess:
    """Plain dbt in the project, on our own database, target and log folders."""
    env = dict(os.environ)
    env.update(
        UNITCOST_DB=str(db),
        DBT_TARGET_PATH=str(work / "target"),
        DBT_LOG_PATH=str(work / "logs"),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    return subprocess.run(
        [DBT, *args, "--vars", json.dumps(dbt_vars)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.fixture(scope="module")
def values_build(tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = tmp_path_factory.mktemp("values")
    demo_dir = work / "demo"
    run_unitcost("demo", "--out", str(demo_dir), check=True)
    rows = [{**BASE_ROW, **good} for good, *_ in GOOD_ROWS]
    rows += [{**BASE_ROW, **bad} for bad, _, _ in BAD_ROWS]
    hand = write_csv(work / "more_values" / "q4" / "hand.csv", rows, VALUE_COLUMNS)
    db = work / "values.duckdb"
    dbt_vars = {
        "focus_paths": [str(demo_dir / "focus")],
        "value_paths": [str(demo_dir / "values"), str(work / "more_values")],
    }
    proc = dbt("build", "--exclude", "test_type:unit", db=db, work=work, dbt_vars=dbt_vars)
    assert proc.returncode == 0, proc.stdout[-5000:] + proc.stderr[-2000:]
    return {"db": db, "hand": hand, "demo": demo_dir, "work": work, "vars": dbt_vars}


def test_each_bad_value_row_is_rejected_with_its_rule_and_reason(values_build) -> None:
    hand = str(values_build["hand"])
    rejects = {
        r[0]: r[1:]
        for r in query(
            values_build["db"],
            "select source_row_number, reject_rule, reject_reason, raw_values "
            "from fct_value_rejects where source_file = ?",
            [hand],
        )
    }
    first_bad = len(GOOD_ROWS) + 1
    assert sorted(rejects) == list(range(first_bad, first_bad + len(BAD_ROWS)))
    for i, (overrides, rule, reason) in enumerate(BAD_ROWS):
        got_rule, got_reason, raw = rejects[first_bad + i]
        assert (got_rule, got_reason) == (rule, reason)
        raw_values = json.loads(raw)
        # values as written, extra columns kept under their own names
        assert raw_values["team"] == "web"
        for column, written in overrides.items():
            if written:
                assert raw_values[column.lower()] == written


def test_good_value_rows_are_typed_and_converted(values_build) -> None:
    rows = query(
        values_build["db"],
        "select source_row_number, period_start, period_end, period_grain, metric, "
        "canonical_value, canonical_unit, source, extra_columns "
        "from fct_business_metrics where source_file = ? order by source_row_number",
        [str(values_build["hand"])],
    )
    assert len(rows) == len(GOOD_ROWS)
    for got, (given, start, end, grain, value, unit) in zip(rows, GOOD_ROWS, strict=True):
        assert got[1:4] == (start, end, grain)
        assert got[4] == given["metric"].strip().lower()
        assert got[5] == value.quantize(Decimal("0.000000000001"))
        assert got[6] == unit
        assert got[7] == "hand"
        assert json.loads(got[8]) == {"team": "web"}


def test_demo_values_are_all_accepted_with_totals_read_from_the_file(values_build) -> None:
    path = values_build["demo"] / "values" / "business_metrics.csv"
    expected: dict[tuple[str, str], list] = defaultdict(lambda: [0, Decimal(0)])
    with path.open(newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["scope"], row["metric"])
            expected[key][0] += 1
            expected[key][1] += Decimal(row["value"])
    got = {
        (scope, metric): [n, total]
        for scope, metric, n, total in query(
            values_build["db"],
            "select scope_id, metric, count(*), sum(canonical_value) from fct_business_metrics "
            "where source_file = ? group by all",
            [str(path)],
        )
    }
    # The demo's units (Count, USD, Requests, Tokens, GB, Index) all have factor 1 and the
    # reporting currency is USD, so canonical values are the values as written.
    assert got == {k: v for k, v in expected.items()}
    rejected = query(
        values_build["db"],
        "select count(*) from fct_value_rejects where source_file = ?",
        [str(path)],
    )
    assert rejected == [(0,)]


def test_every_value_row_read_is_accepted_or_rejected(values_build) -> None:
    files = query(
        values_build["db"],
        "select source_file, is_loaded from staging.stg_values__files order by 1",
    )
    assert (str(values_build["hand"]), True) in files
    assert ("seeds/manual_values.csv", True) in files
    hand_lines = len(values_build["hand"].read_text().splitlines()) - 1
    counts = dict(
        query(
            values_build["db"],
            "select source_file, count(*) from ("
            " select source_file from fct_business_metrics"
            " union all select source_file from fct_value_rejects) group by 1",
        )
    )
    assert counts[str(values_build["hand"])] == hand_lines == len(GOOD_ROWS) + len(BAD_ROWS)


def test_tco_lines_are_spread_over_their_days_and_converted(values_build) -> None:
    rates = []
    with (ROOT / "seeds" / "fx_rates.csv").open(newline="") as handle:
        for r in csv.DictReader(handle):
            rates.append(r)

    def rate(currency: str, day: date) -> Decimal:
        if currency == "USD":
            return Decimal(1)
        for r in rates:
            if (
                r["from_currency"] == currency
                and r["to_currency"] == "USD"
                and date.fromisoformat(r["valid_from"]) <= day < date.fromisoformat(r["valid_to"])
            ):
                return Decimal(r["rate"])
        raise AssertionError(f"no rate for {currency} on {day}")

    got = {
        line: (days, amount, cost)
        for line, days, amount, cost in query(
            values_build["db"],
            "select tco_line_id, count(*), sum(daily_amount), sum(daily_cost) "
            "from intermediate.int_tco_costs_daily group by 1",
        )
    }
    with (ROOT / "seeds" / "tco_lines.csv").open(newline="") as handle:
        lines = list(csv.DictReader(handle))
    assert set(got) == {line["tco_line_id"] for line in lines}
    for line in lines:
        start = date.fromisoformat(line["period_start"])
        end = date.fromisoformat(line["period_end"])
        days = (end - start).days
        amount = Decimal(line["amount"])
        cost = sum(
            amount / days * rate(line["currency"], start + timedelta(d)) for d in range(days)
        )
        got_days, got_amount, got_cost = got[line["tco_line_id"]]
        assert got_days == days
        assert got_amount == amount  # the days add up to the amount exactly
        assert abs(got_cost - cost) < Decimal("0.000001")


def test_every_charge_has_its_quantities_in_canonical_units(values_build) -> None:
    db = values_build["db"]
    charges, quantities, problems = query(
        db,
        "select (select count(*) from fct_charges),"
        " (select count(*) from intermediate.int_charge_quantities),"
        " (select count(*) from intermediate.int_charge_quantities where unit_problem is not null)",
    )[0]
    assert quantities == charges > 0
    assert problems == 0  # every unit of the demo bill is in seeds/units.csv
    per_unit = dict(
        query(
            db,
            "select c.consumed_unit, sum(c.consumed_quantity) from fct_charges as c"
            " where c.consumed_unit is not null group by 1",
        )
    )
    canonical = {
        (unit, cu): total
        for unit, cu, total in query(
            db,
            "select consumed_unit, consumed_canonical_unit, sum(consumed_canonical_quantity)"
            " from intermediate.int_charge_quantities"
            " where consumed_unit is not null group by 1, 2",
        )
    }
    factors = {
        "GB": ("GB", 1),
        "GiB": ("GB", GIB_IN_GB),
        "TiB": ("GB", 1024 * GIB_IN_GB),
        "GB-Months": ("GB-Month", 1),
        "GB/Month": ("GB-Month", 1),
        "GiB-Months": ("GB-Month", GIB_IN_GB),
        "Hours": ("Hour", 1),
        "Requests": ("Request", 1),
        "Tokens": ("Token", 1),
    }
    assert set(per_unit) == set(factors)
    for unit, total in per_unit.items():
        canonical_unit, factor = factors[unit]
        assert abs(canonical[unit, canonical_unit] - total * factor) < Decimal("0.0001"), unit
    # Priced per million: the pricing quantity in canonical units is the consumed quantity.
    million = query(
        db,
        "select pricing_unit, sum(pricing_canonical_quantity) - sum(consumed_canonical_quantity)"
        " from intermediate.int_charge_quantities"
        " where pricing_unit in ('1000000 Requests', '1000000 Tokens') group by 1",
    )
    assert sorted(million) == [("1000000 Requests", 0), ("1000000 Tokens", 0)]


def test_every_unit_of_the_real_focus_sample_is_known(real_sample_db) -> None:
    unknown = query(
        real_sample_db,
        "select distinct unit_problem from intermediate.int_charge_quantities"
        " where unit_problem is not null",
    )
    assert unknown == []


def test_preflight_names_bad_value_files_and_lists_metric_names(values_build) -> None:
    work = values_build["work"]
    not_values = write_csv(work / "odd" / "costs.csv", [{"day": "2025-10-01", "amount": "3"}])
    missing = work / "no-such-folder"
    proc = dbt(
        "run-operation",
        "unitcost_inspect_values",
        db=work / "preflight.duckdb",
        work=work,
        dbt_vars={
            "value_paths": [
                str(not_values.parent),
                str(missing),
                *values_build["vars"]["value_paths"],
            ]
        },
    )
    assert proc.returncode == 0, proc.stdout[-3000:]
    line = next(x for x in proc.stdout.splitlines() if "UNITCOST_VALUE_PLAN " in x)
    plan = json.loads(line.split("UNITCOST_VALUE_PLAN ", 1)[1])
    assert plan["problems"] == [
        f"{missing}: no value file found (looked for .csv, .csv.gz, .parquet files;"
        " folders are searched recursively)",
        f"{not_values}: not value data: missing columns date, scope, metric, value, unit"
        " (value files need date, scope, metric, value, unit and optionally source;"
        " found: day, amount)",
    ]
    demo_metrics = set()
    for path in sorted((values_build["demo"] / "values").glob("*.csv")):
        with path.open(newline="") as handle:
            demo_metrics |= {row["metric"] for row in csv.DictReader(handle)}
    assert set(plan["metrics"]) == demo_metrics | {"orders", "revenue", "gb_stored", "tokens"}
