"""`unitcost export`: every public mart of a built database as CSV or Parquet files.

The public marts are the tables of the main schema named fct_*, kpi_* and dim_*;
each is written as one file by DuckDB's COPY, and manifest.json lists the table,
its file, rows and columns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from unitcost.marts import open_marts, public_tables

PREFIXES = ("fct_", "kpi_", "dim_")


@dataclass
class ExportResult:
    tables: list[dict]
    manifest: Path


def export(db: Path, out: Path, fmt: str) -> ExportResult:
    """Write each public mart of `db` to `out` as <table>.<fmt>, plus manifest.json."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with open_marts(db, ("fct_charges",)) as con:
        for table in sorted(t for t in public_tables(con) if t.startswith(PREFIXES)):
            path = out / f"{table}.{fmt}"
            options = "format parquet" if fmt == "parquet" else "format csv, header true"
            con.execute(f"copy main.\"{table}\" to '{_quoted(path)}' ({options})")
            rows = con.execute(f'select count(*) from main."{table}"').fetchone()[0]
            columns = [
                {"name": name, "type": kind}
                for name, kind in con.execute(
                    "select column_name, data_type from information_schema.columns "
                    "where table_schema = 'main' and table_name = ? order by ordinal_position",
                    [table],
                ).fetchall()
            ]
            written.append({"table": table, "file": path.name, "rows": rows, "columns": columns})
    manifest = out / "manifest.json"
    document = {"database": str(db), "format": fmt, "tables": written}
    manifest.write_text(json.dumps(document, indent=2) + "\n")
    return ExportResult(written, manifest)


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
