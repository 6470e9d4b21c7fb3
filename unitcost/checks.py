"""The file checks and the build plan, run by Python on DuckDB without dbt.

`unitcost validate` and `unitcost build` answer in about a second instead of dbt's
start-up and a scratch build: they run the project's own macros (the FOCUS and
value file plans, `unitcost_preflight_problems`, `unitcost_build_plan`) and
staging models through `unitcost.render`, so the rules live once, in SQL, and a
plain `dbt build` (its on-run-start preflight) applies exactly the same ones.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from unitcost.render import CompileError, Renderer

PLAN_MARKER = "UNITCOST_BUILD_PLAN "
STATE_ALIAS = "unitcost_built"

# The models `unitcost validate` runs, in order, and how: the rows as read
# (stg_focus__rows) and typed and checked (stg_focus__charges) as temporary tables
# (binding the typing over the union of every file's select cost more than storing
# the rows: 1.5 s against 2.1 s of CPU on the demo's 52 files), then converted (FX)
# and resolved (superseded exports), and the quantity units (per billing period, then
# those seeds/units.csv does not know), as views.
STAGING_CHAIN = [
    ("stg_focus__rows", "models/staging/focus/stg_focus__rows.sql", "table"),
    ("stg_focus__charges", "models/staging/focus/stg_focus__charges.sql", "table"),
    ("int_charges_converted", "models/intermediate/charges/int_charges_converted.sql", "view"),
    ("int_charge_exports", "models/intermediate/charges/int_charge_exports.sql", "view"),
    ("int_charges_resolved", "models/intermediate/charges/int_charges_resolved.sql", "view"),
    (
        "int_charge_units_by_period",
        "models/intermediate/charges/int_charge_units_by_period.sql",
        "view",
    ),
    ("fct_unrecognised_units", "models/marts/charges/fct_unrecognised_units.sql", "view"),
]


@dataclass
class Checked:
    """The FOCUS file plan, the problems that would stop a build, and the renderer
    (its connection) they were found with."""

    plan: dict
    problems: list[str]
    renderer: Renderer
    loadable: list[dict] = field(default_factory=list)

    def close(self) -> None:
        self.renderer.con.close()


def connect(memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB set up as profiles.yml sets the build's (UTC, bounded memory)."""
    con = duckdb.connect(
        config={
            "memory_limit": memory_limit or os.environ.get("UNITCOST_MEMORY_LIMIT", "8GB"),
            # Only used when a large validate spills; one folder per process.
            "temp_directory": str(Path(tempfile.gettempdir()) / f"unitcost-checks-{os.getpid()}"),
            "preserve_insertion_order": False,
        }
    )
    con.execute("set TimeZone = 'UTC'")
    return con


def renderer(dbt_vars: dict, db: Path | None = None, memory_limit: str | None = None) -> Renderer:
    """A renderer over a fresh in-memory DuckDB; with `db`, that database's build state
    (attached read-only) is what the macros compare the files with."""
    con = connect(memory_limit)
    database = "memory"
    if db is not None and db.exists():
        quoted = str(db).replace("'", "''")
        con.execute(f"attach '{quoted}' as {STATE_ALIAS} (read_only)")
        con.execute(f"use {STATE_ALIAS}")
        database = STATE_ALIAS
    render = Renderer(con, dbt_vars, database=database)
    render.call("unitcost_engine_settings")
    return render


def check_files(dbt_vars: dict, *, focus_only: bool = False) -> Checked:
    """The FOCUS file plan and the problems that would stop a build (with
    `focus_only`, the FOCUS files' alone: what `unitcost validate` is asked)."""
    render = renderer(dbt_vars)
    try:
        plan = render.call("unitcost_focus_file_plan")
        name = "unitcost_focus_file_problems" if focus_only else "unitcost_preflight_problems"
        problems = render.call(name, plan)
    except CompileError:
        render.con.close()
        raise
    checked = Checked(plan=plan, problems=with_details(problems, render), renderer=render)
    checked.loadable = [f for f in plan["files"] if f.get("is_focus") and not f.get("problem")]
    return checked


def with_details(problems: list[str], render: Renderer) -> list[str]:
    """Each problem, with the engine's own words under it when a query failed."""
    details = {f.message: f.detail for f in render.failures}
    return [p + (f"\n    (DuckDB: {details[p]})" if p in details else "") for p in problems]


def build_plan(dbt_vars: dict, db: Path, memory_limit: str | None = None) -> dict:
    """What a build of `db` would do: macros/incremental/unitcost_build_plan.sql,
    rendered here (no dbt start-up), with `db`'s build state read-only."""
    render = renderer(dbt_vars, db, memory_limit)
    try:
        render.call("unitcost_build_plan")
    finally:
        render.con.close()
    for message in render.logged:
        if message.startswith(PLAN_MARKER):
            plan = json.loads(message[len(PLAN_MARKER) :])
            plan["problems"] = with_details(plan["problems"], render)
            return plan
    raise CompileError("unitcost_build_plan logged no plan")


def stage(checked: Checked) -> duckdb.DuckDBPyConnection:
    """Run the staging chain over the loadable files (STAGING_CHAIN), in memory:
    `int_charges_resolved` then holds every row with its reject rule and reason."""
    render = checked.renderer
    loadable = checked.loadable
    render.override("unitcost_focus_changes", lambda: {"read": loadable, "replace": []})
    render.seed("fx_rates")
    render.seed("units")
    for name, path, kind in STAGING_CHAIN:
        render.materialize(name, path, kind)
    return render.con
