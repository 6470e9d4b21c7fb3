"""`unitcost validate`: a pre-flight check of FOCUS files, without building anything.

It uses the project's own dbt macros and staging models (in a throwaway database),
so it reports exactly what `unitcost build` would accept, map and reject.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import duckdb

from unitcost.build import focus_vars
from unitcost.project import UnitcostError, run_dbt

PLAN_MARKER = "UNITCOST_FILE_PLAN "


def inspect_files(dbt_vars: dict, scratch: Path) -> dict:
    """The file plan (columns, version, missing mandatory columns) of the FOCUS paths."""
    result = run_dbt(
        ["run-operation", "unitcost_inspect_files"],
        # The same file as the staging build: dbt then re-parses the project only once.
        db=scratch / "validate.duckdb",
        dbt_vars=dbt_vars,
    )
    for message in result.messages:
        if message.startswith(PLAN_MARKER):
            return json.loads(message[len(PLAN_MARKER) :])
    detail = "\n  ".join(result.errors or result.messages[-5:])
    raise UnitcostError(f"could not inspect the FOCUS files:\n  {detail}")


def file_problem(info: dict) -> str | None:
    """Why a file cannot be loaded at all, or None when it can."""
    if info.get("problem"):
        return info["problem"]
    if not info.get("is_focus"):
        return "not a FOCUS export (fewer than 3 FOCUS columns)"
    if info.get("missing"):
        return "missing mandatory columns " + ", ".join(info["missing"])
    return None


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
        plan = inspect_files(dbt_vars, scratch)
        files = plan.get("files", [])
        unmatched = plan.get("unmatched", [])
        failed = bool(unmatched) or not files
        for path in unmatched:
            print(f"{path}\n  ERROR no FOCUS file found (.csv, .csv.gz, .parquet)")
        loadable = []
        for info in files:
            problem = file_problem(info)
            print(f"{info['path']}")
            print(
                f"  format {info['format']}, FOCUS {info.get('version') or '?'}, "
                f"{len(info.get('columns', []))} columns"
            )
            if info.get("legacy"):
                print(f"  pre-1.0 columns mapped: {', '.join(info['legacy'])}")
            if info.get("extensions"):
                print(f"  kept as extension columns: {', '.join(info['extensions'])}")
            if problem:
                print(f"  ERROR cannot be loaded: {problem}")
                failed = True
            else:
                loadable.append(info["path"])
        rejected = 0
        if loadable:
            rejected = _report_rows(loadable, dbt_vars, scratch)
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


def _report_rows(loadable: list[str], dbt_vars: dict, scratch: Path) -> int:
    """Stage the loadable files in a scratch database and print per-file row findings."""
    db = scratch / "validate.duckdb"
    staged_vars = dict(dbt_vars, focus_paths=loadable)
    result = run_dbt(
        ["build", "--select", "+int_charges_resolved", "--exclude", "resource_type:test"],
        db=db,
        dbt_vars=staged_vars,
    )
    if result.returncode != 0:
        detail = "\n  ".join(result.errors or result.messages[-5:])
        raise UnitcostError(f"staging the files failed:\n  {detail}")
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
        print(
            f"{path}: {total:,} rows, {total - n_rejected:,} would be staged, "
            f"{n_rejected:,} rejected"
        )
        for _, rule, n, examples in file_problems:
            print(f"  {rule}: {n:,} row(s), e.g.")
            for example in examples:
                print(f"    row {example}")
        for _, note, n in file_notes:
            print(f"  warning: {note} ({n:,} row(s); kept as written)")
    return rejected
