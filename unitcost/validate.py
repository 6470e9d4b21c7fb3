"""`unitcost validate`: a pre-flight check of FOCUS files, without building anything.

It runs the project's own preflight and staging models (in a throwaway database, in one
dbt invocation), so it reports exactly what `unitcost build` would accept, map and reject.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import duckdb

from unitcost.build import focus_vars
from unitcost.project import UnitcostError, run_dbt
from unitcost.units import describe, unrecognised_units

PLAN_MARKER = "UNITCOST_FILE_PLAN "


def file_problem(info: dict) -> str | None:
    """Why a file cannot be loaded at all, or None when it can."""
    if info.get("problem"):
        return info["problem"]
    if not info.get("is_focus"):
        return "not a FOCUS export (fewer than 3 FOCUS columns)"
    if info.get("missing"):
        return "missing mandatory columns " + ", ".join(info["missing"])
    return None


def stage(dbt_vars: dict, scratch: Path) -> tuple[dict, Path]:
    """Stage the files in a scratch database; the file plan and the database."""
    db = scratch / "validate.duckdb"
    result = run_dbt(
        [
            "build",
            "--select",
            "+int_charges_resolved",
            "+fct_unrecognised_units",
            "--exclude",
            "resource_type:test",
        ],
        db=db,
        dbt_vars=dict(dbt_vars, unitcost_preflight_mode="report"),
    )
    plan = next(
        (json.loads(m[len(PLAN_MARKER) :]) for m in result.messages if m.startswith(PLAN_MARKER)),
        None,
    )
    if plan is None or result.returncode != 0:
        detail = "\n  ".join(result.errors or result.messages[-5:])
        raise UnitcostError(f"could not stage the FOCUS files:\n  {detail}")
    return plan, db


def validate(
    paths: list[str],
    *,
    currency: str = "USD",
    timestamp_formats: tuple[str, ...] = (),
    export_grouping: str = "directory",
    strict: bool = False,
) -> int:
    """Check FOCUS files and print a report; exit code 1 when a file cannot be loaded."""
    dbt_vars = focus_vars(paths, currency, timestamp_formats, export_grouping)
    scratch = Path(tempfile.mkdtemp(prefix="unitcost-validate-"))
    try:
        plan, db = stage(dbt_vars, scratch)
        files = plan.get("files", [])
        unmatched = plan.get("unmatched", [])
        failed = bool(unmatched) or not files
        for path in unmatched:
            print(f"{path}\n  ERROR no FOCUS file found (.csv, .csv.gz, .parquet)")
        loadable = []
        for info in files:
            problem = file_problem(info)
            print(f"{info['path']}")
            version = f"FOCUS {info.get('version')}" if info.get("is_focus") else "not FOCUS"
            print(f"  format {info['format']}, {version}, {len(info.get('columns', []))} columns")
            if info.get("legacy"):
                print(f"  pre-1.0 columns mapped: {', '.join(info['legacy'])}")
            if info.get("extensions"):
                print(f"  kept as extension columns: {', '.join(info['extensions'])}")
            if problem:
                print(f"  ERROR cannot be loaded: {problem}")
                failed = True
            else:
                loadable.append(info["path"])
        rejected = _report_rows(loadable, db) if loadable else 0
        print()
        if failed:
            print(
                "validate: some files cannot be loaded (see ERROR above); `unitcost build` "
                "would stop before building anything."
            )
            return 1
        if rejected:
            print(
                f"validate: all files can be loaded; {rejected:,} row(s) would be rejected "
                "(fct_charge_rejects), the rest staged."
            )
            return 1 if strict else 0
        print("validate: all files can be loaded and every row would be staged.")
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _report_rows(loadable: list[str], db: Path) -> int:
    """Print per-file row findings of the staged files; the number of rows rejected."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        counts = dict(
            con.execute(
                "select source_file, count(*) from intermediate.int_charges_resolved group by 1"
            ).fetchall()
        )
        problems = con.execute(
            """
            select source_file, reject_rule, count(*) as n,
                   list(source_row_number || ': ' || reject_reason order by source_row_number)[1:3]
            from intermediate.int_charges_resolved
            where reject_rule is not null
            group by 1, 2
            order by 1, 3 desc
            """
        ).fetchall()
        notes = con.execute(
            """
            select source_file, note, count(*)
            from intermediate.int_charges_resolved,
                 unnest(string_split(data_quality_notes, '; ')) as t(note)
            where data_quality_notes is not null
            group by 1, 2
            order by 1, 3 desc
            """
        ).fetchall()
        units = unrecognised_units(con, "main.fct_unrecognised_units")
    finally:
        con.close()
    print()
    rejected = 0
    for path in loadable:
        file_problems = [p for p in problems if p[0] == path]
        file_notes = [n for n in notes if n[0] == path]
        n_rejected = sum(p[2] for p in file_problems)
        rejected += n_rejected
        total = counts.get(path, 0)
        staged = total - n_rejected
        print(f"{path}: {total:,} rows, {staged:,} would be staged, {n_rejected:,} rejected")
        for _, rule, n, examples in file_problems:
            print(f"  {rule}: {n:,} row(s), e.g.")
            for example in examples:
                print(f"    row {example}")
        for _, note, n in file_notes:
            print(f"  warning: {note} ({n:,} row(s); kept as written)")
    if units:
        print()
        print("\n".join(describe(units)))
    return rejected
