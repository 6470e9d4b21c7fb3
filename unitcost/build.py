"""`unitcost build`: load FOCUS exports and build every model with dbt."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from unitcost.config import DEFAULTS, Settings, absolute_path
from unitcost.progress import Progress
from unitcost.project import ANSI, UnitcostError, project_dir, run_dbt
from unitcost.units import describe, unrecognised_units


@dataclass
class BuildOptions:
    """What `unitcost build` (or the Dagster asset, unitcost.orchestration) was asked to do."""

    focus: list[str]
    db: Path
    values: list[str] = field(default_factory=list)
    commitments: list[str] = field(default_factory=list)
    recency: list[str] = field(default_factory=list)
    currency: str = DEFAULTS["currency"]
    timestamp_formats: tuple[str, ...] = ()
    export_grouping: str = DEFAULTS["export_grouping"]
    memory_limit: str | None = None  # None: profiles.yml's default
    config_file: Path | None = None  # the unitcost.yml read, if any (printed)
    select: str | None = None
    full_refresh: bool = False
    unit_tests: bool = False
    json: bool = False

    @classmethod
    def from_settings(cls, settings: Settings, **options: object) -> BuildOptions:
        """The options for the settings in force (unitcost.config), plus the others given."""
        return cls(
            focus=settings.focus,
            db=settings.db,
            values=settings.values,
            commitments=settings.commitments,
            recency=settings.recency,
            currency=settings.currency,
            timestamp_formats=tuple(settings.timestamp_formats),
            export_grouping=settings.export_grouping,
            memory_limit=settings.memory_limit,
            config_file=settings.file,
            **options,
        )

    def dbt_vars(self) -> dict:
        dbt_vars = focus_vars(
            self.focus, self.currency, self.timestamp_formats, self.export_grouping, self.values
        )
        # FOCUS 1.3 Contract Commitment datasets and Recency metadata: read whole on every
        # build (a few rows), so a build with them always runs (see plan_is_noop in _build).
        dbt_vars["commitment_paths"] = [absolute_path(p, Path.cwd()) for p in self.commitments]
        dbt_vars["recency_paths"] = [absolute_path(p, Path.cwd()) for p in self.recency]
        return dbt_vars

    def dbt_env(self) -> dict[str, str]:
        """Environment variables for dbt: the memory limit when one was set."""
        return {"UNITCOST_MEMORY_LIMIT": self.memory_limit} if self.memory_limit else {}


def focus_vars(
    focus: list[str],
    currency: str = DEFAULTS["currency"],
    timestamp_formats: tuple[str, ...] = (),
    export_grouping: str = DEFAULTS["export_grouping"],
    values: list[str] | None = None,
) -> dict:
    """The dbt vars for FOCUS and value paths; paths made absolute (globs kept as written)."""
    return {
        "focus_paths": [absolute_path(p, Path.cwd()) for p in focus],
        "value_paths": [absolute_path(p, Path.cwd()) for p in values or []],
        "reporting_currency": currency.upper(),
        "extra_timestamp_formats": list(timestamp_formats),
        "export_grouping": export_grouping,
    }


def build(options: BuildOptions) -> int:
    """Build the database (see `_build`); with `json`, the human output goes to stderr
    and stdout gets one JSON summary (build_summary.summary_data)."""
    if not options.json:
        return _build(options, {})
    from unitcost.build_summary import summary_data

    outcome: dict = {}
    with contextlib.redirect_stdout(sys.stderr):
        code = _build(options, outcome)
    document = {"status": outcome.get("status", "failed"), "exit_code": code, **outcome}
    if code == 0:
        document.update(summary_data(options.db))
    print(json.dumps(document, indent=2, default=str))
    return code


def _build(options: BuildOptions, outcome: dict) -> int:
    """Build the database for the options: plan, build a working copy, publish it.

    1. `unitcost_build_plan` (rendered without dbt, unitcost.checks) says what changed since the
       last successful build: files new, changed or removed, value data, and
       whether the project or its settings changed (then a full refresh is needed).
       Problems that would stop the build are reported here, before anything is
       touched. When nothing changed, the database is current and nothing runs.
    2. `dbt build` runs on a copy of the database (`<db>.building`), incrementally
       when it can.
    3. Only when every model and test passed does the copy replace the database, in
       one rename: readers see the previous build or the new one, never a mix. A
       build that fails or dies leaves the previous database as it was.
    """
    if not options.focus:
        raise UnitcostError(
            "no FOCUS input: pass --focus PATH (a file, folder or glob) or set focus: in "
            "unitcost.yml"
        )
    dbt_vars = options.dbt_vars()
    print(f"unitcost build: {', '.join(dbt_vars['focus_paths'])}")
    if dbt_vars["value_paths"]:
        print(f"  values   {', '.join(dbt_vars['value_paths'])}")
    print(f"  database {options.db}")
    if options.config_file:
        print(f"  config   {options.config_file}")
    if options.memory_limit:
        print(f"  memory   {options.memory_limit}")
    started = time.monotonic()
    plan, exists = plan_build(options)
    outcome.update(database=str(options.db), problems=plan["problems"])
    if plan["problems"]:
        outcome["status"] = "problems"
        print(
            f"\nunitcost build: {len(plan['problems'])} problem"
            f"{'s' if len(plan['problems']) > 1 else ''}; nothing was built"
            + (", the previous build is unchanged." if exists else "."),
            file=sys.stderr,
        )
        for problem in plan["problems"]:
            print(f"  - {problem}", file=sys.stderr)
        discard(working_copy(options.db))
        return 1
    if options.select:
        check_selection(options.select, dbt_vars, options.db)
    full_refresh = needs_full_refresh(plan, exists, options.full_refresh)
    print(f"  {describe_plan(plan, full_refresh, options.full_refresh)}")
    outcome.update(
        incremental=not full_refresh,
        files={k: plan[k] for k in ("new", "changed", "removed", "unchanged") if k in plan},
    )
    side_inputs = options.commitments or options.recency
    if (
        exists
        and not full_refresh
        and plan_is_noop(plan)
        and not options.select
        and not side_inputs
    ):
        outcome.update(
            status="nothing_changed", elapsed_seconds=round(time.monotonic() - started, 2)
        )
        print(f"\nNothing changed since the last build; {options.db.name} is current.")
        return 0
    working = start_working_copy(options.db, full_refresh)
    command = ["build"]
    if options.select:
        # Only the tests of what is built: a test of an unbuilt model would fail.
        command += ["--select", options.select, "--indirect-selection", "cautious"]
    command += dbt_build_flags(full_refresh, options.unit_tests)
    progress = Progress()
    try:
        result = run_dbt(
            command, db=working, dbt_vars=dbt_vars, on_event=progress, env=options.dbt_env()
        )
    except BaseException:
        discard(working)
        raise
    progress.finish()
    elapsed = time.monotonic() - started
    tests = progress.tests
    outcome.update(elapsed_seconds=round(elapsed, 2), tests=tests, nodes=progress.done)
    print(
        f"  tests  {tests['pass']} passed, {tests['warn']} warned, "
        f"{tests['fail']} failed, {tests['error']} errored"
    )
    if result.returncode != 0:
        outcome.update(status="failed", failed=result.failed_nodes)
        discard(working)
        print(f"\nunitcost build FAILED after {elapsed:.1f} s", file=sys.stderr)
        if exists:
            print(f"  {options.db.name} is unchanged (the previous build).", file=sys.stderr)
        if result.failed_nodes:
            print(f"  failed: {', '.join(result.failed_nodes)}", file=sys.stderr)
        for message in result.errors or result.printed[-20:]:
            print("  " + message.replace("\n", "\n  "), file=sys.stderr)
        return 1
    publish(working, options.db)
    outcome["status"] = "built"
    print(f"\nBuilt in {elapsed:.1f} s.\n")
    print(summarize(options.db))
    return 0


# The steps of a build, shared by `unitcost build` and the Dagster asset
# (unitcost.orchestration): plan, build a working copy, publish it or discard it.


def working_copy(db: Path) -> Path:
    """Where a build of `db` is made before it replaces `db`."""
    return db.with_name(db.name + ".building")


def plan_build(options: BuildOptions) -> tuple[dict, bool]:
    """The build plan for the options, and whether the database exists already.

    A database that does not exist yet has no build state: every file is new.
    """
    working = working_copy(options.db)
    _remove_database(working)
    exists = options.db.exists()
    plan = build_plan(options.dbt_vars(), options.db, options.memory_limit)
    return plan, exists


def needs_full_refresh(plan: dict, exists: bool, asked: bool) -> bool:
    """A full refresh when asked, without a database, or when the plan says so."""
    return asked or not exists or plan["full_refresh_needed"]


def dbt_build_flags(full_refresh: bool, unit_tests: bool) -> list[str]:
    """The flags of the `dbt build` of a build, after any selection."""
    flags = ["--full-refresh"] if full_refresh else []
    if not unit_tests:
        # dbt unit tests check the project's SQL, not the data: `make test` runs them.
        flags += ["--exclude", "test_type:unit"]
    return flags


def start_working_copy(db: Path, full_refresh: bool) -> Path:
    """The working copy to build in: a copy of `db` for an incremental build, else empty."""
    working = working_copy(db)
    _remove_database(working)
    if db.exists() and not full_refresh:
        shutil.copyfile(db, working)
    return working


def publish(working: Path, db: Path) -> None:
    """Replace the database by its built working copy, in one rename."""
    os.replace(working, db)
    _remove_database(working)  # what is left of the copy: its spill folder


def discard(working: Path) -> None:
    """Remove a working copy whose build failed."""
    _remove_database(working)


def build_plan(dbt_vars: dict, db: Path, memory_limit: str | None = None) -> dict:
    """What a build of `db` would do (macros/incremental/unitcost_build_plan.sql), found
    without dbt's start-up (unitcost.checks renders the macro on DuckDB), so that a
    missing path or a file that cannot be loaded is refused within a second or two."""
    from unitcost import checks

    try:
        return checks.build_plan(dbt_vars, db, memory_limit)
    except duckdb.Error as exc:
        from unitcost.render import engine_detail

        raise UnitcostError(
            f"could not read {db} to plan the build (is another program writing it?): "
            f"{engine_detail(exc)}"
        ) from exc


def check_selection(select: str, dbt_vars: dict, db: Path) -> None:
    """Refuse a --select that selects no model, or that would leave a database without
    fct_charges (every summary and mart reads it): a UnitcostError with a hint."""
    result = run_dbt(
        ["ls", "--select", select, "--resource-type", "model", "--output", "name", "--quiet"],
        db=db.with_name(db.name + ".ls"),
        dbt_vars=dbt_vars,
    )
    if result.returncode != 0:
        detail = (result.errors or result.messages or result.printed or ["?"])[-1]
        raise UnitcostError(f"--select {select!r} is not a dbt selection: {detail}")
    names = {m.strip() for m in result.messages + result.printed if m.strip()}
    models = {n.rsplit(".", 1)[-1] for n in names if " " not in n}
    if not models:
        raise UnitcostError(
            f"--select {select!r} selects no model: name models, e.g. +fct_charges "
            "or fct_scope_costs+ (`dbt ls --select ...` lists what a selection picks)"
        )
    if "fct_charges" not in models and not _has_table(db, "fct_charges"):
        raise UnitcostError(
            f"--select {select!r} does not build fct_charges, and {db.name} has none yet: "
            "build everything once (no --select), or select +fct_charges too"
        )


def _has_table(db: Path, name: str) -> bool:
    if not db.exists():
        return False
    con = duckdb.connect(str(db), read_only=True)
    try:
        found = con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'main' and table_name = ?",
            [name],
        ).fetchone()[0]
    finally:
        con.close()
    return found > 0


def plan_is_noop(plan: dict) -> bool:
    """True when no input changed since the last successful build."""
    return not (plan["new"] or plan["changed"] or plan["removed"] or plan["value_data_changed"])


def describe_plan(plan: dict, full_refresh: bool, asked: bool) -> str:
    """One line saying what the build will do."""
    files = (
        f"{len(plan['new'])} new, {len(plan['changed'])} changed, "
        f"{len(plan['removed'])} removed, {plan['unchanged']} unchanged FOCUS file(s)"
    )
    if not full_refresh:
        return f"incremental: {files}"
    if asked:
        return "full refresh (--full-refresh)"
    if not plan["has_state"]:
        return "full build (no previous build in this database)"
    return "full refresh (the project, seeds or settings changed since the last build)"


def _remove_database(path: Path) -> None:
    """Remove a database file, its write-ahead log and its spill folder (profiles.yml)."""
    for candidate in (path, path.with_name(path.name + ".wal")):
        candidate.unlink(missing_ok=True)
    shutil.rmtree(path.with_name(path.name + ".tmp"), ignore_errors=True)


def summarize(db: Path) -> str:
    """A readable summary of what the last build staged and rejected."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return _summary(con, db)
    finally:
        con.close()


def _summary(con: duckdb.DuckDBPyConnection, db: Path) -> str:
    # A --select build may leave out models no selected model refs (the file list).
    tables = _tables(con)
    files = ("?", None)
    if "stg_focus__files" in tables:
        files = con.execute(
            "select count(*), string_agg(distinct focus_version, ', ' order by focus_version) "
            "from staging.stg_focus__files"
        ).fetchone()
    read = con.execute(
        "select coalesce(sum(row_count), 0) from staging.stg_focus__file_totals"
    ).fetchone()[0]
    staged, currency = con.execute(
        "select count(*), coalesce(any_value(reporting_currency), '') from fct_charges"
    ).fetchone()
    rejects = []
    if "fct_charge_rejects" in tables:
        rejects = con.execute(
            "select reject_rule, count(*) from fct_charge_rejects group by 1 order by 2 desc, 1"
        ).fetchall()
    rejected = sum(n for _, n in rejects)
    lines = [
        f"FOCUS rows read   {read:>12,}  from {files[0]} file(s), FOCUS {files[1] or '-'}",
        f"rows staged       {staged:>12,}  (fct_charges)",
        f"rows rejected     {rejected:>12,}  (fct_charge_rejects)",
    ]
    for rule, n in rejects:
        lines.append(f"  {rule:<24}{n:>10,}")
    if "fct_unrecognised_units" in _tables(con):
        units = unrecognised_units(con, "fct_unrecognised_units")
        lines += [""] + describe(units) if units else []
    totals = con.execute(
        """
        select
            provider_name,
            billing_currency,
            count(*) as charges,
            sum(billing_currency_billed_cost) as billed,
            sum(billing_currency_effective_cost) as effective,
            sum(billed_cost) as billed_reporting,
            sum(effective_cost) as effective_reporting
        from fct_charges
        group by 1, 2
        order by 1, 2
        """
    ).fetchall()
    if totals:
        lines.append("")
        lines.append(
            f"{'provider':<22}{'currency':<9}{'rows':>10}{'BilledCost':>16}{'EffectiveCost':>16}"
            f"{'Billed ' + currency:>16}{'Effective ' + currency:>18}"
        )
        for provider, cur, n, billed, effective, billed_r, effective_r in totals:
            lines.append(
                f"{(provider or '')[:21]:<22}{cur:<9}{n:>10,}{billed:>16,.2f}{effective:>16,.2f}"
                f"{billed_r:>16,.2f}{effective_r:>18,.2f}"
            )
        grand = con.execute(
            "select sum(billed_cost), sum(effective_cost) from fct_charges"
        ).fetchone()
        lines.append(
            f"{'total':<22}{currency:<9}{staged:>10,}{'':>16}{'':>16}"
            f"{grand[0]:>16,.2f}{grand[1]:>18,.2f}"
        )
    lines += _allocation_summary(con, currency)
    lines.append("")
    lines.append(f"Database: {db}")
    lines.append(
        "  tables fct_charges, fct_charge_rejects, fct_scope_costs, fct_cost_allocations, "
        "fct_allocation_coverage, fct_business_metrics, ..."
    )
    return ANSI.sub("", "\n".join(lines))


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {
        r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()
    }


def _allocation_summary(con: duckdb.DuckDBPyConnection, currency: str) -> list[str]:
    """Value data and allocation coverage lines, when those models were built."""
    tables = _tables(con)
    lines: list[str] = []
    if {"fct_business_metrics", "fct_value_rejects"} <= tables:
        accepted, metrics = con.execute(
            "select count(*), count(distinct metric) from fct_business_metrics"
        ).fetchone()
        rejects = con.execute(
            "select reject_rule, count(*) from fct_value_rejects group by 1 order by 2 desc, 1"
        ).fetchall()
        rejected = sum(n for _, n in rejects)
        lines += [
            "",
            f"value rows        {accepted:>12,}  accepted, {metrics} metrics",
            f"value rows        {rejected:>12,}  rejected (fct_value_rejects)",
        ]
        lines += [f"  {rule:<24}{n:>10,}" for rule, n in rejects]
    if "fct_allocation_coverage" in tables:
        row = con.execute(
            """
            select sum(direct_cost), sum(shared_cost), sum(unallocated_cost), sum(total_cost)
            from fct_allocation_coverage
            """
        ).fetchone()
        if row[3]:
            direct, shared, unallocated, total = (float(v) for v in row)
            lines += [
                "",
                f"allocation (effective cost, {currency}, all months, bill + TCO lines):",
                f"  direct      {direct:>16,.2f}  {100 * direct / total:5.1f} %",
                f"  shared      {shared:>16,.2f}  {100 * shared / total:5.1f} %",
                f"  unallocated {unallocated:>16,.2f}  {100 * unallocated / total:5.1f} %",
            ]
    return lines


__all__ = ["BuildOptions", "build", "focus_vars", "summarize", "project_dir"]
