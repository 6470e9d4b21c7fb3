"""Command-line entry point: `unitcost COMMAND` (demo, build, validate, kpis, check, query, ...).

Settings shared with unitcost.yml (paths, database, currency, basis, ...) are declared once
in unitcost.config; their flags default to None here and `config.from_args` resolves them.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from unitcost import config
from unitcost.project import UnitcostError


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

    options = BuildOptions.from_settings(
        config.from_args(args),
        select=args.select,
        full_refresh=args.full_refresh,
        unit_tests=args.unit_tests,
        json=args.json,
    )
    return build(options)


def _cmd_validate(args: argparse.Namespace) -> int:
    from unitcost.validate import validate

    settings = config.from_args(args)
    paths = args.paths or settings.focus
    if not paths:
        raise UnitcostError(
            f"nothing to validate: name FOCUS files, folders or globs, or set focus: in "
            f"{config.CONFIG_FILE}"
        )
    return validate(
        paths,
        currency=settings.currency,
        timestamp_formats=tuple(settings.timestamp_formats),
        export_grouping=settings.export_grouping,
        strict=args.strict,
    )


def _cmd_kpis(args: argparse.Namespace) -> int:
    from unitcost.kpis import report

    settings = config.from_args(args)
    print(
        report(
            settings.db,
            month=args.month,
            basis=settings.basis,
            scope=args.scope,
            metric=args.metric,
            as_json=args.json,
        )
    )
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from unitcost.check import check

    settings = config.from_args(args)
    summary, code = check(
        settings.db,
        month=args.month,
        basis=settings.basis,
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
    print(run_query(config.from_args(args).db, args.metrics, options, csv_out))
    if csv_out:
        print(f"  wrote {csv_out}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from unitcost.export import export

    out = Path(args.out).expanduser().resolve()
    result = export(config.from_args(args).db, out, args.format)
    rows = sum(t["rows"] for t in result.tables)
    print(f"unitcost export: {len(result.tables)} marts, {rows:,} rows as {args.format} in {out}")
    for table in result.tables:
        print(f"  {table['file']:<40}{table['rows']:>12,} rows")
    print(f"  manifest {result.manifest}")
    return 0


def _cmd_docs(args: argparse.Namespace) -> int:
    from unitcost.docs import generate

    out = Path(args.out).expanduser().resolve()
    page = generate(config.from_args(args).db, out)
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
    settings = config.from_args(args)
    result = write_report(settings.db, out, month=args.month, basis=settings.basis)
    print(
        f"unitcost report: {result.month:%Y-%m}, {result.basis} cost: {result.sections} sections, "
        f"{result.charts} charts in {result.seconds:.1f} s"
    )
    print(f"  wrote {result.path}")
    print(f"  open it in a browser: {result.path.as_uri()}")
    return 0


def _cmd_init(args: argparse.Namespace) -> int:
    given = {
        key: config.check_flag(config.BY_KEY[key], value)
        for key, value in config.given_flags(args).items()
    }
    path = Path(args.config or config.CONFIG_FILE).expanduser().resolve()
    config.write_starter(path, given, force=args.force)
    print(f"unitcost init: wrote {path}")
    print("  every setting is described in it; edit it, then run `unitcost build`")
    return 0


def _cmd_config(args: argparse.Namespace) -> int:
    settings = config.from_args(args)
    print(f"config file: {settings.file or f'none (no {config.CONFIG_FILE} here)'}")
    for setting in config.SETTINGS:
        value = settings.chosen[setting.key]
        if setting.key == "database":
            value = settings.db
        elif value is None:
            value = f"({setting.describe_default()})"
        elif setting.repeatable:
            value = ", ".join(value) if value else "(none)"
        print(f"  {setting.key:<18}{value}  [{settings.sources[setting.key]}]")
    return 0


BUILD_SETTINGS = (
    "focus",
    "values",
    "commitments",
    "recency",
    "database",
    "currency",
    "timestamp_formats",
    "export_grouping",
    "memory_limit",
)
INPUT_SETTINGS = ("currency", "timestamp_formats", "export_grouping")


EPILOG = """\
exit codes:
  0  it worked (also: nothing changed since the last build)
  1  a build or validation failed (a model or test failed, a file cannot be loaded)
  2  a usage error, explained in one line: no database, a malformed --month (YYYY-MM),
     an unknown scope or metric, a month without data, a bad option, a bad unitcost.yml
     (an unknown key or a wrong value; the message names the file and the key),
     dbt not installed, a --select that selects no model or leaves a new database
     without fct_charges

settings: flag > environment variable > unitcost.yml (--config FILE, $UNITCOST_CONFIG,
else ./unitcost.yml) > default; `unitcost init` writes a commented unitcost.yml,
`unitcost config` shows the settings in force and where each comes from.

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
    # Every command reads unitcost.yml; --config names another file.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config",
        metavar="FILE",
        help=f"settings file (default: ${config.CONFIG_ENV}, else ./{config.CONFIG_FILE} "
        "when there is one)",
    )

    def command(name: str, help_text: str, settings: tuple[str, ...] = ()):
        p = sub.add_parser(name, help=help_text, parents=[common])
        config.add_flags(p, settings)
        return p

    p_demo = sub.add_parser("demo", help="write deterministic demo FOCUS 1.2 data and value data")
    p_demo.add_argument("--rows", type=int, default=None, help="number of FOCUS rows to write")
    p_demo.add_argument("--seed", type=int, default=42, help="random seed (same seed, same data)")
    p_demo.add_argument("--out", default="data/demo", help="output folder (default: data/demo)")
    p_demo.set_defaults(func=_cmd_demo)

    p_build = command(
        "build", "load FOCUS exports and build every model (dbt build)", BUILD_SETTINGS
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
    p_build.set_defaults(func=_cmd_build)

    p_validate = command(
        "validate",
        "check FOCUS files without building: version, columns, bad values",
        INPUT_SETTINGS,
    )
    p_validate.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=f"FOCUS file, folder or glob (default: focus of {config.CONFIG_FILE})",
    )
    p_validate.add_argument(
        "--strict", action="store_true", help="exit non-zero when any row would be rejected"
    )
    p_validate.set_defaults(func=_cmd_validate)

    p_kpis = command("kpis", "print the month's KPIs from a built database", ("database", "basis"))
    p_kpis.add_argument("--month", help="YYYY-MM (default: the latest month with KPIs)")
    p_kpis.add_argument("--scope", help="only this scope (a scope_id of dim_scopes)")
    p_kpis.add_argument(
        "--metric", help="only this unit cost (a metric_id of dim_metrics / fct_unit_costs)"
    )
    p_kpis.add_argument(
        "--json", action="store_true", help="print one JSON document instead of tables"
    )
    p_kpis.set_defaults(func=_cmd_kpis)

    p_check = command(
        "check",
        "exit 1 when a current unit cost is outside its target band or an anomaly is open",
        ("database", "basis"),
    )
    p_check.add_argument("--scope", help="only this scope (a scope_id of dim_scopes)")
    p_check.add_argument("--metric", help="only this unit cost (a metric_id of dim_metrics)")
    p_check.add_argument("--month", help="YYYY-MM (default: the latest month with unit costs)")
    p_check.add_argument(
        "--format",
        choices=["text", "json", "markdown"],
        default="text",
        help="text for a CI log, json for scripts, markdown for a chat message (default: text)",
    )
    p_check.set_defaults(func=_cmd_check)

    p_query = command(
        "query", "query the MetricFlow metrics (mf query) on a built database", ("database",)
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
    p_query.set_defaults(func=_cmd_query)

    p_export = command(
        "export",
        "write every public mart (fct_*, kpi_*, dim_*) as CSV or Parquet files",
        ("database",),
    )
    p_export.add_argument("--format", choices=["csv", "parquet"], default="parquet")
    p_export.add_argument("--out", required=True, metavar="DIR", help="folder to write")
    p_export.set_defaults(func=_cmd_export)

    p_docs = command("docs", "write the dbt docs site (models, columns, lineage)", ("database",))
    p_docs.add_argument("--out", default="build/docs", metavar="DIR", help="default build/docs")
    p_docs.set_defaults(func=_cmd_docs)

    p_report = command(
        "report",
        "write the month's unit economics as one self-contained HTML file",
        ("database", "basis"),
    )
    p_report.add_argument(
        "--out", default="build/report.html", help="HTML file to write (default: build/report.html)"
    )
    p_report.add_argument("--month", help="YYYY-MM (default: the latest month with cost)")
    p_report.set_defaults(func=_cmd_report)

    p_init = command(
        "init",
        f"write a commented starter {config.CONFIG_FILE} here (or --config FILE); flags given "
        "are filled in",
        tuple(config.BY_KEY),
    )
    p_init.add_argument(
        "--force", action="store_true", help="overwrite the file when it exists already"
    )
    p_init.set_defaults(func=_cmd_init)

    p_config = command(
        "config",
        "show the settings in force and where each comes from (flag, variable, file, default)",
        tuple(config.BY_KEY),
    )
    p_config.set_defaults(func=_cmd_config)
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
