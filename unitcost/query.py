"""`unitcost query`: MetricFlow's `mf query`, always on the database the user names.

A semantic manifest names the catalog of the database it was parsed against, and
the duckdb target's catalog is the file's stem: `mf query` after a build of
another file fails ("Table with name b.main... does not exist"). The profile's
`semantic` target instead opens the file under one fixed catalog name,
`unitcost` (an in-memory database with the file attached read-only under that
alias). Its manifest, parsed once into its own folder and parsed again only when
the project changes, fits every database; `mf` reads it from a small folder
that holds it beside the project's dbt_project.yml.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from unitcost.marts import open_marts
from unitcost.project import ANSI, UnitcostError, newest_change, project_dir, run_dbt

TARGET = "semantic"
PROJECT_PARTS = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds")


def semantic_folder() -> Path:
    """Where the fixed-catalog manifest lives (beside $DBT_TARGET_PATH when that is set)."""
    target = os.environ.get("DBT_TARGET_PATH")
    base = Path(target).resolve().parent if target else project_dir() / "build"
    return base / "semantic"


def semantic_manifest(db: Path) -> Path:
    """The fixed-catalog semantic manifest, parsed when missing or older than the project."""
    project = project_dir()
    folder = semantic_folder()
    manifest = folder / "target" / "semantic_manifest.json"
    if manifest.exists() and manifest.stat().st_mtime > newest_change(project, PROJECT_PARTS):
        return manifest
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / "dbt_project.yml"
    if not link.exists():
        link.symlink_to(project / "dbt_project.yml")
    # --no-partial-parse: MetricFlow metrics can come out duplicated otherwise.
    result = run_dbt(
        ["parse", "--no-partial-parse", "--target-path", str(folder / "target")],
        db=db,
        target=TARGET,
    )
    if result.returncode != 0 or not manifest.exists():
        details = "\n  ".join(result.errors or result.printed[-20:])
        raise UnitcostError(f"dbt parse of the semantic layer failed:\n  {details}")
    return manifest


def known_metrics(manifest: Path) -> list[str]:
    """The metric names of a semantic manifest."""
    return sorted(m["name"] for m in json.loads(manifest.read_text())["metrics"])


def mf_executable() -> str:
    candidate = Path(sys.executable).parent / "mf"
    return str(candidate) if candidate.exists() else "mf"


def run_query(db: Path, metrics: str, options: list[str], csv_out: Path | None) -> str:
    """The rows of one `mf query` on `db`, as an aligned table (and as CSV in `csv_out`)."""
    with open_marts(db, ("fct_scope_costs",)):
        pass  # a missing or unbuilt database is a one-line message, before any parse
    manifest = semantic_manifest(db)
    names = known_metrics(manifest)
    unknown = [m for m in metrics.split(",") if m.strip() not in names]
    if unknown:
        raise UnitcostError(
            f"unknown metric {', '.join(unknown)}: known metrics are {', '.join(names)}"
        )
    with tempfile.TemporaryDirectory() as scratch:
        out = csv_out or Path(scratch) / "query.csv"
        env = dict(os.environ)
        env.update(
            UNITCOST_DB=str(db),
            UNITCOST_TARGET=TARGET,
            DBT_PROJECT_DIR=str(manifest.parent.parent),
            DBT_PROFILES_DIR=str(project_dir()),
        )
        env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
        proc = subprocess.run(
            [mf_executable(), "query", "--metrics", metrics, *options, "--csv", str(out)],
            cwd=manifest.parent.parent,
            env=env,
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0 or not out.exists():
            raise UnitcostError("mf query failed:\n  " + _mf_message(proc.stdout + proc.stderr))
        with out.open(newline="") as handle:
            rows = list(csv.reader(handle))
    return format_table(rows)


def _mf_message(text: str) -> str:
    lines = [ANSI.sub("", line).strip() for line in text.splitlines()]
    lines = [line for line in lines if line and "Initiating query" not in line]
    return "\n  ".join(lines[-15:])


def format_table(rows: list[list[str]]) -> str:
    """CSV rows as a plain aligned table (numbers right-aligned)."""
    if not rows:
        return "(no rows)"
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]

    def numeric(text: str) -> bool:
        try:
            float(text)
        except ValueError:
            return False
        return True

    lines = []
    for n, row in enumerate(rows):
        cells = [
            cell.rjust(w) if n and numeric(cell) else cell.ljust(w)
            for cell, w in zip(row, widths, strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
