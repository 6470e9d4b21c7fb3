"""scripts/dev/compare_marts.py: the before/after and incremental/full-refresh check."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import duckdb

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "dev" / "compare_marts.py"


def _load():
    spec = importlib.util.spec_from_file_location("compare_marts", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _db(path: Path, rows: list[tuple], extra_table: bool = False) -> str:
    con = duckdb.connect(str(path))
    con.execute("create table kpi_x (k varchar, amount decimal(38, 12), ratio double)")
    con.executemany("insert into kpi_x values (?, ?, ?)", rows)
    if extra_table:
        con.execute("create table kpi_y as select 1 as a")
    con.close()
    return str(path)


def test_equal_builds_match_in_any_row_order(tmp_path, capsys):
    compare = _load()
    a = _db(tmp_path / "a.duckdb", [("p", 1.5, 0.1), ("q", 2, None), ("q", 2, None)])
    b = _db(tmp_path / "b.duckdb", [("q", 2, None), ("p", 1.5, 0.1 + 1e-12), ("q", 2, None)])
    assert compare.main([a, b]) == 0
    assert "1 of 1 tables match" in capsys.readouterr().out


def test_a_decimal_must_be_exact_a_float_within_tolerance(tmp_path, capsys):
    compare = _load()
    a = _db(tmp_path / "a.duckdb", [("p", 1.5, 0.1)])
    b = _db(tmp_path / "b.duckdb", [("p", 1.500000000001, 0.1)])
    c = _db(tmp_path / "c.duckdb", [("p", 1.5, 0.1001)])
    assert compare.main([a, b]) == 1
    assert "1 only in A, 1 only in B" in capsys.readouterr().out
    assert compare.main([a, b, "--decimal-rel-tol", "1e-9"]) == 0
    assert compare.main([a, c]) == 1
    assert "beyond tolerance" in capsys.readouterr().out


def test_missing_table_and_parquet_snapshot(tmp_path, capsys):
    compare = _load()
    a = _db(tmp_path / "a.duckdb", [("p", 1.5, 0.1)], extra_table=True)
    b = _db(tmp_path / "b.duckdb", [("p", 1.5, 0.1)])
    assert compare.main([a, b]) == 1
    assert "kpi_y: only in A" in capsys.readouterr().out
    snapshot = tmp_path / "snapshot"
    assert compare.main([a, "--save", str(snapshot)]) == 0
    assert compare.main([str(snapshot), a]) == 0
