"""The MetricFlow semantic layer answers on a DuckDB build and agrees with the KPI marts.

The marts and the metrics are computed by different code (SQL models rolled up per scope;
MetricFlow over the leaf facts), so agreement is an independent check of both.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, project_copy, query

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def semantic_project(demo_build: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory):
    demo, db = demo_build
    project = project_copy(tmp_path_factory.mktemp("semantic") / "project")
    env = dict(os.environ, UNITCOST_DB=str(db), DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    dbt_vars = f'{{focus_paths: ["{demo}/focus"], value_paths: ["{demo}/values"]}}'
    subprocess.run(
        [str(BIN / "dbt"), "parse", "--vars", dbt_vars, "--quiet"],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return project, env, db


def mf_query(project: Path, env: dict, out: Path, *args: str) -> list[dict]:
    proc = subprocess.run(
        [str(BIN / "mf"), "query", *args, "--csv", str(out)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with out.open(newline="") as handle:
        return list(csv.DictReader(handle))


def close(a: float, b: float, rel: float = 1e-9) -> bool:
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-12)


def test_cost_per_api_call_by_month_matches_the_mart(semantic_project, tmp_path: Path) -> None:
    project, env, db = semantic_project
    rows = mf_query(
        project,
        env,
        tmp_path / "api.csv",
        "--metrics",
        "cost_per_api_call",
        "--group-by",
        "metric_time__month",
    )
    assert len(rows) == 13  # the demo's 13 months
    # The mart per top-level scope partitions every cost and call: sum its numerators.
    expected = dict(
        query(
            db,
            """
        select period_start, sum(api_cost) / sum(api_calls)
        from kpi_cost_per_api_call
        where period_grain = 'month' and cost_basis = 'effective'
            and scope_id in (select scope_id from dim_scopes where depth = 0)
        group by 1
    """,
        )
    )
    for row in rows:
        month = row["metric_time__month"][:10]
        got = float(row["cost_per_api_call"])
        want = next(float(v) for k, v in expected.items() if str(k) == month)
        assert close(got, want), (month, got, want)


def test_ai_roi_and_time_to_value_match_the_marts(semantic_project, tmp_path: Path) -> None:
    project, env, db = semantic_project
    rows = mf_query(
        project,
        env,
        tmp_path / "ai.csv",
        "--metrics",
        "ai_roi_pct,cumulative_ai_roi_pct,ai_time_to_value_days",
        "--group-by",
        "metric_time__month",
    )
    marts = {
        str(r[0]): r[1:]
        for r in query(
            db,
            """
            select roi.period_start, roi.roi_pct, roi.cumulative_roi_pct, ttv.time_to_value_days
            from kpi_ai_roi as roi
            inner join kpi_ai_time_to_value as ttv
                on roi.scope_id = ttv.scope_id and roi.cost_basis = ttv.cost_basis
                and roi.period_start = ttv.period_start
            where roi.scope_id = 'assistant' and roi.period_grain = 'month'
                and roi.cost_basis = 'effective'
        """,
        )
    }
    assert len(rows) == 13
    for row in rows:
        roi, cumulative, ttv = marts[row["metric_time__month"][:10]]
        # The marts round percentages to 4 decimals.
        assert abs(float(row["ai_roi_pct"]) - float(roi)) < 1e-4
        assert abs(float(row["cumulative_ai_roi_pct"]) - float(cumulative)) < 1e-4
        assert close(float(row["ai_time_to_value_days"]), float(ttv), 1e-9)


def test_cost_to_revenue_by_scope_matches_the_mart(semantic_project, tmp_path: Path) -> None:
    project, env, db = semantic_project
    rows = mf_query(
        project,
        env,
        tmp_path / "revenue.csv",
        "--metrics",
        "cost_to_revenue_pct,total_cost",
        "--group-by",
        "scope",
        "--where",
        "{{ TimeDimension('metric_time', 'month') }} = '2026-03-01'",
    )
    mart = dict(
        query(
            db,
            """
        select scope_id, cost_to_revenue_pct from kpi_cost_to_revenue
        where period_grain = 'month' and period_start = '2026-03-01' and cost_basis = 'effective'
    """,
        )
    )
    checked = 0
    for row in rows:
        if row["cost_to_revenue_pct"] and mart.get(row["scope"]) is not None:
            assert abs(float(row["cost_to_revenue_pct"]) - float(mart[row["scope"]])) < 1e-4
            checked += 1
    # storefront, search, assistant and the planted partner-api (data-platform's revenue is
    # attributed)
    assert checked == 4


def test_generated_semantic_yaml_is_current() -> None:
    target = ROOT / "models" / "semantic" / "_semantic__metrics.yml"
    before = target.read_text()
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "dev" / "write_semantic_layer.py")], check=True
    )
    after = target.read_text()
    target.write_text(before)
    assert after == before, "run scripts/dev/write_semantic_layer.py and commit the result"
