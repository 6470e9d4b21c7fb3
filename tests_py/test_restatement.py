"""A newer export of a billing period replaces the older one; corrections stay where they arrive."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import focus_row, query, run_unitcost, write_csv

# End to end (several builds each): `make test-e2e`, which CI runs too.
pytestmark = pytest.mark.e2e

SEPT = {"BillingPeriodStart": "2024-09-01T00:00:00Z", "BillingPeriodEnd": "2024-10-01T00:00:00Z"}
OCT = {"BillingPeriodStart": "2024-10-01T00:00:00Z", "BillingPeriodEnd": "2024-11-01T00:00:00Z"}


def touch(path: Path, timestamp: int) -> None:
    for file in [path] if path.is_file() else path.rglob("*"):
        os.utime(file, (timestamp, timestamp))


@pytest.fixture(scope="module")
def restated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("restated") / "exports"
    # The first export of September (two parts in one folder) and of October for acct-1,
    # plus September of another account.
    first = root / "run-2024-10-02"
    write_csv(
        first / "part-1.csv", [focus_row(**SEPT, BilledCost="100.00", EffectiveCost="100.00")]
    )
    write_csv(first / "part-2.csv", [focus_row(**SEPT, BilledCost="50.00", EffectiveCost="50.00")])
    write_csv(
        first / "october.csv",
        [
            focus_row(
                **OCT,
                BilledCost="70.00",
                EffectiveCost="70.00",
                ChargePeriodStart="2024-10-03T00:00:00Z",
                ChargePeriodEnd="2024-10-04T00:00:00Z",
            )
        ],
    )
    write_csv(
        first / "other-account.csv",
        [focus_row(**SEPT, BillingAccountId="acct-2", BilledCost="5.00", EffectiveCost="5.00")],
    )
    # September of acct-1 exported again, later, with different amounts; the name sorts first,
    # so only the modification time can tell it is newer.
    second = root / "a-rerun"
    write_csv(
        second / "part-1.csv",
        [
            focus_row(**SEPT, BilledCost="120.00", EffectiveCost="110.00"),
            focus_row(**SEPT, BilledCost="40.00", EffectiveCost="40.00"),
        ],
    )
    # A correction of August arriving in October's billing period.
    write_csv(
        root / "run-2024-11-02" / "october-correction.csv",
        [
            focus_row(
                **OCT,
                BillingAccountId="acct-3",
                ChargeClass="Correction",
                ChargeCategory="Credit",
                BilledCost="-8.00",
                EffectiveCost="-8.00",
                ChargePeriodStart="2024-08-10T00:00:00Z",
                ChargePeriodEnd="2024-08-11T00:00:00Z",
            ),
        ],
    )
    touch(first, 1_727_830_800)  # 2024-10-02
    touch(second, 1_728_090_000)  # 2024-10-05
    touch(root / "run-2024-11-02", 1_730_505_600)
    db = root.parent / "restated.duckdb"
    run_unitcost("build", "--focus", str(root), "--db", str(db), check=True)
    return root, db


def test_the_newest_export_replaces_the_older(restated: tuple[Path, Path]) -> None:
    root, db = restated
    totals = query(
        db,
        "select billing_account_id, billing_period, sum(billed_cost), sum(effective_cost) "
        "from fct_charges group by 1, 2 order by 1, 2",
    )
    assert [(a, str(p), b, e) for a, p, b, e in totals] == [
        ("acct-1", "2024-09-01", Decimal("160"), Decimal("150")),  # the rerun only, not 310
        ("acct-1", "2024-10-01", Decimal("70"), Decimal("70")),  # only in the first run: kept
        ("acct-2", "2024-09-01", Decimal("5"), Decimal("5")),  # other account: untouched
        ("acct-3", "2024-10-01", Decimal("-8"), Decimal("-8")),
    ]
    superseded = query(
        db,
        "select source_file, reject_reason from fct_charge_rejects "
        "where reject_rule = 'superseded_export' order by 1",
    )
    assert [Path(f).name for f, _ in superseded] == ["part-1.csv", "part-2.csv"]
    assert all(Path(f).parent.name == "run-2024-10-02" for f, _ in superseded)
    assert superseded[0][1] == (
        f"billing period 2024-09-01 of billing account acct-1 was exported again; "
        f"the newer export {root / 'a-rerun'} replaces this one"
    )


def test_a_correction_stays_in_the_period_it_arrives_in(restated: tuple[Path, Path]) -> None:
    _, db = restated
    row = query(
        db,
        "select billing_period, charge_date, is_correction, billed_cost from fct_charges "
        "where billing_account_id = 'acct-3'",
    )
    assert [(str(p), str(d), c, b) for p, d, c, b in row] == [
        ("2024-10-01", "2024-08-10", True, Decimal("-8"))
    ]


def test_file_grouping_treats_each_file_as_an_export(tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    old = write_csv(
        folder / "september-v1.csv",
        [focus_row(**SEPT, BilledCost="100.00", EffectiveCost="100.00")],
    )
    new = write_csv(
        folder / "september-v2.csv", [focus_row(**SEPT, BilledCost="90.00", EffectiveCost="90.00")]
    )
    touch(old, 1_727_830_800)
    touch(new, 1_728_090_000)
    db = tmp_path / "files.duckdb"
    run_unitcost(
        "build", "--focus", str(folder), "--export-grouping", "file", "--db", str(db), check=True
    )
    assert query(db, "select sum(billed_cost) from fct_charges")[0][0] == Decimal("90")
    assert query(db, "select source_file from fct_charge_rejects") == [(str(old),)]
