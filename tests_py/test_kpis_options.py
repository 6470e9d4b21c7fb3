"""`unitcost kpis --scope/--metric/--json` and its one-line messages for mistakes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import query, run_unitcost


def test_json_document_for_one_scope(demo_build: tuple[Path, Path]) -> None:
    _, db = demo_build
    proc = run_unitcost("kpis", "--db", str(db), "--scope", "storefront", "--json", check=True)
    doc = json.loads(proc.stdout)
    assert (doc["month"], doc["basis"], doc["currency"]) == ("2026-10", "effective", "USD")
    assert [row["scope_id"] for row in doc["scopes"]] == ["storefront"]
    cost, pct = query(
        db,
        """
        select technology_cost, cost_to_revenue_pct from kpi_cost_to_revenue
        where scope_id = 'storefront' and period_grain = 'month'
            and period_start = '2026-10-01' and cost_basis = 'effective'
        """,
    )[0]
    row = doc["scopes"][0]
    assert isinstance(row["technology_cost"], float)
    assert row["technology_cost"] == pytest.approx(float(cost), rel=1e-12)
    assert row["cost_to_revenue_pct"] == pytest.approx(float(pct), rel=1e-12)
    assert {u["scope_id"] for u in doc["unit_costs"]} == {"storefront"}
    expected_nulls = query(
        db,
        """
        select metric_id, null_reason from fct_unit_costs
        where scope_id = 'storefront' and period_grain = 'month'
            and period_start = '2026-10-01' and cost_basis = 'effective' and unit_cost is null
        """,
    )
    got_nulls = {
        (u["metric_id"], u["null_reason"]) for u in doc["unit_costs"] if u["unit_cost"] is None
    }
    assert got_nulls == set(expected_nulls) and all(reason for _, reason in expected_nulls)


def test_metric_filter_in_text_and_json(demo_build: tuple[Path, Path]) -> None:
    _, db = demo_build
    args = ("kpis", "--db", str(db), "--metric", "cost_per_vm_hour", "--month", "2026-03")
    doc = json.loads(run_unitcost(*args, "--json", check=True).stdout)
    expected = dict(
        query(
            db,
            """
            select scope_id, unit_cost from fct_unit_costs
            where metric_id = 'cost_per_vm_hour' and period_grain = 'month'
                and period_start = '2026-03-01' and cost_basis = 'effective'
            """,
        )
    )
    assert doc["month"] == "2026-03" and "scopes" not in doc
    assert {u["metric_id"] for u in doc["unit_costs"]} == {"cost_per_vm_hour"}
    got = {u["scope_id"]: u["unit_cost"] for u in doc["unit_costs"]}
    assert got.keys() == expected.keys()
    for scope, value in expected.items():
        assert got[scope] == (None if value is None else pytest.approx(float(value)))
    text = run_unitcost(*args, check=True).stdout
    assert "Cost per VM-hour" in text and "Cost per API call" not in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--month", "2026-1"), "write YYYY-MM, e.g. 2026-01"),
        (("--month", "2026-13"), "write YYYY-MM"),
        (("--month", "2031-01"), "no KPIs for 2031-01: the database has months 2025-10 to 2026-10"),
        (("--scope", "no-such-scope"), "unknown scope 'no-such-scope': known scopes are"),
        (("--metric", "cost_per_unicorn"), "unknown metric 'cost_per_unicorn': known metrics are"),
    ],
)
def test_mistakes_are_one_line_with_exit_2(
    demo_build: tuple[Path, Path], args: tuple[str, ...], message: str
) -> None:
    _, db = demo_build
    proc = run_unitcost("kpis", "--db", str(db), *args)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_missing_database_with_json(tmp_path: Path) -> None:
    proc = run_unitcost("kpis", "--json", "--db", str(tmp_path / "none.duckdb"))
    assert proc.returncode == 2 and "run `unitcost build` first" in proc.stderr
    assert proc.stdout == ""
