"""Two databases from different demo seeds: `unitcost query` answers on the one named,
and `unitcost build` prints plain lines off a terminal and a --json summary."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import build_demo, query, run_unitcost

# End to end (several builds, a browser): `make test-e2e`, which CI runs too.
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Seed 1 built with --json, seed 2 built plainly (both with stdout not a terminal)."""
    root = tmp_path_factory.mktemp("two")
    builds = {}
    for seed, extra in ((1, ["--json"]), (2, [])):
        demo = root / f"seed{seed}"
        run_unitcost("demo", "--seed", str(seed), "--rows", "5000", "--out", str(demo), check=True)
        db = root / f"seed{seed}.duckdb"
        proc = build_demo(demo, db, *extra)
        builds[seed] = (db, proc)
    return builds


def monthly_cost(db: Path) -> dict[date, float]:
    rows = query(
        db,
        "select date_trunc('month', cost_date)::date, sum(cost) from fct_scope_costs "
        "where cost_basis = 'effective' group by 1",
    )
    return {month: float(total) for month, total in rows}


def test_query_answers_on_the_database_named(two_builds: dict, tmp_path: Path) -> None:
    expected = {seed: monthly_cost(db) for seed, (db, _) in two_builds.items()}
    assert expected[1] != expected[2]
    # Seed 2 was built last; asking seed 1 afterwards is what failed before.
    for seed in (1, 2, 1):
        db = two_builds[seed][0]
        out = tmp_path / f"q{seed}.csv"
        proc = run_unitcost(
            "query",
            "--metrics",
            "total_cost",
            "--group-by",
            "metric_time__month",
            "--order",
            "metric_time__month",
            "--csv",
            str(out),
            "--db",
            str(db),
            check=True,
        )
        assert proc.stdout.startswith("metric_time__month")
        got = {}
        for line in out.read_text().splitlines()[1:]:
            month, total = line.split(",")
            got[date.fromisoformat(month[:10])] = float(total)
        assert got.keys() == expected[seed].keys()
        for month, total in expected[seed].items():
            assert got[month] == pytest.approx(total, rel=1e-9), (seed, month)


def test_query_mistakes_are_exit_2(two_builds: dict, tmp_path: Path) -> None:
    db = two_builds[2][0]
    proc = run_unitcost("query", "--metrics", "total_costs", "--db", str(db))
    assert proc.returncode == 2 and "unknown metric total_costs" in proc.stderr
    proc = run_unitcost("query", "--metrics", "total_cost", "--db", str(tmp_path / "no.duckdb"))
    assert proc.returncode == 2 and "run `unitcost build` first" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_build_prints_plain_lines_off_a_terminal(two_builds: dict) -> None:
    _, proc = two_builds[2]
    assert "\r" not in proc.stdout and "\x1b" not in proc.stdout
    lines = proc.stdout.splitlines()
    assert any(line.split()[:3] == ["OK", "model", "fct_charges"] for line in lines)
    assert "Built in" in proc.stdout and "rows staged" in proc.stdout


def test_build_json_summary_matches_the_database(two_builds: dict) -> None:
    db, proc = two_builds[1]
    summary = json.loads(proc.stdout)  # stdout is the JSON document alone
    assert "rows staged" in proc.stderr  # the human summary went to stderr
    assert summary["status"] == "built" and summary["exit_code"] == 0
    assert summary["incremental"] is False and summary["elapsed_seconds"] > 0
    assert summary["rows_staged"] == query(db, "select count(*) from fct_charges")[0][0]
    rejected = dict(query(db, "select reject_rule, count(*) from fct_charge_rejects group by 1"))
    assert summary["rejected_by_rule"] == rejected
    assert summary["rows_read"] == summary["rows_staged"] + summary["rows_rejected"]
    expected = {
        (p, c): (n, float(e))
        for p, c, n, e in query(
            db,
            "select provider_name, billing_currency, count(*), sum(effective_cost) "
            "from fct_charges group by 1, 2",
        )
    }
    got = {
        (t["provider_name"], t["billing_currency"]): (t["rows"], t["effective_cost_reporting"])
        for t in summary["totals"]
    }
    assert got.keys() == expected.keys()
    for key, (rows, cost) in expected.items():
        assert got[key][0] == rows and got[key][1] == pytest.approx(cost, rel=1e-9)
    unallocated = query(
        db, "select sum(unallocated_cost) / sum(total_cost) * 100 from fct_allocation_coverage"
    )[0][0]
    assert summary["allocation"]["unallocated_pct"] == pytest.approx(float(unallocated), abs=1e-3)


def test_rebuild_with_json_says_nothing_changed(two_builds: dict) -> None:
    db, _ = two_builds[1]
    demo = db.parent / "seed1"
    proc = build_demo(demo, db, "--json")
    summary = json.loads(proc.stdout)
    assert summary["status"] == "nothing_changed" and summary["incremental"] is True
    assert "Nothing changed since the last build" in proc.stderr
