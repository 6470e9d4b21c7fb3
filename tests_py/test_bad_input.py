"""Bad input: clear errors naming the file, row and rule; never a partial, silent result."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SAMPLES, focus_row, query, run_unitcost, write_csv

# End to end (several builds each): `make test-e2e`, which CI runs too.
pytestmark = pytest.mark.e2e

BAD_ROWS = [
    # (overrides, rule, words the reason must contain)
    ({"BilledCost": "12,50"}, "unparseable_number", "BilledCost '12,50' is not a number"),
    (
        {"ChargePeriodStart": "2024-09-31T00:00:00Z"},
        "unparseable_timestamp",
        "ChargePeriodStart '2024-09-31T00:00:00Z' is not an ISO 8601 date/time",
    ),
    (
        {"ChargeCategory": "Refund"},
        "unknown_value",
        "ChargeCategory 'Refund' is not a FOCUS value (Usage, Purchase, Tax, Credit, Adjustment)",
    ),
    ({"BillingAccountId": "NULL"}, "missing_value", "BillingAccountId is empty but mandatory"),
    ({"Tags": "team=web"}, "invalid_tags", "Tags is not a JSON object: 'team=web'"),
    (
        {"BillingCurrency": "JPY"},
        "no_fx_rate",
        "no FX rate from JPY to USD on 2024-09-05 in seed fx_rates",
    ),
    (
        {"ChargePeriodEnd": "2024-09-04T00:00:00Z"},
        "invalid_period",
        "ChargePeriodEnd is before ChargePeriodStart",
    ),
]


@pytest.fixture(scope="module")
def bad_rows_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("bad")
    rows = [focus_row(BilledCost="1.00", EffectiveCost="1.00", Tags='{"team": "web"}')]
    rows += [
        focus_row(**{"BilledCost": "2.00", "EffectiveCost": "2.00", **o}) for o, _, _ in BAD_ROWS
    ]
    rows.append(focus_row(BillingCurrency="EUR", BilledCost="100.00", EffectiveCost="100.00"))
    path = write_csv(root / "export" / "bad.csv", rows)
    value_row = {"date": "2024-09-05", "scope": "storefront", "metric": "api_calls"}
    value_row |= {"value": "3", "unit": "Requests", "source": "gateway"}
    values = write_csv(
        root / "values" / "values.csv",
        [
            value_row,
            {**value_row, "scope": "Storefront"},
            {**value_row, "scope": "web-shop"},
            {**value_row, "unit": "Furlongs"},
        ],
    )
    db = root / "bad.duckdb"
    proc = run_unitcost(
        "build", "--focus", str(path), "--values", str(values), "--db", str(db), check=True
    )
    return path, db, proc.stdout


def test_each_bad_row_is_rejected_with_its_rule_and_reason(bad_rows_build) -> None:
    path, db, _ = bad_rows_build
    rejects = {
        r[0]: r[1:]
        for r in query(
            db,
            "select source_row_number, source_file, reject_rule, reject_reason, raw_values "
            "from fct_charge_rejects",
        )
    }
    assert sorted(rejects) == list(range(2, 2 + len(BAD_ROWS)))
    for offset, (overrides, rule, words) in enumerate(BAD_ROWS):
        source_file, got_rule, reason, raw = rejects[2 + offset]
        assert source_file == str(path)
        assert got_rule == rule
        assert words in reason
        raw_values = json.loads(raw)
        for column, value in overrides.items():
            if value != "NULL":
                assert raw_values[column] == value


def test_good_rows_are_staged_and_converted(bad_rows_build) -> None:
    _, db, stdout = bad_rows_build
    rows = query(
        db,
        "select source_row_number, billing_currency, billed_cost, "
        "billing_currency_billed_cost, fx_rate "
        "from fct_charges order by 1",
    )
    # Row 1 in USD; the last row 100 EUR at the seed's September 2024 EUR->USD rate (1.1110).
    assert rows == [
        (1, "USD", Decimal("1"), Decimal("1"), Decimal("1")),
        (len(BAD_ROWS) + 2, "EUR", Decimal("111.1"), Decimal("100"), Decimal("1.111")),
    ]
    # The summary counts what happened.
    assert "rows rejected                7" in stdout
    assert "no_fx_rate" in stdout


def test_value_rows_of_unknown_scopes_are_rejected_and_counted(bad_rows_build) -> None:
    _, db, stdout = bad_rows_build
    rejects = query(
        db,
        "select source_row_number, reject_rule, reject_reason from fct_value_rejects order by 1",
    )
    # Scope ids match exactly: 'Storefront' is a typo of 'storefront', not the same scope.
    assert rejects == [
        (2, "unknown_scope", "scope 'Storefront' is not in seeds/scopes.csv"),
        (3, "unknown_scope", "scope 'web-shop' is not in seeds/scopes.csv"),
        (4, "unknown_unit", "unit 'Furlongs' is not in seeds/units.csv"),
    ]
    assert query(db, "select scope_id, canonical_value from fct_business_metrics") == [
        ("storefront", Decimal("3"))
    ]
    # The summary counts the value rejects by rule.
    lines = stdout.splitlines()
    assert any(
        line.split() == ["value", "rows", "3", "rejected", "(fct_value_rejects)"] for line in lines
    )
    assert any(line.split() == ["unknown_scope", "2"] for line in lines)
    assert any(line.split() == ["unknown_unit", "1"] for line in lines)


def test_rejected_cost_is_accounted_for(bad_rows_build) -> None:
    _, db, _ = bad_rows_build
    staged = query(db, "select sum(billing_currency_billed_cost) from fct_charges")[0][0]
    rejected = query(db, "select sum(billed_cost_as_read) from fct_charge_rejects")[0][0]
    # Read: 1.00 + six parseable 2.00 + 100.00 (the "12,50" row is not a number).
    assert staged + rejected == Decimal("113.00")


@pytest.fixture(scope="module")
def previous_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("previous") / "kept.duckdb"
    run_unitcost(
        "build",
        "--focus",
        str(SAMPLES / "multi-provider_aws-azure-oci" / "focus_sample.csv"),
        "--db",
        str(db),
        check=True,
    )
    return db


def test_missing_mandatory_column_stops_before_building(
    previous_build: Path, tmp_path: Path
) -> None:
    row = focus_row()
    del row["BillingCurrency"]
    del row["ChargePeriodEnd"]
    broken = write_csv(tmp_path / "broken.csv", [row])
    good = write_csv(tmp_path / "good.csv", [focus_row(BillingAccountId="other")])
    proc = run_unitcost(
        "build", "--focus", str(good), "--focus", str(broken), "--db", str(previous_build)
    )
    assert proc.returncode == 1
    assert (
        f"{broken} (FOCUS 1.0): missing mandatory columns BillingCurrency, ChargePeriodEnd"
        in proc.stderr
    )
    assert "nothing was built, the previous build is unchanged" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    # The previous build is still there, whole.
    assert query(previous_build, "select count(*) from fct_charges")[0][0] == 1000
    assert query(previous_build, "select count(*) from staging.stg_focus__files")[0][0] == 1


def test_a_file_that_is_not_focus_is_named(previous_build: Path, tmp_path: Path) -> None:
    other = tmp_path / "invoice.csv"
    other.write_text("customer,amount\nacme,10\n")
    proc = run_unitcost("build", "--focus", str(other), "--db", str(previous_build))
    assert proc.returncode == 1
    assert f"{other}: not a FOCUS export" in proc.stderr
    missing = run_unitcost(
        "build", "--focus", str(tmp_path / "nowhere"), "--db", str(previous_build)
    )
    assert missing.returncode == 1
    assert "nowhere: no FOCUS file found" in missing.stderr


def test_a_malformed_csv_is_refused_naming_the_file_and_line(
    previous_build: Path, tmp_path: Path
) -> None:
    good = focus_row()
    path = write_csv(tmp_path / "ragged.csv", [good, good])
    lines = path.read_text().splitlines()
    lines.append(lines[-1] + ",extra,values")
    path.write_text("\n".join(lines * 1) + "\n")
    proc = run_unitcost("build", "--focus", str(path), "--db", str(previous_build))
    assert proc.returncode == 1
    assert f"{path}: 1 line cannot be read: line 4 has " in proc.stderr
    assert "nothing was built, the previous build is unchanged" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert query(previous_build, "select count(*) from fct_charges")[0][0] == 1000


def test_validate_reports_without_building(tmp_path: Path) -> None:
    good = write_csv(tmp_path / "ok" / "good.csv", [focus_row(), focus_row(BilledCost="abc")])
    row = focus_row()
    del row["ServiceName"]
    broken = write_csv(tmp_path / "bad" / "broken.csv", [row])
    proc = run_unitcost("validate", str(good))
    assert proc.returncode == 0, proc.stderr
    assert "FOCUS 1.0" in proc.stdout
    assert "2 rows, 1 would be staged, 1 rejected" in proc.stdout
    assert "row 2: BilledCost 'abc' is not a number" in proc.stdout
    assert run_unitcost("validate", "--strict", str(good)).returncode == 1
    failed = run_unitcost("validate", str(good), str(broken))
    assert failed.returncode == 1
    assert f"ERROR {broken} (FOCUS 1.0): missing mandatory column ServiceName" in failed.stdout
