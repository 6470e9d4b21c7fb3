"""`unitcost export` writes every public mart; `unitcost docs` writes the dbt docs site."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest
from conftest import query, run_unitcost

# End to end (several builds, a browser): `make test-e2e`, which CI runs too.
pytestmark = pytest.mark.e2e


def public_marts(db: Path) -> dict[str, int]:
    tables = query(
        db,
        "select table_name from information_schema.tables where table_schema = 'main' "
        "and (table_name like 'fct\\_%' escape '\\' or table_name like 'kpi\\_%' escape '\\' "
        "or table_name like 'dim\\_%' escape '\\')",
    )
    return {t: query(db, f'select count(*) from main."{t}"')[0][0] for (t,) in tables}


def test_parquet_export_matches_the_database(demo_build: tuple[Path, Path], tmp_path: Path) -> None:
    _, db = demo_build
    out = tmp_path / "export"
    run_unitcost("export", "--format", "parquet", "--out", str(out), "--db", str(db), check=True)
    expected = public_marts(db)
    assert {"fct_charges", "kpi_ai_roi", "dim_scopes"} <= expected.keys()
    assert {p.stem for p in out.glob("*.parquet")} == expected.keys()
    manifest = json.loads((out / "manifest.json").read_text())
    assert {t["table"]: t["rows"] for t in manifest["tables"]} == expected
    con = duckdb.connect()
    for table, rows in expected.items():
        assert con.execute(f"select count(*) from '{out / table}.parquet'").fetchone()[0] == rows
    exported = con.execute(
        f"select sum(effective_cost) from '{out}/fct_charges.parquet'"
    ).fetchone()
    assert float(exported[0]) == pytest.approx(
        float(query(db, "select sum(effective_cost) from fct_charges")[0][0]), abs=1e-6
    )
    columns = next(t["columns"] for t in manifest["tables"] if t["table"] == "fct_charges")
    assert "effective_cost" in [c["name"] for c in columns]


def test_csv_export(demo_build: tuple[Path, Path], tmp_path: Path) -> None:
    _, db = demo_build
    out = tmp_path / "csv"
    proc = run_unitcost("export", "--format", "csv", "--out", str(out), "--db", str(db), check=True)
    assert "manifest" in proc.stdout
    with (out / "kpi_cost_to_revenue.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == query(db, "select count(*) from kpi_cost_to_revenue")[0][0]
    total = sum(float(r["technology_cost"]) for r in rows if r["technology_cost"])
    expected = query(db, "select sum(technology_cost) from kpi_cost_to_revenue")[0][0]
    assert total == pytest.approx(float(expected), rel=1e-9)


def test_export_without_a_database(tmp_path: Path) -> None:
    proc = run_unitcost("export", "--out", str(tmp_path / "x"), "--db", str(tmp_path / "no.duckdb"))
    assert proc.returncode == 2 and "run `unitcost build` first" in proc.stderr


def test_docs_site(demo_build: tuple[Path, Path], tmp_path: Path) -> None:
    _, db = demo_build
    out = tmp_path / "docs"
    proc = run_unitcost("docs", "--out", str(out), "--db", str(db), check=True)
    assert (out / "index.html").is_file()
    assert "open it in a browser: file://" in proc.stdout
    manifest = json.loads((out / "manifest.json").read_text())
    node = manifest["nodes"]["model.unitcost.fct_charges"]
    assert node["description"]
    assert node["columns"]["effective_cost"]["description"]
    catalog = json.loads((out / "catalog.json").read_text())
    columns = catalog["nodes"]["model.unitcost.fct_charges"]["columns"]
    assert "effective_cost" in columns
