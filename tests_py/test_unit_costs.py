"""Unit costs of the metric catalog (fct_unit_costs, dim_metrics), built for real from the demo.

`unitcost demo` writes the demo company's bills and value data; the test removes one metric
(`workloads`) from the value file, as a company that has not started reporting it yet would;
`unitcost build` builds everything. Denominators and usage quantities are then worked out
here, in Python, from the demo files and the seeds (metric catalog, scopes, scope rules,
allocation recipients), and compared with the marts.

What is read back from the build instead of recomputed: the cost a scope bears
(`fct_scope_costs`: allocation is tested elsewhere), as the numerator of the metrics whose
numerator is the scope's cost. The cost and quantity of API requests and the VM-hours of the
shared platform pool are recomputed here from the FOCUS files.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from conftest import query, scope_subtree, seed_rows

MONTH = date(2026, 3, 1)
NEXT_MONTH = date(2026, 4, 1)
DAYS_IN_MONTH = (NEXT_MONTH - MONTH).days
PLATFORM_REORG = date(2026, 7, 1)  # seeds/scope_rules.csv: platform-team rule valid_to
PRODUCTS = ["storefront", "search", "assistant", "data-platform"]


@pytest.fixture(scope="module")
def built(demo_variant_build: dict) -> dict:
    """The demo data without its `workloads` metric (conftest.demo_variant_build), built once."""
    return demo_variant_build


# --------------------------------------------------------------------------------------------
# Inputs, read and evaluated independently of the models
# --------------------------------------------------------------------------------------------


def catalog() -> dict[str, dict[str, str]]:
    return {row["metric_id"]: row for row in seed_rows("metric_catalog")}


def ancestors(scope_id: str) -> list[str]:
    """The scope and its ancestors, from seeds/scopes.csv."""
    parent = {r["scope_id"].strip(): r["parent_scope_id"].strip() for r in seed_rows("scopes")}
    found = [scope_id]
    while parent.get(found[-1]):
        found.append(parent[found[-1]])
    return found


def month_denominator(rows: list[dict[str, str]], scope_id: str, metric: str, how: str) -> Decimal:
    """A metric of the scope and its descendants in MONTH: summed, or for a stock the mean of
    the daily totals over the days reported plus the values reported for the whole month."""
    scopes = scope_subtree(scope_id)
    daily: dict[str, Decimal] = defaultdict(Decimal)
    monthly = Decimal(0)
    for row in rows:
        if row["scope"] not in scopes or row["metric"] != metric:
            continue
        if row["date"] == MONTH.strftime("%Y-%m"):
            monthly += Decimal(row["value"])
        elif row["date"][:7] == MONTH.strftime("%Y-%m"):
            daily[row["date"]] += Decimal(row["value"])
    if how == "sum":
        return monthly + sum(daily.values(), Decimal(0))
    return monthly + (sum(daily.values(), Decimal(0)) / len(daily) if daily else Decimal(0))


def focus(demo: Path, sql: str) -> list[tuple]:
    """Rows of a query on the demo's FOCUS files (view `focus`, dates in UTC)."""
    con = duckdb.connect()
    try:
        con.execute("set TimeZone = 'UTC'")
        files = (demo / "focus" / "**" / "*.parquet").as_posix()
        con.execute(
            f"create view focus as select * from read_parquet('{files}', hive_partitioning = true)"
        )
        return con.execute(sql).fetchall()
    finally:
        con.close()


def close(got: Decimal | None, expected: Decimal, places: int = 9) -> bool:
    """Equal to `places` decimals, relative to the size of the numbers."""
    assert got is not None
    scale = max(Decimal(1), abs(expected))
    return abs(Decimal(got) - expected) <= scale * Decimal(10) ** -places


def unit_cost_row(db: Path, metric_id: str, scope_id: str, grain: str, start: date) -> tuple:
    rows = query(
        db,
        "select numerator_cost, denominator_value, unit_cost, null_reason "
        "from fct_unit_costs where metric_id = ? and scope_id = ? and period_grain = ? "
        "and period_start = ? and cost_basis = 'effective'",
        [metric_id, scope_id, grain, start],
    )
    assert len(rows) == 1, (metric_id, scope_id, grain, start, rows)
    return rows[0]


# --------------------------------------------------------------------------------------------
# The catalog decides which metrics exist
# --------------------------------------------------------------------------------------------


def test_every_catalog_metric_is_in_dim_metrics_with_rows(built: dict) -> None:
    expected = catalog()
    got = dict(
        query(built["db"], "select metric_id, unit_label from dim_metrics order by metric_id")
    )
    assert got == {metric_id: row["unit_label"] for metric_id, row in expected.items()}
    with_rows = {r[0] for r in query(built["db"], "select distinct metric_id from fct_unit_costs")}
    assert with_rows == set(expected)


def test_a_metric_missing_from_the_value_data_gives_null_unit_costs_with_a_reason(
    built: dict,
) -> None:
    assert not any(row["metric"] == "workloads" for row in built["values"])
    rows = query(
        built["db"],
        "select count(*), count(unit_cost), min(null_reason), max(null_reason), "
        "count(distinct scope_id) filter (where numerator_cost <> 0) "
        "from fct_unit_costs where metric_id = 'cost_per_workload'",
    )
    n, with_cost, reason_min, reason_max, scopes_with_cost = rows[0]
    assert n > 0 and with_cost == 0
    assert reason_min == reason_max == "metric workloads is not in the value data"
    assert scopes_with_cost >= 4  # every scope bearing cost still shows its cost


# --------------------------------------------------------------------------------------------
# Business metrics: cost of the scope / value data
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("metric_id", "scope_id"),
    [
        ("cost_per_transaction", "storefront"),  # a flow, summed
        ("cost_per_customer", "digital-commerce"),  # a daily stock of two products, averaged
        ("cost_per_active_user", "search"),  # daily active users, averaged
        ("cost_per_seat", "search"),  # a monthly licence count reported daily, averaged
        ("cost_per_1m_authorized_users", "storefront"),  # averaged, per million
        ("cost_per_case_resolved", "ai-products"),  # a flow of a child scope
    ],
)
def test_business_unit_costs_divide_the_scope_cost_by_the_value_files(
    built: dict, metric_id: str, scope_id: str
) -> None:
    metric = catalog()[metric_id]
    denominator = month_denominator(
        built["values"],
        scope_id,
        metric["denominator_metric"],
        metric["denominator_aggregation"] or "sum",
    )
    assert denominator > 0
    scopes = sorted(scope_subtree(scope_id))
    cost = query(
        built["db"],
        f"select sum(cost) from fct_scope_costs where cost_basis = 'effective' "
        f"and cost_date >= ? and cost_date < ? and scope_id in ({', '.join('?' * len(scopes))})",
        [MONTH, NEXT_MONTH, *scopes],
    )[0][0]
    expected = cost * Decimal(metric["unit_multiplier"]) / denominator

    numerator, got_denominator, unit_cost, reason = unit_cost_row(
        built["db"], metric_id, scope_id, "month", MONTH
    )
    assert close(numerator, cost)
    assert close(got_denominator, denominator)
    assert close(unit_cost, expected, places=8), (unit_cost, expected)
    assert reason is None


def test_a_stock_is_averaged_over_the_month_not_summed(built: dict) -> None:
    seats = {
        Decimal(row["value"])
        for row in built["values"]
        if row["scope"] == "search"
        and row["metric"] == "seats"
        and row["date"].startswith(MONTH.strftime("%Y-%m"))
    }
    assert len(seats) == 1  # the month's licence count, reported every day
    (count,) = seats
    _, denominator, _, _ = unit_cost_row(built["db"], "cost_per_seat", "search", "month", MONTH)
    assert denominator == count  # not 31 x count
    days = query(
        built["db"],
        "select numerator_cost, denominator_value, unit_cost from fct_unit_costs "
        "where metric_id = 'cost_per_seat' and scope_id = 'search' and period_grain = 'day' "
        "and cost_basis = 'effective' and period_start >= ? and period_start < ?",
        [MONTH, NEXT_MONTH],
    )
    assert len(days) == DAYS_IN_MONTH
    for numerator, day_seats, unit_cost in days:
        assert day_seats == count
        assert close(unit_cost, numerator / count)


# --------------------------------------------------------------------------------------------
# Resource efficiency: usage quantities of the bill
# --------------------------------------------------------------------------------------------


def test_cost_per_million_requests_is_recomputed_from_the_bill(built: dict) -> None:
    # API Gateway requests are billed per product tag (rule priority 100, no shared pool),
    # in USD, with ConsumedUnit "Requests" (factor 1); a correction arrives a period later
    # but belongs to the day it corrects.
    rows = focus(
        built["demo"],
        """
        select json_extract_string(Tags, '$.product'),
               strftime(ChargePeriodStart, '%Y-%m-01'),
               sum(EffectiveCost), sum(ConsumedQuantity)
        from focus
        where ServiceName = 'Amazon API Gateway' and ConsumedQuantity is not null
        group by all""",
    )
    expected: dict[tuple[str, date], tuple[Decimal, Decimal]] = {}
    for product, month, cost, requests in rows:
        for scope_id in ancestors(product):
            key = (scope_id, date.fromisoformat(month))
            before = expected.get(key, (Decimal(0), Decimal(0)))
            expected[key] = (before[0] + cost, before[1] + requests)
    assert len(expected) == 5 * 13  # 3 products, 2 business units, 13 months
    for (scope_id, month), (cost, requests) in expected.items():
        numerator, denominator, unit_cost, reason = unit_cost_row(
            built["db"], "cost_per_1m_requests", scope_id, "month", month
        )
        assert close(numerator, cost), (scope_id, month)
        assert close(denominator, requests), (scope_id, month)
        assert close(unit_cost, cost * 1_000_000 / requests, places=8), (scope_id, month)
        assert reason is None


def test_vm_hours_of_the_shared_platform_pool_follow_the_allocation_share(built: dict) -> None:
    # Before the July 2026 re-organisation, VMs tagged team=platform without a product tag
    # are the shared-platform pool, split by the fixed percentages of
    # seeds/allocation_recipients.csv; VMs with a product tag belong to that product; other
    # VMs (untagged, or a team without a rule) stay unallocated.
    assert MONTH < PLATFORM_REORG
    split = {
        r["recipient_scope_id"]: Decimal(r["fixed_percent"]) / 100
        for r in seed_rows("allocation_recipients")
        if r["rule_id"] == "alloc-platform"
    }
    assert sum(split.values()) == 1
    rows = focus(
        built["demo"],
        f"""
        select json_extract_string(Tags, '$.product'), json_extract_string(Tags, '$.team'),
               sum(ConsumedQuantity)
        from focus
        where ServiceCategory = 'Compute' and ServiceSubcategory = 'Virtual Machines'
          and ConsumedQuantity is not null and ConsumedUnit = 'Hours'
          and ChargePeriodStart >= '{MONTH}' and ChargePeriodStart < '{NEXT_MONTH}'
        group by all""",
    )
    hours: dict[str, Decimal] = defaultdict(Decimal)
    for product, team, quantity in rows:
        if product:
            hours[product] += quantity
        elif team == "platform":
            for recipient, share in split.items():
                hours[recipient] += quantity * share
        else:
            hours["unallocated"] += quantity
    assert hours["unallocated"] > 0 and all(hours[p] > 0 for p in PRODUCTS)
    for scope_id, expected in hours.items():
        _, denominator, unit_cost, reason = unit_cost_row(
            built["db"], "cost_per_vm_hour", scope_id, "month", MONTH
        )
        assert close(denominator, expected), (scope_id, denominator, expected)
        assert unit_cost is not None and unit_cost > 0 and reason is None
    # the parent of storefront and search has both products' hours
    _, parent_hours, _, _ = unit_cost_row(
        built["db"], "cost_per_vm_hour", "digital-commerce", "month", MONTH
    )
    assert close(parent_hours, hours["storefront"] + hours["search"])


# --------------------------------------------------------------------------------------------
# Agreement with the reference KPI
# --------------------------------------------------------------------------------------------


def test_cost_per_api_call_agrees_with_its_kpi_mart(built: dict) -> None:
    sql = (
        "select scope_id, period_grain, period_start, cost_basis, {value}, null_reason "
        "from {table} order by all"
    )
    ours = query(
        built["db"],
        sql.format(value="unit_cost", table="fct_unit_costs where metric_id = 'cost_per_api_call'"),
    )
    kpi = query(built["db"], sql.format(value="cost_per_api_call", table="kpi_cost_per_api_call"))
    assert len(ours) == len(kpi) > 0
    assert ours == kpi


def test_daily_and_monthly_rows_cover_every_day_of_the_demo(built: dict) -> None:
    first, last = query(
        built["db"],
        "select min(period_start), max(period_start) from fct_unit_costs "
        "where metric_id = 'cost_per_transaction' and scope_id = 'storefront' "
        "and period_grain = 'day' and cost_basis = 'effective'",
    )[0]
    assert (first, last) == (date(2025, 10, 1), date(2026, 10, 31))
    n = query(
        built["db"],
        "select count(*) from fct_unit_costs where metric_id = 'cost_per_transaction' "
        "and scope_id = 'storefront' and period_grain = 'day' and cost_basis = 'effective'",
    )[0][0]
    assert n == (last - first + timedelta(days=1)).days
