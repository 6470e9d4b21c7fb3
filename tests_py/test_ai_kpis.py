"""AI ROI and time to value of the demo's shopping assistant, built with the real CLI.

The demo data goes through `unitcost demo` and `unitcost build`; the expected values are
worked out here, in Python, from the demo's value file, seeds/scopes.csv and
seeds/ai_initiatives.csv. The cost side is read from the built `fct_scope_costs` (the
assistant's own charges, its shares of the shared pools and its TCO lines): reproducing
the shared-cost allocation in Python would re-implement the allocation models, which
have their own tests and conservation checks. Everything after that (ROI, cumulation,
time to value, full benefit, break-even) is recomputed here from those inputs.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ROOT, query, scope_subtree

SCOPE = "assistant"
MONTH = date(2026, 3, 1)
NEXT_MONTH = date(2026, 4, 1)
BENEFIT = "ai_financial_benefit"
ALTERNATIVE = "alternative_daily_cost"


@pytest.fixture(scope="module")
def built(demo_build: tuple[Path, Path]) -> tuple[Path, Path]:
    """The demo data at its default size, built once for the session (conftest)."""
    return demo_build


def initiative(scope: str) -> dict[str, str]:
    with (ROOT / "seeds" / "ai_initiatives.csv").open(newline="") as handle:
        return next(r for r in csv.DictReader(handle) if r["scope_id"] == scope)


def daily_values(demo: Path, metric: str) -> dict[date, Decimal]:
    """Daily values of a metric for the assistant and its descendants, from the CSV."""
    scopes = scope_subtree(SCOPE)
    values: dict[date, Decimal] = defaultdict(Decimal)
    with (demo / "values" / "business_metrics.csv").open(newline="") as handle:
        for row in csv.DictReader(handle):
            if row["scope"] in scopes and row["metric"] == metric:
                assert row["unit"] == "USD" and len(row["date"]) == 10
                values[date.fromisoformat(row["date"])] += Decimal(row["value"])
    assert values, f"no {metric} in the demo data"
    return dict(values)


def daily_costs(db: Path, basis: str) -> dict[date, Decimal]:
    scopes = sorted(scope_subtree(SCOPE))
    marks = ", ".join("?" for _ in scopes)
    rows = query(
        db,
        f"""
        select cost_date, sum(cost) from fct_scope_costs
        where scope_id in ({marks}) and cost_basis = ?
        group by cost_date
        """,
        [*scopes, basis],
    )
    return dict(rows)


def bill_days(db: Path) -> set[date]:
    return {
        r[0]
        for r in query(
            db, "select distinct cost_date from fct_scope_costs where cost_source = 'focus'"
        )
    }


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days)]


def roi(benefits: Decimal, costs: Decimal) -> Decimal:
    return (benefits - costs) / costs * 100


def test_roi_of_the_assistant_for_one_month_and_since_launch(built: tuple[Path, Path]) -> None:
    demo, db = built
    benefits = daily_values(demo, BENEFIT)
    costs = daily_costs(db, "effective")
    month_benefits = sum(v for d, v in benefits.items() if MONTH <= d < NEXT_MONTH)
    month_costs = sum(v for d, v in costs.items() if MONTH <= d < NEXT_MONTH)
    first = min(
        [d for d, v in benefits.items() if v != 0] + [d for d, v in costs.items() if v != 0]
    )
    cumulative_benefits = sum(v for d, v in benefits.items() if first <= d < NEXT_MONTH)
    cumulative_costs = sum(v for d, v in costs.items() if first <= d < NEXT_MONTH)
    assert bill_days(db) >= set(days(first, NEXT_MONTH)), "the demo bill covers every day"

    (row,) = query(
        db,
        """
        select benefits, total_cost, roi_pct, null_reason, cumulative_since, cumulative_benefits,
            cumulative_total_cost, cumulative_roi_pct, denominator_completeness_pct
        from kpi_ai_roi
        where scope_id = ? and period_grain = 'month' and period_start = ?
            and cost_basis = 'effective'
        """,
        [SCOPE, MONTH],
    )
    assert row[0] == month_benefits
    assert abs(row[1] - month_costs) < Decimal("0.000001")
    assert abs(row[2] - roi(month_benefits, month_costs)) <= Decimal("0.0001")
    assert row[3] is None
    assert row[4] == first
    assert row[5] == cumulative_benefits
    assert abs(row[6] - cumulative_costs) < Decimal("0.000001")
    assert abs(row[7] - roi(cumulative_benefits, cumulative_costs)) <= Decimal("0.0001")
    assert row[8] == 100
    # the last day of the month carries the same cumulative ROI as the month
    (day,) = query(
        db,
        """
        select cumulative_roi_pct from kpi_ai_roi
        where scope_id = ? and period_grain = 'day' and period_start = ?
            and cost_basis = 'effective'
        """,
        [SCOPE, NEXT_MONTH - timedelta(days=1)],
    )
    assert day[0] == row[7]


def test_time_to_value_of_the_assistant_for_one_month(built: tuple[Path, Path]) -> None:
    demo, db = built
    start = date.fromisoformat(initiative(SCOPE)["start_date"])
    benefits = daily_values(demo, BENEFIT)
    alternative = daily_values(demo, ALTERNATIVE)
    value_per_month = sum(v for d, v in benefits.items() if MONTH <= d < NEXT_MONTH)
    cumulative = sum(v for d, v in benefits.items() if start <= d < NEXT_MONTH)
    month_alternative = [v for d, v in alternative.items() if MONTH <= d < NEXT_MONTH]
    average_alternative = sum(month_alternative) / len(month_alternative)
    expected_days = cumulative / average_alternative

    (row,) = query(
        db,
        """
        select value_per_month, cumulative_benefits, alternative_daily_cost, time_to_value_days,
            null_reason, cumulative_alternative_cost
        from kpi_ai_time_to_value
        where scope_id = ? and period_start = ? and cost_basis = 'effective'
        """,
        [SCOPE, MONTH],
    )
    assert row[0] == value_per_month
    assert row[1] == cumulative
    assert abs(row[2] - average_alternative) < Decimal("0.000001")
    assert abs(row[3] - expected_days) < Decimal("0.000001")
    assert row[4] is None
    assert row[5] == sum(v for d, v in alternative.items() if start <= d < NEXT_MONTH)


def test_full_benefit_forecast_and_break_even_of_the_assistant(built: tuple[Path, Path]) -> None:
    demo, db = built
    case = initiative(SCOPE)
    start = date.fromisoformat(case["start_date"])
    forecast_days = int(case["forecast_days_to_full_benefit"])
    full_benefit = Decimal(case["full_benefit_daily"])
    benefits = daily_values(demo, BENEFIT)
    alternative = daily_values(demo, ALTERNATIVE)
    (last_day,) = query(db, "select max(period_start) from intermediate.int_kpi_periods")[0]
    timeline = days(start, last_day + timedelta(days=1))
    assert bill_days(db) >= set(timeline), "the demo bill covers every day"

    # first day the trailing 7-day average (days without data count 0) reaches the target
    reached = next(
        (
            d
            for i, d in enumerate(timeline)
            if i >= 6
            and sum(benefits.get(x, Decimal(0)) for x in timeline[i - 6 : i + 1]) / 7
            >= full_benefit
        ),
        None,
    )
    forecast_date = start + timedelta(days=forecast_days)
    if reached is None:
        status = "overdue" if last_day >= forecast_date else "not_yet_due"
    else:
        status = "reached_on_time" if (reached - start).days <= forecast_days else "reached_late"

    # break-even: first day the AI cost since the start is at most the alternative's
    break_even = {}
    for basis in ("effective", "billed"):
        costs = daily_costs(db, basis)
        ai_total = alternative_total = Decimal(0)
        break_even[basis] = None
        for d in timeline:
            ai_total += costs.get(d, Decimal(0))
            alternative_total += alternative.get(d, Decimal(0))
            if ai_total <= alternative_total:
                break_even[basis] = d
                break

    rows = query(
        db,
        """
        select cost_basis, as_of_date, forecast_full_benefit_date, actual_full_benefit_date,
            actual_days_to_full_benefit, days_vs_forecast, full_benefit_status, break_even_date,
            days_to_break_even, time_to_value_days
        from kpi_ai_time_to_value_summary
        where scope_id = ? and cost_basis in ('effective', 'billed')
        order by cost_basis
        """,
        [SCOPE],
    )
    assert [r[0] for r in rows] == ["billed", "effective"]
    for row in rows:
        assert row[1] == last_day
        assert row[2] == forecast_date
        assert row[3] == reached
        if reached is not None:
            assert row[4] == (reached - start).days
            assert row[5] == (reached - start).days - forecast_days
        assert row[6] == status
        assert row[7] == break_even[row[0]]
        if break_even[row[0]] is not None:
            assert row[8] == (break_even[row[0]] - start).days

    # the scorecard's time to value is that of the last month
    (latest,) = query(
        db,
        """
        select time_to_value_days from kpi_ai_time_to_value
        where scope_id = ? and cost_basis = 'effective'
        order by period_start desc limit 1
        """,
        [SCOPE],
    )
    assert rows[1][9] == latest[0]
