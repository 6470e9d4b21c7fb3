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
else ./unitcost.yml, found when the definitions load; environment variables override
it), read again at every run.
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
from unitcost.project import UnitcostError, dbt_executable, newest_change, project_dir, run_dbt

JOB_NAME = "unitcost_build"
SCHEDULE_NAME = "unitcost_daily"
SCHEDULE_CRON = "0 6 * * *"  # every day at 06:00 UTC
SENSOR_NAME = "unitcost_new_input_files"
SENSOR_INTERVAL_SECONDS = 15 * 60
POOL = "unitcost_build"
MANIFEST_TARGET = Path("target") / "dagster"  # in the project folder
PERIODS_METADATA = "unitcost/billing_periods_rebuilt"
PROJECT_PARTS = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests")


class UnitcostSettings(dg.ConfigurableResource):
    """Which unitcost.yml the build reads (None: none); read again at every run and tick.

    The settings themselves are resolved as every `unitcost` command resolves them
    (unitcost.config: environment variables > the file > defaults), so editing the file
    needs no reload of the definitions.
    """

    config_file: str | None

    @classmethod
    def discover(cls, config_file: str | None = None) -> "UnitcostSettings":
        """The file as the commands find it (--config, $UNITCOST_CONFIG, ./unitcost.yml)."""
        found = config.find_config(config_file)
        return cls(config_file=str(found) if found else None)

    def build_options(self) -> BuildOptions:
        return BuildOptions.from_settings(config.resolve(config=self.config_file))


# ---------------------------------------------------------------- the dbt manifest


def prepare_manifest(project: Path, db: Path) -> Path:
    """The dbt manifest of the project, parsed again when a project file is newer.

    Parsed into a folder of its own, then moved into place in one rename, so that two
    processes loading the definitions at once never read a half-written manifest.
    """
    manifest = project / MANIFEST_TARGET / "manifest.json"
    if manifest.is_file() and manifest.stat().st_mtime >= newest_change(project, PROJECT_PARTS):
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
    settings = UnitcostSettings.discover(config_file)
    project_path = project_dir()
    manifest = prepare_manifest(project_path, settings.build_options().db)
    project = DbtProject(project_dir=project_path, target_path=MANIFEST_TARGET)

    # One build at a time per Dagster instance once the pool is limited to 1
    # (README, Orchestration): two builds would share the working copy.
    @dbt_assets(manifest=manifest, project=project, name="unitcost_dbt", pool=POOL)
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
        options = unitcost.build_options()
        digest = input_fingerprint([*options.focus, *options.values])
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
