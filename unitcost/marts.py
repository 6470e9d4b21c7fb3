"""Opening a built database for reading, and checking what a user asked of it.

Shared by the commands that read the marts (kpis, query, export): each problem is
one line with a hint (UnitcostError, exit code 2), never a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb

from unitcost.project import UnitcostError

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@contextmanager
def open_marts(db: Path, required: tuple[str, ...] = ()) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to a built database that has the `required` tables."""
    if not db.exists():
        raise UnitcostError(f"no database at {db}: run `unitcost build` first (or pass --db FILE)")
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        raise UnitcostError(f"cannot open {db}: {first}") from exc
    try:
        missing = set(required) - public_tables(con)
        if missing:
            raise UnitcostError(
                f"{db} has no {', '.join(sorted(missing))}: run `unitcost build` first"
            )
        yield con
    finally:
        con.close()


def public_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The tables and views of the main schema (the public marts)."""
    rows = con.execute(
        "select table_name from information_schema.tables where table_schema = 'main'"
    ).fetchall()
    return {r[0] for r in rows}


def parse_month(text: str) -> date:
    """The first day of a YYYY-MM month, or a UnitcostError saying how to write one."""
    match = MONTH.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise UnitcostError(f"--month {text!r} is not a month: write YYYY-MM, e.g. 2026-01")
    return date(int(match.group(1)), int(match.group(2)), 1)


def kpi_month(con: duckdb.DuckDBPyConnection, month: str | None) -> date:
    """The month asked for (default: the latest with KPIs), checked to have KPI rows."""
    first, last = con.execute(
        "select min(period_start), max(period_start) from kpi_cost_to_revenue "
        "where period_grain = 'month'"
    ).fetchone()
    if last is None:
        raise UnitcostError("the database has no KPI rows: run `unitcost build` first")
    if month is None:
        return last
    period = parse_month(month)
    found = con.execute(
        "select count(*) from kpi_cost_to_revenue where period_grain = 'month' "
        "and period_start = ?",
        [period],
    ).fetchone()[0]
    if not found:
        raise UnitcostError(
            f"no KPIs for {period:%Y-%m}: the database has months {first:%Y-%m} to {last:%Y-%m}"
        )
    return period


def check_known(con: duckdb.DuckDBPyConnection, kind: str, value: str | None) -> None:
    """A scope (dim_scopes) or metric (dim_metrics) id the database knows, or an error."""
    if value is None:
        return
    table, column = {"scope": ("dim_scopes", "scope_id"), "metric": ("dim_metrics", "metric_id")}[
        kind
    ]
    known = [r[0] for r in con.execute(f"select {column} from {table} order by 1").fetchall()]
    if value not in known:
        raise UnitcostError(f"unknown {kind} {value!r}: known {kind}s are {', '.join(known)}")
