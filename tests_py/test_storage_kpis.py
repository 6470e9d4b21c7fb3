"""Cost per GB stored and cost per API call by service, built for real from the demo data.

`unitcost demo` writes the demo company's bills and value data and `unitcost build` builds
everything. One month's cost per GB-Month of one storage slice is then worked out here, in
Python, from the demo Parquet files (pyarrow), the scope rules' product tag and
seeds/units.csv, and compared with `kpi_cost_per_gb_stored`; the GB-Months of a scope with
value data are worked out from the demo value file. The API contributions by service must
add up to the scope's cost per API call.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import ROOT, query

MONTH = date(2026, 3, 1)
COLUMNS = [
    "ProviderName",
    "ServiceCategory",
    "SubAccountId",
    "RegionId",
    "SkuId",
    "SkuMeter",
    "ChargeCategory",
    "CommitmentDiscountId",
    "ChargePeriodStart",
    "BillingCurrency",
    "EffectiveCost",
    "ConsumedQuantity",
    "ConsumedUnit",
    "Tags",
]


@pytest.fixture(scope="module")
def built(demo_build: tuple[Path, Path]) -> dict:
    """The demo data at its default size, built once for the session (conftest)."""
    demo, db = demo_build
    return {"demo": demo, "db": db}


def unit_factors() -> dict[str, tuple[str, Decimal]]:
    """seeds/units.csv: unit (lower case) -> (canonical unit, factor)."""
    with (ROOT / "seeds" / "units.csv").open(newline="") as handle:
        return {
            row["unit"].strip().lower(): (row["canonical_unit"], Decimal(row["factor"]))
            for row in csv.DictReader(handle)
        }


def demo_rows(focus: Path) -> list[dict]:
    """Every demo FOCUS row (only the columns this test needs), read with pyarrow."""
    rows: list[dict] = []
    for path in sorted(focus.rglob("*.parquet")):
        table = pq.read_table(path)
        rows.extend(table.select([c for c in COLUMNS if c in table.column_names]).to_pylist())
    return rows


def in_month(row: dict) -> bool:
    start = row["ChargePeriodStart"]
    return (start.year, start.month) == (MONTH.year, MONTH.month)


def test_cost_per_gb_of_one_slice_matches_the_bill(built: dict) -> None:
    """Search's Google Cloud Standard Storage in us-central1, March 2026, effective cost.

    The search scope takes the charges tagged product=search (seeds/scope_rules.csv); the
    slice's ConsumedQuantity is in GiB-Months, which seeds/units.csv turns into GB-Months.
    """
    factors = unit_factors()
    rows = [
        row
        for row in demo_rows(built["demo"] / "focus")
        if row["ProviderName"] == "Google Cloud"
        and row["ServiceCategory"] == "Storage"
        and row["SubAccountId"] == "acme-search-prod"
        and row["RegionId"] == "us-central1"
        and row["SkuMeter"] == "Standard Storage"
        and json.loads(row["Tags"] or "{}").get("product") == "search"
        and in_month(row)
    ]
    assert rows, "the demo has search's Standard Storage in us-central1 in March 2026"
    # Plain usage in US dollars: no higher-priority scope rule (tax, credits, commitments)
    # applies and no currency conversion is needed.
    assert {r["ChargeCategory"] for r in rows} == {"Usage"}
    assert {r["CommitmentDiscountId"] for r in rows} == {None}
    assert {r["BillingCurrency"] for r in rows} == {"USD"}
    (sku_id,) = {r["SkuId"] for r in rows}
    cost = sum(Decimal(r["EffectiveCost"]) for r in rows)
    gb_months = Decimal(0)
    for r in rows:
        canonical, factor = factors[r["ConsumedUnit"].strip().lower()]
        assert canonical == "GB-Month"
        gb_months += Decimal(r["ConsumedQuantity"]) * factor
    expected = cost / gb_months

    (kpi,) = query(
        built["db"],
        """
        select storage_cost, gb_months, cost_per_gb_month, denominator_source, storage_tier,
               storage_cost_without_volume, null_reason
        from kpi_cost_per_gb_stored
        where scope_id = 'search' and period_grain = 'month' and period_start = ?
            and cost_basis = 'effective' and sku_id = ? and region_id = 'us-central1'
            and sub_account_id = 'acme-search-prod'
        """,
        [MONTH, sku_id],
    )
    storage_cost, kpi_gb_months, cost_per_gb_month, source, tier, without_volume, reason = kpi
    assert source == "bill"  # search reports no gb_stored value data
    assert tier == "Standard"
    assert reason is None
    assert without_volume == 0
    assert abs(storage_cost - cost) < Decimal("0.000001")
    assert abs(kpi_gb_months - gb_months) < Decimal("0.000001")
    assert abs(cost_per_gb_month - expected) < Decimal("0.000000000010")
    # Standard storage costs cents per GB-Month: a sanity check on the units.
    assert Decimal("0.005") < cost_per_gb_month < Decimal("0.05")


def test_value_data_sets_the_gb_months_of_a_scope(built: dict) -> None:
    """data-platform reports daily gb_stored snapshots (GB): a month's GB-Months are their
    average, split over its storage slices, so the slices' GB-Months add up to it."""
    daily: dict[str, Decimal] = defaultdict(Decimal)
    with (built["demo"] / "values" / "business_metrics.csv").open(newline="") as handle:
        for row in csv.DictReader(handle):
            day = date.fromisoformat(row["date"])
            if (
                row["scope"] == "data-platform"
                and row["metric"] == "gb_stored"
                and (day.year, day.month) == (MONTH.year, MONTH.month)
            ):
                assert row["unit"] == "GB"
                daily[row["date"]] += Decimal(row["value"])
    assert len(daily) == 31
    expected = sum(daily.values()) / len(daily)

    rows = query(
        built["db"],
        """
        select denominator_source, gb_months, billed_gb_months, denominator_completeness_pct
        from kpi_cost_per_gb_stored
        where scope_id = 'data-platform' and period_grain = 'month' and period_start = ?
            and cost_basis = 'effective'
        """,
        [MONTH],
    )
    assert rows
    assert {r[0] for r in rows} == {"value_data"}
    assert {r[3] for r in rows} == {100}
    total = sum(r[1] for r in rows if r[1] is not None)
    assert abs(total - expected) < Decimal("0.001")


def test_api_contributions_add_up_to_the_scope_kpi(built: dict) -> None:
    """Per scope, period and basis, the services' contributions sum to the cost per call
    of kpi_cost_per_api_call, and their shares of the API cost to 100 %."""
    rows = query(
        built["db"],
        """
        with by_service as (
            select scope_id, period_grain, period_start, cost_basis,
                sum(cost_per_api_call_contribution) as contributions,
                sum(share_of_scope_api_cost_pct) as shares,
                count(*) as services
            from kpi_cost_per_api_call_by_service
            group by all
        )
        select k.scope_id, k.period_grain, k.period_start, k.cost_basis,
            k.cost_per_api_call, b.contributions, b.shares, b.services, k.api_cost
        from kpi_cost_per_api_call as k
        inner join by_service as b using (scope_id, period_grain, period_start, cost_basis)
        """,
    )
    assert len(rows) > 1000
    with_calls = [r for r in rows if r[4] is not None]
    assert with_calls, "some scope has API calls and API cost"
    for scope, grain, start, basis, kpi, contributions, shares, services, cost in rows:
        where = f"{scope} {grain} {start} {basis}"
        if kpi is None:
            assert contributions is None, where
        else:
            assert abs(contributions - kpi) <= Decimal("1e-12") * services, where
        if cost:
            assert abs(shares - 100) <= Decimal("0.0001") * services, where
