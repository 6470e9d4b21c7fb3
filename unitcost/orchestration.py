"""Dagster definitions: the unitcost dbt project as software-defined assets.

    dagster dev -m unitcost.orchestration          # from the folder of your unitcost.yml

- every dbt model and seed is an asset (dagster-dbt), every dbt test an asset check
  (tests that read several models name their asset in tests/_dagster.yml);
- one job, `unitcost_build`, runs what `unitcost build` runs: the build plan, then
  `dbt build` on a working copy of the DuckDB file, published in one rename only when
  every model and test passed (unitcost.build); a failed build reports no
  materialization and leaves the previous database as it was;
- the schedule `unitcost_daily` runs the job every day; the sensor
  `unitcost_new_input_files` runs it when a file under the FOCUS or value paths is
  added, changed or removed.

No Dagster partitions: the FOCUS files themselves say which billing periods and months
to rebuild (docs/decisions.md, "Orchestration"); each run records the billing periods
it rebuilt on the fct_charges materialization (`unitcost/billing_periods_rebuilt`).

The settings come from unitcost.yml like every `unitcost` command's ($UNITCOST_CONFIG,
else ./unitcost.yml; environment variables override it) and can be changed per run in
the `unitcost` resource's run config.
"""

# No `from __future__ import annotations`: Dagster reads the annotations of the
# asset and sensor functions (context and resource parameters) at definition time.
import contextlib
import glob
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource, DbtProject, dbt_assets

from unitcost import config
from unitcost.build import (
    BuildOptions,
    dbt_build_flags,
    discard,
    needs_full_refresh,
    plan_build,
    plan_is_noop,
    publish,
    start_working_copy,
    working_copy,
)
from unitcost.project import UnitcostError, dbt_executable, project_dir, run_dbt

JOB_NAME = "unitcost_build"
SCHEDULE_NAME = "unitcost_daily"
SCHEDULE_CRON = "0 6 * * *"  # every day at 06:00 UTC
SENSOR_NAME = "unitcost_new_input_files"
SENSOR_INTERVAL_SECONDS = 15 * 60
MANIFEST_TARGET = Path("target") / "dagster"  # in the project folder
PERIODS_METADATA = "unitcost/billing_periods_rebuilt"
PROJECT_PARTS = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests")


class UnitcostSettings(dg.ConfigurableResource):
    """What the build reads and writes: the settings of unitcost.yml (unitcost.config)."""

    focus_paths: list[str]
    value_paths: list[str]
    database: str
    currency: str
    timestamp_formats: list[str]
    export_grouping: str
    memory_limit: str | None

    @classmethod
    def resolve(cls, config_file: str | None = None) -> "UnitcostSettings":
        """The settings in force: environment variables > unitcost.yml > defaults."""
        settings = config.resolve(config=config_file)
        return cls(
            focus_paths=settings.focus,
            value_paths=settings.values,
            database=str(settings.db),
            currency=settings.currency,
            timestamp_formats=settings.timestamp_formats,
            export_grouping=settings.export_grouping,
            memory_limit=settings.memory_limit,
        )

    def build_options(self) -> BuildOptions:
        return BuildOptions(
            focus=list(self.focus_paths),
            db=Path(self.database),
            values=list(self.value_paths),
            currency=self.currency,
            timestamp_formats=tuple(self.timestamp_formats),
            export_grouping=self.export_grouping,
            memory_limit=self.memory_limit,
        )


# ---------------------------------------------------------------- the dbt manifest


def _newest_project_file(project: Path) -> float:
    newest = 0.0
    for part in PROJECT_PARTS:
        path = project / part
        files = path.rglob("*") if path.is_dir() else [path]
        newest = max([newest, *(f.stat().st_mtime for f in files if f.is_file())])
    return newest


def prepare_manifest(project: Path, db: Path) -> Path:
    """The dbt manifest of the project, parsed again when a project file is newer.

    Parsed into a folder of its own, then moved into place in one rename, so that two
    processes loading the definitions at once never read a half-written manifest.
    """
    manifest = project / MANIFEST_TARGET / "manifest.json"
    if manifest.is_file() and manifest.stat().st_mtime >= _newest_project_file(project):
        return manifest
    scratch = manifest.parent / f"parse-{os.getpid()}"
    try:
        result = run_dbt(["parse", "--target-path", str(scratch)], db=db)
        if result.returncode != 0:
            details = "\n  ".join(result.errors or result.printed[-20:])
            raise UnitcostError(f"dbt parse failed:\n  {details}")
        os.replace(scratch / "manifest.json", manifest)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return manifest


# ---------------------------------------------------------------- the build


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    """Environment variables set while dbt is started (it reads them in profiles.yml)."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _failed_nodes(invocation) -> list[str]:
    try:
        results = invocation.get_artifact("run_results.json")["results"]
    except (OSError, KeyError, ValueError):
        return []
    return [
        f"{r['unique_id']}: {(r.get('message') or r['status']).strip()}"
        for r in results
        if r.get("status") in ("error", "fail")
    ]


def rebuilt_periods(db: Path) -> list[str]:
    """The billing periods the last build of `db` rebuilt (int_build_dirty_periods)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "select strftime(billing_period, '%Y-%m') "
            "from intermediate.int_build_dirty_periods order by 1"
        ).fetchall()
    finally:
        con.close()
    return [row[0] for row in rows]


def run_build(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, options: BuildOptions
) -> Iterator:
    """The events of one build: plan, dbt build on a working copy, publish.

    dbt's events are held back until the copy is published: a materialization is
    reported only for a database that readers can see.
    """
    if not options.focus:
        raise dg.Failure("no FOCUS input: set focus: in unitcost.yml (or $UNITCOST_CONFIG)")
    db = options.db
    plan, exists = plan_build(options)
    if plan["problems"]:
        discard(working_copy(db))
        raise dg.Failure(
            description="nothing was built: " + "; ".join(plan["problems"]),
            metadata={"problems": plan["problems"]},
        )
    full_refresh = needs_full_refresh(plan, exists, asked=False)
    if exists and not full_refresh and plan_is_noop(plan) and not context.is_subset:
        context.log.info(f"Nothing changed since the last build; {db.name} is current.")
        return
    working = start_working_copy(db, full_refresh)
    args = [
        "build",
        "--vars",
        json.dumps(options.dbt_vars()),
        *dbt_build_flags(full_refresh, unit_tests=False),
    ]
    try:
        with _environment(UNITCOST_DB=str(working), **options.dbt_env()):
            invocation = dbt.cli(args, context=context, raise_on_error=False)
        events = list(invocation.stream())
        succeeded = invocation.is_successful()
    except BaseException:
        discard(working)
        raise
    if not succeeded:
        discard(working)
        failed = _failed_nodes(invocation)
        unchanged = f"; {db.name} is unchanged (the previous build)" if exists else ""
        raise dg.Failure(
            description=f"dbt build failed{unchanged}: " + "; ".join(failed or ["see the logs"]),
            metadata={"failed": failed},
        )
    publish(working, db)
    charges = context.assets_def.get_output_name_for_asset_key(dg.AssetKey("fct_charges"))
    about = {
        PERIODS_METADATA: rebuilt_periods(db),
        "unitcost/incremental": not full_refresh,
        "unitcost/focus_files": {
            "new": len(plan["new"]),
            "changed": len(plan["changed"]),
            "removed": len(plan["removed"]),
            "unchanged": plan["unchanged"],
        },
        "unitcost/database": dg.MetadataValue.path(str(db)),
    }
    for event in events:
        if isinstance(event, dg.Output) and event.output_name == charges:
            event = event.with_metadata({**event.metadata, **about})
        yield event


# ---------------------------------------------------------------- the sensor


def input_fingerprint(paths: list[str]) -> str:
    """A digest of every file under the paths (name, size, modification time).

    Any file counts, not only those the build will read: a change the build ignores
    just starts a run that finds nothing changed.
    """
    entries: list[str] = []
    for path in paths:
        if any(c in path for c in "*?["):
            found = [Path(p) for p in glob.glob(path, recursive=True)]
        elif Path(path).is_dir():
            found = list(Path(path).rglob("*"))
        else:
            found = [Path(path)]
        for file in found:
            with contextlib.suppress(OSError):
                stat = file.stat()
                if file.is_file():
                    entries.append(f"{file}\t{stat.st_size}\t{stat.st_mtime_ns}")
        entries.append(f"{path}\t{len(found)}")
    return hashlib.sha256("\n".join(sorted(entries)).encode()).hexdigest()


# ---------------------------------------------------------------- the definitions


def build_definitions(config_file: str | None = None) -> dg.Definitions:
    """The Definitions for the settings of `config_file` (default: as every command finds it)."""
    settings = UnitcostSettings.resolve(config_file)
    project_path = project_dir()
    manifest = prepare_manifest(project_path, Path(settings.database))
    project = DbtProject(project_dir=project_path, target_path=MANIFEST_TARGET)

    @dbt_assets(manifest=manifest, project=project, name="unitcost_dbt")
    def unitcost_dbt(
        context: dg.AssetExecutionContext, dbt: DbtCliResource, unitcost: UnitcostSettings
    ):
        """Every model and seed of the unitcost dbt project, built as `unitcost build` does."""
        yield from run_build(context, dbt, unitcost.build_options())

    job = dg.define_asset_job(
        JOB_NAME,
        selection=dg.AssetSelection.assets(unitcost_dbt),
        description="Build every unitcost model and run every test (incremental by file).",
    )
    schedule = dg.ScheduleDefinition(
        name=SCHEDULE_NAME,
        cron_schedule=SCHEDULE_CRON,
        execution_timezone="UTC",
        job=job,
        description="Daily build: picks up re-delivered and new billing periods.",
    )

    @dg.sensor(name=SENSOR_NAME, job=job, minimum_interval_seconds=SENSOR_INTERVAL_SECONDS)
    def new_input_files(context: dg.SensorEvaluationContext, unitcost: UnitcostSettings):
        """A build when a file under the FOCUS or value paths is added, changed or removed."""
        digest = input_fingerprint([*unitcost.focus_paths, *unitcost.value_paths])
        if digest == context.cursor:
            return dg.SkipReason("no FOCUS or value file added, changed or removed")
        return dg.SensorResult(run_requests=[dg.RunRequest(run_key=digest)], cursor=digest)

    dbt = DbtCliResource(
        project_dir=str(project_path),
        profiles_dir=str(project_path),
        dbt_executable=dbt_executable(),
        global_config_flags=["--no-use-colors"],
    )
    return dg.Definitions(
        assets=[unitcost_dbt],
        jobs=[job],
        schedules=[schedule],
        sensors=[new_input_files],
        resources={"dbt": dbt, "unitcost": settings},
    )


@dg.definitions
def defs() -> dg.Definitions:
    """What `dagster dev -m unitcost.orchestration` loads."""
    return build_definitions()
