"""`unitcost docs`: the dbt docs site (models, columns, lineage) as a folder of files."""

from __future__ import annotations

import shutil
from pathlib import Path

from unitcost.project import UnitcostError, run_dbt

SITE_FILES = ("index.html", "manifest.json", "catalog.json")


def generate(db: Path, out: Path) -> Path:
    """`dbt docs generate --static` on the built database `db`, written into `out`.

    The columns and their types come from the database (catalog.json), so build it
    first. --static also writes static_index.html, one file with everything in it,
    which opens from disk without a web server.
    """
    if not db.exists():
        raise UnitcostError(f"no database at {db}: run `unitcost build` first (or pass --db FILE)")
    out.mkdir(parents=True, exist_ok=True)
    result = run_dbt(
        ["docs", "generate", "--static", "--target-path", str(out), "--no-partial-parse"],
        db=db,
    )
    if result.returncode != 0 or not (out / "index.html").exists():
        details = "\n  ".join(result.errors or result.printed[-20:])
        raise UnitcostError(f"dbt docs generate failed:\n  {details}")
    for leftover in ("compiled", "run", "graph.gpickle", "partial_parse.msgpack"):
        path = out / leftover
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    return out / ("static_index.html" if (out / "static_index.html").exists() else "index.html")
