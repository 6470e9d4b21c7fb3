"""`unitcost validate`: a pre-flight check of FOCUS files, without building anything.

It runs the project's own file checks and staging SQL (unitcost.checks: the same macros
and models dbt runs, rendered without dbt, on an in-memory DuckDB), so it reports what
`unitcost build` would accept, map and reject, in about a second.
"""

from __future__ import annotations

import duckdb

from unitcost import checks
from unitcost.build import focus_vars
from unitcost.project import UnitcostError
from unitcost.render import engine_detail
from unitcost.units import describe, unrecognised_units


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
    checked = checks.check_files(dbt_vars, focus_only=True)
    try:
        return _report(checked, strict)
    finally:
        checked.close()


def _report(checked: checks.Checked, strict: bool) -> int:
    plan = checked.plan
    files = plan.get("files", [])
    for info in files:
        print(f"{info['path']}")
        if info.get("problem"):
            print("  cannot be read (below)")
            continue
        version = f"FOCUS {info.get('version')}" if info.get("is_focus") else "not FOCUS"
        dialect = ""
        if info.get("csv"):
            csv = info["csv"]
            delim = "tab" if csv["delim"] == "\t" else repr(csv["delim"])
            dialect = f", {csv['encoding'].upper()}, delimiter {delim}"
        print(
            f"  format {info['format']}{dialect}, {version}, {len(info.get('columns', []))} columns"
        )
        if info.get("legacy"):
            print(f"  pre-1.0 columns mapped: {', '.join(info['legacy'])}")
        if info.get("extensions"):
            print(f"  kept as extension columns: {', '.join(info['extensions'])}")
    rejected = _report_rows(checked) if checked.loadable else 0
    if checked.problems:
        print()
        for problem in checked.problems:
            print(f"ERROR {problem}")
    print()
    if checked.problems or not files:
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


def _report_rows(checked: checks.Checked) -> int:
    """Print per-file row findings of the loadable files; the number of rows rejected."""
    try:
        con = checks.stage(checked)
        counts = dict(
            con.execute(
                "select source_file, count(*) from stg_focus__charges group by 1"
            ).fetchall()
        )
        con.execute(
            """
            create temp table flagged as
            select source_file, source_row_number, reject_rule, reject_reason, data_quality_notes
            from int_charges_resolved
            where reject_rule is not null or data_quality_notes is not null
            """
        )
        problems = con.execute(
            """
            select source_file, reject_rule, count(*) as n,
                   list(source_row_number || ': ' || reject_reason order by source_row_number)[1:3]
            from flagged
            where reject_rule is not null
            group by 1, 2
            order by 1, 3 desc, 2
            """
        ).fetchall()
        notes = con.execute(
            """
            select source_file, note, count(*)
            from flagged, unnest(string_split(data_quality_notes, '; ')) as t(note)
            where data_quality_notes is not null
            group by 1, 2
            order by 1, 3 desc, 2
            """
        ).fetchall()
        units = unrecognised_units(con, "fct_unrecognised_units")
    except duckdb.Error as exc:
        raise UnitcostError(
            "the files passed their checks but their rows could not be typed; please report "
            f"this with the files' columns (DuckDB: {engine_detail(exc)})"
        ) from exc
    print()
    rejected = 0
    for path in [f["path"] for f in checked.loadable]:
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
