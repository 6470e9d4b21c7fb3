"""`unitcost kpis` prints the month's KPIs, read from the marts of a built database."""

from __future__ import annotations

from pathlib import Path

from conftest import query, run_unitcost


def test_kpis_prints_the_latest_month(demo_build: tuple[Path, Path]) -> None:
    _, db = demo_build
    proc = run_unitcost("kpis", "--db", str(db), check=True)
    out = proc.stdout
    assert out.startswith("unitcost KPIs for 2026-10 (effective cost, USD)")
    cost, pct = query(
        db,
        """
        select technology_cost, cost_to_revenue_pct from kpi_cost_to_revenue
        where scope_id = 'storefront' and period_grain = 'month'
            and period_start = '2026-10-01' and cost_basis = 'effective'
    """,
    )[0]
    line = next(x for x in out.splitlines() if x.strip().startswith("storefront"))
    assert f"{float(cost):,.2f}" in line
    assert f"{float(pct):.2f} %" in line
    roi = query(
        db,
        """
        select roi_pct from kpi_ai_roi where scope_id = 'assistant' and period_grain = 'month'
            and period_start = '2026-10-01' and cost_basis = 'effective'
    """,
    )[0][0]
    assert f"assistant: ROI {float(roi):,.1f} % this month" in out
    assert "Data products" in out and "Allocation of the month's effective cost" in out


def test_kpis_for_another_month_and_basis(demo_build: tuple[Path, Path]) -> None:
    _, db = demo_build
    out = run_unitcost(
        "kpis", "--db", str(db), "--month", "2026-01", "--basis", "billed", check=True
    ).stdout
    assert out.startswith("unitcost KPIs for 2026-01 (billed cost, USD)")


def test_kpis_without_a_build_says_so(tmp_path: Path) -> None:
    proc = run_unitcost("kpis", "--db", str(tmp_path / "none.duckdb"))
    assert proc.returncode == 2
    assert "run `unitcost build` first" in proc.stderr
    assert "Traceback" not in proc.stderr
