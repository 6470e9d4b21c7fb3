"""Command-line entry point: `unitcost demo|build|validate|kpis|check|query|report|export|docs`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from unitcost.project import UnitcostError, database_path


def _cmd_demo(args: argparse.Namespace) -> int:
    from unitcost import demo

    try:
        summary = demo.generate(Path(args.out), rows=args.rows, seed=args.seed)
    except ValueError as exc:
        raise UnitcostError(str(exc)) from exc
    print(demo.format_summary(summary))
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from unitcost.build import BuildOptions, build

    options = BuildOptions(
        focus=args.focus or [],
        db=database_path(args.db),
        values=args.values or [],
        currency=args.currency,
        timestamp_formats=tuple(args.timestamp_format or ()),
        export_grouping=args.export_grouping,
        select=args.select,
        full_refresh=args.full_refresh,
        unit_tests=args.unit_tests,
        json=args.json,
    )
    return build(options)


def _cmd_validate(args: argparse.Namespace) -> int:
    from unitcost.validate import validate

    return validate(
        args.paths,
        currency=args.currency,
        timestamp_formats=tuple(args.timestamp_format or ()),
        export_grouping=args.export_grouping,
        strict=args.strict,
    )


def _cmd_kpis(args: argparse.Namespace) -> int:
    from unitcost.kpis import report

    print(
        report(
            database_path(args.db),
            month=args.month,
            basis=args.basis,
            scope=args.scope,
            metric=args.metric,
            as_json=args.json,
        )
    )
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from unitcost.check import check

    summary, code = check(
        database_path(args.db),
        month=args.month,
        basis=args.basis,
        scope=args.scope,
        metric=args.metric,
        fmt=args.format,
    )
    print(summary)
    return code


def _cmd_query(args: argparse.Namespace) -> int:
    from unitcost.query import run_query

    options: list[str] = []
    for flag, value in (
        ("--group-by", args.group_by),
        ("--where", args.where),
        ("--order", args.order),
        ("--limit", args.limit),
    ):
        if value is not None:
            options += [flag, str(value)]
    csv_out = Path(args.csv).expanduser().resolve() if args.csv else None
    print(run_query(database_path(args.db), args.metrics, options, csv_out))
    if csv_out:
        print(f"  wrote {csv_out}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from unitcost.export import export

    out = Path(args.out).expanduser().resolve()
    result = export(database_path(args.db), out, args.format)
    rows = sum(t["rows"] for t in result.tables)
    print(f"unitcost export: {len(result.tables)} marts, {rows:,} rows as {args.format} in {out}")
    for table in result.tables:
        print(f"  {table['file']:<40}{table['rows']:>12,} rows")
    print(f"  manifest {result.manifest}")
    return 0


def _cmd_docs(args: argparse.Namespace) -> int:
    from unitcost.docs import generate

    out = Path(args.out).expanduser().resolve()
    page = generate(database_path(args.db), out)
    print(f"unitcost docs: the dbt docs site is in {out}")
    print(f"  open it in a browser: {page.as_uri()}")
    print(
        f"  or serve it: python -m http.server --directory {out} 8080, then http://localhost:8080"
    )
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from unitcost.report import write_report

    out = Path(args.out).expanduser().resolve()
    if out.is_dir():
        raise UnitcostError(
            f"--out {args.out} is a folder: give a file name, e.g. {args.out}/report.html"
        )
    result = write_report(database_path(args.db), out, month=args.month, basis=args.basis)
    print(
        f"unitcost report: {result.month:%Y-%m}, {result.basis} cost: {result.sections} sections, "
        f"{result.charts} charts in {result.seconds:.1f} s"
    )
    print(f"  wrote {result.path}")
    print(f"  open it in a browser: {result.path.as_uri()}")
    return 0


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--currency", default="USD", help="reporting currency (ISO 4217; default USD)"
    )
    parser.add_argument(
        "--timestamp-format",
        action="append",
        metavar="STRPTIME",
        help="also accept this date/time format, e.g. %%m/%%d/%%y (repeatable)",
    )
    parser.add_argument(
        "--export-grouping",
        choices=["directory", "file"],
        default="directory",
        help="what counts as one export of a billing period (default: directory)",
    )


EPILOG = """\
exit codes:
  0  it worked (also: nothing changed since the last build)
  1  a build or validation failed (a model or test failed, a file cannot be loaded)
  2  a usage error, explained in one line: no database, a malformed --month (YYYY-MM),
     an unknown scope or metric, a month without data, a bad option

`unitcost COMMAND --help` describes each command; README.md walks through them."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the `unitcost` command."""
    parser = argparse.ArgumentParser(
        prog="unitcost",
        description="FinOps unit economics from FOCUS billing exports (a thin layer over dbt).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p_demo = sub.add_parser("demo", help="write deterministic demo FOCUS 1.2 data and value data")
    p_demo.add_argument("--rows", type=int, default=None, help="number of FOCUS rows to write")
    p_demo.add_argument("--seed", type=int, default=42, help="random seed (same seed, same data)")
    p_demo.add_argument("--out", default="data/demo", help="output folder (default: data/demo)")
    p_demo.set_defaults(func=_cmd_demo)

    p_build = sub.add_parser("build", help="load FOCUS exports and build every model (dbt build)")
    p_build.add_argument(
        "--focus",
        action="append",
        metavar="PATH",
        help="FOCUS file, folder (searched recursively) or glob; CSV, CSV.GZ or Parquet "
        "(repeatable)",
    )
    p_build.add_argument(
        "--values",
        action="append",
        metavar="PATH",
        help="business value data (long form: date, scope, metric, value, unit, source): "
        "file, folder or glob; CSV or Parquet (repeatable; default: none)",
    )
    p_build.add_argument(
        "--db", help="DuckDB file (default: $UNITCOST_DB, else unitcost.duckdb in the project)"
    )
    p_build.add_argument("--select", help="dbt selection, e.g. +fct_charges (default: all)")
    p_build.add_argument(
        "--full-refresh",
        action="store_true",
        help="rebuild everything from the files (default: only what changed since the last "
        "build; a change of the project, seeds or settings rebuilds everything by itself)",
    )
    p_build.add_argument(
        "--unit-tests",
        action="store_true",
        help="also run the project's dbt unit tests (make test always does)",
    )
    p_build.add_argument(
        "--json",
        action="store_true",
        help="print one JSON summary on stdout at the end (the progress goes to stderr)",
    )
    _add_input_options(p_build)
    p_build.set_defaults(func=_cmd_build)

    p_validate = sub.add_parser(
        "validate", help="check FOCUS files without building: version, columns, bad values"
    )
    p_validate.add_argument("paths", nargs="+", metavar="PATH", help="FOCUS file, folder or glob")
    p_validate.add_argument(
        "--strict", action="store_true", help="exit non-zero when any row would be rejected"
    )
    _add_input_options(p_validate)
    p_validate.set_defaults(func=_cmd_validate)

    p_kpis = sub.add_parser("kpis", help="print the month's KPIs from a built database")
    p_kpis.add_argument(
        "--db", help="DuckDB file (default: $UNITCOST_DB, else unitcost.duckdb in the project)"
    )
    p_kpis.add_argument("--month", help="YYYY-MM (default: the latest month with KPIs)")
    p_kpis.add_argument(
        "--basis",
        choices=["effective", "billed", "list", "contracted"],
        default="effective",
        help="cost basis (default: effective)",
    )
    p_kpis.add_argument("--scope", help="only this scope (a scope_id of dim_scopes)")
    p_kpis.add_argument(
        "--metric", help="only this unit cost (a metric_id of dim_metrics / fct_unit_costs)"
    )
    p_kpis.add_argument(
        "--json", action="store_true", help="print one JSON document instead of tables"
    )
    p_kpis.set_defaults(func=_cmd_kpis)

    p_check = sub.add_parser(
        "check",
        help="exit 1 when a current unit cost is outside its target band or an anomaly is open",
    )
    p_check.add_argument(
        "--db", help="DuckDB file (default: $UNITCOST_DB, else unitcost.duckdb in the project)"
    )
    p_check.add_argument("--scope", help="only this scope (a scope_id of dim_scopes)")
    p_check.add_argument("--metric", help="only this unit cost (a metric_id of dim_metrics)")
    p_check.add_argument("--month", help="YYYY-MM (default: the latest month with unit costs)")
    p_check.add_argument(
        "--basis",
        choices=["effective", "billed", "list", "contracted"],
        default="effective",
        help="cost basis (default: effective)",
    )
    p_check.add_argument(
        "--format",
        choices=["text", "json", "markdown"],
        default="text",
        help="text for a CI log, json for scripts, markdown for a chat message (default: text)",
    )
    p_check.set_defaults(func=_cmd_check)

    p_query = sub.add_parser(
        "query", help="query the MetricFlow metrics (mf query) on a built database"
    )
    p_query.add_argument(
        "--metrics", required=True, metavar="M[,M]", help="metric names, e.g. total_cost"
    )
    p_query.add_argument(
        "--group-by", metavar="G[,G]", help="e.g. metric_time__month,scope (default: none)"
    )
    p_query.add_argument(
        "--where",
        help="""a MetricFlow filter, e.g. "{{ Dimension('scope__scope_type') }} = 'product'\"""",
    )
    p_query.add_argument("--order", metavar="O[,O]", help="order by; -name for descending")
    p_query.add_argument("--limit", type=int, help="at most this many rows")
    p_query.add_argument("--csv", metavar="FILE", help="also write the rows to this CSV file")
    p_query.add_argument(
        "--db", help="DuckDB file (default: $UNITCOST_DB, else unitcost.duckdb in the project)"
    )
    p_query.set_defaults(func=_cmd_query)

    p_export = sub.add_parser(
        "export", help="write every public mart (fct_*, kpi_*, dim_*) as CSV or Parquet files"
    )
    p_export.add_argument("--format", choices=["csv", "parquet"], default="parquet")
    p_export.add_argument("--out", required=True, metavar="DIR", help="folder to write")
    p_export.add_argument(
        "--db", help="DuckDB file (default: $UNITCOST_DB, else unitcost.duckdb in the project)"
    )
    p_export.set_defaults(func=_cmd_export)

    p_docs = sub.add_parser("docs", help="write the dbt docs site (models, columns, lineage)")
    p_docs.add_argument("--out", default="build/docs", metavar="DIR", help="default build/docs")
    p_docs.add_argument(
        "--db", help="DuckDB file (default: $UNITCOST_DB, else unitcost.duckdb in the project)"
    )
    p_docs.set_defaults(func=_cmd_docs)

    p_report = sub.add_parser(
        "report", help="write the month's unit economics as one self-contained HTML file"
    )
    p_report.add_argument(
        "--out", default="build/report.html", help="HTML file to write (default: build/report.html)"
    )
    p_report.add_argument("--month", help="YYYY-MM (default: the latest month with cost)")
    p_report.add_argument(
        "--db", help="DuckDB file (default: $UNITCOST_DB, else unitcost.duckdb in the project)"
    )
    p_report.add_argument(
        "--basis",
        choices=["effective", "billed", "list", "contracted"],
        default="effective",
        help="cost basis (default: effective)",
    )
    p_report.set_defaults(func=_cmd_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except UnitcostError as exc:
        print(f"unitcost: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`unitcost kpis | head`): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("unitcost: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
