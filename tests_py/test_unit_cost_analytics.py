"""Unit-cost analytics on the demo: what was planted is found where it was planted, and
nowhere else it could be confused with.

The demo plants (unitcost/demo/catalog_data/planted.toml, seeds): the partner API's monthly
cost and volume, shaped so that each trend class, an anomaly in each direction, a cost spike
explained by volume and a break-even crossing happen in known months; the EUR rate jumping
in 2026-08 and falling back in 2026-09 (seeds/fx_rates.csv); the support pool's allocation
rule changing on 2026-07-01 (seeds/allocation_rules.csv); a retired metric
(cost_per_tb_scanned); and a unit cost above its target band in the current month, which
`unitcost check` must fail on.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, query, run_unitcost

from unitcost.demo.planted import planted, tco_lines

PARTNER = "partner-api"
PARTNER_METRIC = "cost_per_partner_call"
CLASSES = {
    "economies_of_scale",
    "productivity_gain",
    "runaway_cost_driver",
    "value_backed_growth",
    "stable",
}
# The change from the month before, as planted.toml describes it.
PLANTED_CLASSES = {
    date(2025, 11, 1): "economies_of_scale",
    date(2025, 12, 1): "economies_of_scale",
    date(2026, 1, 1): "economies_of_scale",
    date(2026, 2, 1): "economies_of_scale",
    date(2026, 3, 1): "productivity_gain",
    date(2026, 4, 1): "runaway_cost_driver",
    date(2026, 5, 1): "value_backed_growth",
    date(2026, 6, 1): "stable",
    date(2026, 7, 1): "runaway_cost_driver",
    date(2026, 8, 1): "economies_of_scale",
    date(2026, 9, 1): "productivity_gain",
    date(2026, 10, 1): "runaway_cost_driver",
}


@pytest.fixture(scope="module")
def db(demo_build: tuple[Path, Path]) -> Path:
    return demo_build[1]


def test_the_partner_fee_seed_is_the_planted_cost() -> None:
    with (ROOT / "seeds" / "tco_lines.csv").open(encoding="utf-8", newline="") as f:
        seeded = [r for r in csv.DictReader(f) if r["scope_id"] == PARTNER]
    assert seeded == tco_lines()
    assert len(planted()["months"]) == 13


def test_each_trend_class_is_found_where_it_was_planted(db: Path) -> None:
    rows = query(
        db,
        "select cost_basis, period_start, trend_class from kpi_unit_cost_trends "
        "where metric_id = ? and scope_id = ? order by 1, 2",
        [PARTNER_METRIC, PARTNER],
    )
    for basis in ("effective", "billed", "list", "contracted"):  # a TCO line: every basis alike
        found = {p: c for b, p, c in rows if b == basis and c is not None}
        assert found == PLANTED_CLASSES, basis
    assert set(PLANTED_CLASSES.values()) == CLASSES
    # and the whole demo shows every class
    seen = {r[0] for r in query(db, "select distinct trend_class from kpi_unit_cost_trends")}
    assert seen >= CLASSES


def test_anomalies_in_both_directions_where_planted_and_not_for_volume_growth(db: Path) -> None:
    rows = query(
        db,
        "select metric_id, cost_basis, period_start, direction, severity "
        "from kpi_unit_cost_anomalies where scope_id = ? and is_anomaly order by 1, 2, 3",
        [PARTNER],
    )
    expected = {(date(2026, 7, 1), "above", "high"), (date(2026, 9, 1), "below", "high")}
    for basis in ("effective", "billed", "list", "contracted"):
        assert {(p, d, s) for m, b, p, d, s in rows if b == basis} == expected, basis
    assert {r[0] for r in rows} == {PARTNER_METRIC}
    # August: cost per day +100 % against the band's months, volume with it: no anomaly
    cost_pct, volume_pct, flagged = query(
        db,
        "select cost_vs_history_pct, volume_vs_history_pct, is_anomaly "
        "from kpi_unit_cost_anomalies where metric_id = ? and scope_id = ? "
        "and cost_basis = 'effective' and period_start = ?",
        [PARTNER_METRIC, PARTNER, date(2026, 8, 1)],
    )[0]
    assert cost_pct > 50 and volume_pct > 50 and flagged is False
    # the demo has anomalies in both directions overall, each with its contributors
    directions = query(
        db,
        "select direction, count(*), count(top_contributors) from kpi_unit_cost_anomalies "
        "where is_anomaly and cost_basis = 'effective' group by 1",
    )
    assert {d for d, _, _ in directions} == {"above", "below"}
    assert all(n == named for _, n, named in directions)


def test_break_even_crossing_found_where_planted_and_nowhere_else(db: Path) -> None:
    crossings = query(
        db,
        "select metric_id, scope_id, period_start, break_even_crossing from kpi_marginal_economics "
        "where break_even_crossing is not null and cost_basis = 'effective'",
    )
    assert crossings == [(PARTNER_METRIC, PARTNER, date(2026, 2, 1), "crossed_above")]
    # January: the planted line (600 a day fixed, 0.05 a call, 0.15 revenue a call) exactly
    row = query(
        db,
        "select observations, marginal_cost_per_unit, fixed_cost, r_squared, unit_revenue, "
        "break_even_volume, break_even_status from kpi_marginal_economics "
        "where metric_id = ? and scope_id = ? and cost_basis = 'effective' and period_start = ?",
        [PARTNER_METRIC, PARTNER, date(2026, 1, 1)],
    )[0]
    n, marginal, fixed, r2, unit_revenue, break_even, status = row
    assert n == 4 and status == "below"
    assert marginal == pytest.approx(0.05) and fixed == pytest.approx(600 * 31)
    assert r2 == pytest.approx(1.0) and unit_revenue == pytest.approx(0.15)
    assert break_even == pytest.approx(6000 * 31)


def _effects(db: Path, metric: str, scope: str, column: str) -> dict[date, float]:
    rows = query(
        db,
        f"select period_start, {column} from kpi_unit_cost_drivers "
        "where metric_id = ? and scope_id = ? and cost_basis = 'effective' "
        "and null_reason is null",
        [metric, scope],
    )
    return {p: float(v) for p, v in rows}


def test_currency_effect_is_largest_where_the_eur_rate_moved(db: Path) -> None:
    for metric, scope in [
        ("cost_per_transaction", "storefront"),
        ("cost_per_workload", "data-platform"),
    ]:
        fx = _effects(db, metric, scope, "currency_effect")
        ranked = sorted(fx, key=lambda p: abs(fx[p]), reverse=True)
        assert set(ranked[:2]) == {date(2026, 8, 1), date(2026, 9, 1)}, (metric, scope)
        assert fx[date(2026, 8, 1)] > 0 > fx[date(2026, 9, 1)]
    # a scope billed only in USD has none
    assert set(_effects(db, PARTNER_METRIC, PARTNER, "currency_effect").values()) == {0.0}


def test_allocation_effect_where_the_support_rule_changed(db: Path) -> None:
    # from 2026-07-01 support follows API traffic: the data platform (no API calls) stops
    # paying its even quarter, its largest allocation change of the year
    alloc = _effects(db, "cost_per_workload", "data-platform", "allocation_effect")
    assert min(alloc, key=alloc.get) == date(2026, 7, 1)
    assert alloc[date(2026, 7, 1)] < 0


def test_driver_parts_add_up_to_the_change(db: Path) -> None:
    bad = query(
        db,
        "select count(*) from kpi_unit_cost_drivers where null_reason is null and "
        "rate_effect + usage_intensity_effect + mix_effect + currency_effect + allocation_effect "
        "+ other_effect <> unit_cost_change",
    )[0][0]
    assert bad == 0
    gap = query(
        db,
        "select max(abs(unit_cost_change - (unit_cost - previous_unit_cost)) "
        "/ (1 + abs(unit_cost) + abs(previous_unit_cost))) "
        "from kpi_unit_cost_drivers where null_reason is null",
    )[0][0]
    assert gap < 1e-9  # the parts are rounded to 10 decimals each


def test_retired_metric_keeps_history_and_leaves_current_views(db: Path) -> None:
    retired = "cost_per_tb_scanned"
    assert query(db, "select status from dim_metrics where metric_id = ?", [retired]) == [
        ("retired",)
    ]
    assert query(db, "select count(*) from fct_unit_costs where metric_id = ?", [retired])[0][0]
    assert query(db, "select count(*) from kpi_unit_cost_trends where metric_id = ?", [retired])[0][
        0
    ]
    assert query(
        db, "select is_current from kpi_metric_governance where metric_id = ?", [retired]
    ) == [(False,)]
    for view in ("persona_finops", "persona_procurement", "persona_engineering"):
        assert not query(db, f"select 1 from {view} where metric_id = ?", [retired]), view
    summary = query(db, "select current_metrics from kpi_metric_governance_summary")[0][0]
    assert summary == query(db, "select count(*) from dim_metrics where status <> 'retired'")[0][0]


def test_governance_summary_of_the_demo(db: Path) -> None:
    row = query(
        db,
        "select as_of_date, teams_total, teams_using, personas_using_pct, priority_areas, "
        "stable_priority_areas, metrics_overdue, targets_breached_above, targets_breached_below "
        "from kpi_metric_governance_summary",
    )[0]
    assert row[0] == date(2026, 11, 1)
    assert row[1:3] == (8, 6) and row[3] == 100
    assert (row[4], row[5]) == (7, 6)  # commerce: cost_per_customer changed formula in June
    assert row[6] == 3 and row[7] == 1 and row[8] == 1
    overdue = query(
        db, "select metric_id from kpi_metric_governance where is_review_overdue order by 1"
    )
    assert [r[0] for r in overdue] == [
        "cost_per_agent_action",
        "cost_per_seat",
        "cost_per_workload",
    ]


def test_check_fails_the_pipeline_on_the_planted_breach(db: Path) -> None:
    proc = run_unitcost("check", "--db", str(db), "--scope", PARTNER)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "FAIL" in proc.stdout and PARTNER_METRIC in proc.stdout and "above" in proc.stdout
    proc = run_unitcost("check", "--db", str(db), "--scope", PARTNER, "--month", "2026-03")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "PASS" in proc.stdout
    proc = run_unitcost("check", "--db", str(db), "--metric", PARTNER_METRIC, "--format", "json")
    doc = json.loads(proc.stdout)
    assert proc.returncode == 1 and doc["status"] == "fail" and doc["month"] == "2026-10"
    assert isinstance(doc["is_final"], bool)  # provisional only when Recency metadata says so
    assert [(f["kind"], f["scope_id"], f["direction"]) for f in doc["findings"]] == [
        ("target_breach", PARTNER, "above")
    ]
    proc = run_unitcost("check", "--db", str(db), "--format", "markdown")
    assert proc.returncode == 1 and proc.stdout.startswith("**unitcost check 2026-10")
    assert "| target above | `cost_per_partner_call` |" in proc.stdout
    proc = run_unitcost("check", "--db", str(db), "--scope", "nowhere")
    assert proc.returncode == 2
