"""Compare the public marts of two unitcost builds, row for row.

    python scripts/dev/compare_marts.py DB_A DB_B [--schema main] [--rel-tol 1e-9]
    python scripts/dev/compare_marts.py DB_A --save DIR      # snapshot DB_A's marts to Parquet

DB_A and DB_B are DuckDB files or folders of <table>.parquet files (a snapshot
written with --save). Every table of the schema (default main: fct_*, kpi_*,
dim_*) is compared: same tables, same columns with the same types, and the
same rows. Floating-point columns (double, float) may differ by --rel-tol
relative (and --abs-tol absolute, default 0); every other column (decimals,
integers, text, dates, booleans) must be equal exactly, nulls equal to nulls,
unless --decimal-rel-tol lets decimals differ by that much relative (to see
how far a change in rounding moved them; the default 0 is exact).
Rows are matched on their exact columns, duplicates by their order within
equal keys, so the check is a multiset comparison, not an ordered one.

--ignore-column NAME (repeatable) leaves a column out everywhere, e.g. source_file
when the two builds read the same files from different folders.

Exit status 0 when every table matches, 1 otherwise. Use it for a refactor
(before/after) and for an incremental build against a full refresh.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

FLOAT_TYPES = {"DOUBLE", "FLOAT", "REAL", "FLOAT4", "FLOAT8"}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _attach(con: duckdb.DuckDBPyConnection, source: str, alias: str, schema: str) -> None:
    path = Path(source)
    if path.is_dir():
        con.execute(f"create schema {alias}")
        for parquet in sorted(path.glob("*.parquet")):
            literal = str(parquet).replace("'", "''")
            view = f"{alias}.{_quote(parquet.stem)}"
            con.execute(f"create view {view} as select * from read_parquet('{literal}')")
        return
    if not path.exists():
        raise SystemExit(f"compare_marts: {source} does not exist")
    con.execute(f"attach '{path}' as {alias}_db (read_only)")
    con.execute(f"create schema {alias}")
    tables = con.execute(
        "select table_name from information_schema.tables"
        " where table_catalog = ? and table_schema = ?",
        [f"{alias}_db", schema],
    ).fetchall()
    for (table,) in tables:
        source_table = f"{alias}_db.{_quote(schema)}.{_quote(table)}"
        con.execute(f"create view {alias}.{_quote(table)} as select * from {source_table}")


def _tables(con: duckdb.DuckDBPyConnection, alias: str) -> set[str]:
    rows = con.execute(
        "select table_name from information_schema.tables where table_catalog = current_database()"
        " and table_schema = ?",
        [alias],
    ).fetchall()
    return {row[0] for row in rows}


def _columns(con: duckdb.DuckDBPyConnection, alias: str, table: str) -> list[tuple[str, str]]:
    rows = con.execute(f"describe select * from {alias}.{_quote(table)}").fetchall()
    return [(row[0], row[1]) for row in rows]


def compare_table(
    con: duckdb.DuckDBPyConnection,
    table: str,
    rel_tol: float,
    abs_tol: float,
    decimal_rel_tol: float = 0.0,
    ignore: frozenset[str] = frozenset(),
) -> tuple[bool, str]:
    cols_a = [c for c in _columns(con, "a", table) if c[0] not in ignore]
    cols_b = [c for c in _columns(con, "b", table) if c[0] not in ignore]
    if cols_a != cols_b:
        only_a = [c for c in cols_a if c not in cols_b]
        only_b = [c for c in cols_b if c not in cols_a]
        return False, f"columns differ: only in A {only_a}, only in B {only_b}"
    decimals = [name for name, kind in cols_a if kind.upper().startswith("DECIMAL")]
    tolerant = set(decimals) if decimal_rel_tol > 0 else set()
    keys = [n for n, kind in cols_a if kind.upper() not in FLOAT_TYPES and n not in tolerant]
    floats = [n for n, kind in cols_a if kind.upper() in FLOAT_TYPES or n in tolerant]
    partition = ", ".join(_quote(k) for k in keys) or "1"
    order = ", ".join(_quote(f) for f in floats) or "1"
    row_number = f"row_number() over (partition by {partition} order by {order}) as _compare_rn"
    selected = ", ".join(_quote(name) for name, _ in cols_a)
    numbered = "select " + selected + ", " + row_number + " from {t}"
    join = " and ".join(
        [f"a.{_quote(k)} is not distinct from b.{_quote(k)}" for k in keys]
        + ["a._compare_rn = b._compare_rn"]
    )
    close = (
        " and ".join(
            f"(a.{_quote(f)} is not distinct from b.{_quote(f)}"
            f" or abs(cast(a.{_quote(f)} as double) - cast(b.{_quote(f)} as double))"
            f" <= greatest({abs_tol}, {decimal_rel_tol if f in tolerant else rel_tol}"
            f" * greatest(abs(cast(a.{_quote(f)} as double)), abs(cast(b.{_quote(f)} as double)))))"
            for f in floats
        )
        or "true"
    )
    sql = f"""
        with
        a as ({numbered.format(t="a." + _quote(table))}),
        b as ({numbered.format(t="b." + _quote(table))})
        select
            count(*) filter (where b._compare_rn is null) as only_in_a,
            count(*) filter (where a._compare_rn is null) as only_in_b,
            count(*) filter (
                where a._compare_rn is not null and b._compare_rn is not null and not ({close})
            ) as differing,
            count(a._compare_rn) as rows_a,
            count(b._compare_rn) as rows_b
        from a
        full outer join b
            on {join}
    """
    only_a, only_b, differing, rows_a, rows_b = con.execute(sql).fetchone()
    ok = only_a == 0 and only_b == 0 and differing == 0
    detail = f"{rows_a} rows in A, {rows_b} in B"
    if not ok:
        detail += f"; {only_a} only in A, {only_b} only in B, {differing} beyond tolerance"
    return ok, detail


def save(source: str, out_dir: str, schema: str) -> int:
    con = duckdb.connect()
    _attach(con, source, "a", schema)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for table in sorted(_tables(con, "a")):
        target = str(out / f"{table}.parquet").replace("'", "''")
        con.execute(f"copy (select * from a.{_quote(table)}) to '{target}' (format parquet)")
        print(f"saved {table}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db_a", help="DuckDB file or folder of Parquet files")
    parser.add_argument("db_b", nargs="?", help="DuckDB file or folder of Parquet files")
    parser.add_argument("--schema", default="main", help="schema of DuckDB files (main)")
    parser.add_argument("--rel-tol", type=float, default=1e-9, help="relative float tolerance")
    parser.add_argument("--abs-tol", type=float, default=0.0, help="absolute float tolerance")
    parser.add_argument(
        "--decimal-rel-tol", type=float, default=0.0, help="relative decimal tolerance (0: exact)"
    )
    parser.add_argument(
        "--ignore-column", action="append", default=[], metavar="NAME", help="leave out a column"
    )
    parser.add_argument("--save", metavar="DIR", help="write DB_A's tables to DIR as Parquet")
    args = parser.parse_args(argv)
    if args.save:
        return save(args.db_a, args.save, args.schema)
    if not args.db_b:
        parser.error("DB_B is required unless --save is given")

    con = duckdb.connect()
    _attach(con, args.db_a, "a", args.schema)
    _attach(con, args.db_b, "b", args.schema)
    tables_a, tables_b = _tables(con, "a"), _tables(con, "b")
    failed = 0
    for table in sorted(tables_a - tables_b):
        print(f"FAIL {table}: only in A")
        failed += 1
    for table in sorted(tables_b - tables_a):
        print(f"FAIL {table}: only in B")
        failed += 1
    for table in sorted(tables_a & tables_b):
        ok, detail = compare_table(
            con,
            table,
            args.rel_tol,
            args.abs_tol,
            args.decimal_rel_tol,
            frozenset(args.ignore_column),
        )
        print(f"{'ok  ' if ok else 'FAIL'} {table}: {detail}")
        failed += 0 if ok else 1
    total = len(tables_a | tables_b)
    summary = f"{total - failed} of {total} tables match"
    print(summary + ("" if failed == 0 else f"; {failed} differ"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
