"""`make bench`: `unitcost build` against raw DuckDB floors, on the same demo Parquet files.

Per size (rows of demo FOCUS data, generated once under build/bench/<rows>/demo):

  a  query floor: one DuckDB statement over the raw Parquet files (monthly EffectiveCost per
     team tag x provider x service category, and cost per API request from the value data):
     the least any tool must compute
  b  materialization floor: CREATE TABLE AS of every column of every file into a fresh
     DuckDB file, then the same statement over that table
  c  `unitcost build` from scratch (fresh database file)
  d  the same build again, inputs unchanged
  e  a build after one provider's latest billing period is re-delivered with costs x 1.01
     (the demo files are restored afterwards)

Every step runs in its own child process: wall time, and peak resident memory of its
process tree as /usr/bin/time reports it (the largest process). The table shows c/b, d/c
and e/c beside the project's targets; build/bench/results.json has everything. A
benchmark, not a test: it exits 0 when targets are missed, 1 only when a step fails.

UNITCOST_MEMORY_LIMIT, UNITCOST_DUCKDB_THREADS and UNITCOST_TEMP_DIR reach the build unchanged
(profiles.yml reads them); the floors apply the same values to their DuckDB connections.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "bench"
GNU_TIME = Path("/usr/bin/time")
DEFAULT_SIZES = (1_000_000, 10_000_000)
SIZE_100M = 100_000_000
STEPS = {
    "a": "query floor (raw Parquet)",
    "b": "materialization floor (CTAS + query)",
    "c": "unitcost build, from scratch",
    "d": "unitcost build, no change",
    "e": "unitcost build, 1 period re-delivered",
}
BUILD_STEPS = ("c", "d", "e")
# Environment variables the build's profile reads, and the DuckDB setting each one sets.
SETTINGS = {
    "UNITCOST_MEMORY_LIMIT": "memory_limit",
    "UNITCOST_DUCKDB_THREADS": "threads",
    "UNITCOST_TEMP_DIR": "temp_directory",
}
COST_COLUMNS = ("BilledCost", "EffectiveCost", "ListCost", "ContractedCost")
REDELIVERY_FACTOR = "1.01"
# How `unitcost demo` writes its Parquet files; a re-delivery is written the same way.
PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 3,
    "use_dictionary": True,
    "write_statistics": True,
}
ROW_GROUP = 1 << 20
DETAIL = "bench-detail "  # prefix of the line in which a floor reports its inner timings


# --- targets -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A goal from the project's performance issue."""

    name: str
    text: str
    limit: float
    from_rows: int  # the target applies to sizes of at least this many rows
    value: Callable[[dict[str, Measurement]], float | None]


def ratio(steps: dict[str, Measurement], name: str) -> float | None:
    """The wall-time ratio `name` ("c/b": step c over step b), when both steps ran."""
    top, bottom = name.split("/")
    if top in steps and bottom in steps and steps[bottom].wall_s > 0:
        return steps[top].wall_s / steps[bottom].wall_s
    return None


def _build_peak(steps: dict[str, Measurement]) -> float | None:
    peaks = [steps[s].peak_mib for s in BUILD_STEPS if s in steps]
    return max(peaks) if peaks else None


TARGETS = (
    Target("c/b", "c/b <= 3 (10M+)", 3.0, 10_000_000, lambda steps: ratio(steps, "c/b")),
    Target("d", "d <= 10 s", 10.0, 0, lambda steps: steps["d"].wall_s if "d" in steps else None),
    Target("e/c", "e/c <= 0.15 (100M)", 0.15, SIZE_100M, lambda steps: ratio(steps, "e/c")),
    Target("peak", "<= 12,288 MiB (100M)", 12_288.0, SIZE_100M, _build_peak),
)
# The ratio and the target printed on a build step's line (the peak target has its own line).
STEP_COLUMNS = {"c": ("c/b", "c/b"), "d": ("d/c", "d"), "e": ("e/c", "e/c")}


# --- results -------------------------------------------------------------------------------


@dataclass
class Measurement:
    """One step: wall seconds and peak RSS (MiB) of its process tree, plus step details."""

    wall_s: float
    peak_mib: float
    log: str
    load: tuple[float, float]  # 1-minute load average when the step started and ended
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class SizeResult:
    """Everything measured at one size."""

    rows: int
    data: dict[str, Any] = field(default_factory=dict)
    steps: dict[str, Measurement] = field(default_factory=dict)

    def ratios(self) -> dict[str, float | None]:
        return {name: ratio(self.steps, name) for name, _ in STEP_COLUMNS.values()}

    def targets(self) -> list[dict[str, Any]]:
        out = []
        for target in TARGETS:
            value = target.value(self.steps)
            applies = self.rows >= target.from_rows
            met = None if value is None or not applies else value <= target.limit
            out.append(
                {
                    "name": target.name,
                    "target": target.text,
                    "limit": target.limit,
                    "from_rows": target.from_rows,
                    "value": value,
                    "applies": applies,
                    "met": met,
                }
            )
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "data": self.data,
            "steps": {key: {"label": STEPS[key], **asdict(m)} for key, m in self.steps.items()},
            "ratios": self.ratios(),
            "targets": self.targets(),
        }


class StepFailed(Exception):
    """A step's process exited non-zero; its output is in `log`."""

    def __init__(self, rows: int, step: str, returncode: int, log: Path) -> None:
        super().__init__(f"step {step} at {rows:,} rows exited with {returncode}")
        self.rows = rows
        self.step = step
        self.returncode = returncode
        self.log = log


# --- running one step ----------------------------------------------------------------------


@functools.cache
def gnu_time() -> bool:
    """Whether /usr/bin/time is GNU time (it takes -f and -o)."""
    if not GNU_TIME.exists():
        return False
    probe = [str(GNU_TIME), "-f", "%M", "-o", os.devnull, sys.executable, "-c", ""]
    return subprocess.run(probe, capture_output=True).returncode == 0


def measure(rows: int, step: str, args: list[str], log: Path) -> Measurement:
    """Run `args` in a child process; its wall time and the peak RSS of its process tree.

    The peak comes from /usr/bin/time (%M), else from a fresh wrapper process's
    RUSAGE_CHILDREN, so no step's maximum leaks into another's.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    rss_file = log.with_suffix(".maxrss")
    rss_file.unlink(missing_ok=True)
    if gnu_time():
        command = [str(GNU_TIME), "-f", "%M", "-o", str(rss_file), *args]
    else:
        command = [sys.executable, __file__, "_rusage", str(rss_file), *args]
    load_before = os.getloadavg()[0]
    with log.open("w") as out:
        started = time.perf_counter()
        proc = subprocess.run(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        wall = time.perf_counter() - started
    load = (round(load_before, 2), round(os.getloadavg()[0], 2))
    if proc.returncode != 0:
        raise StepFailed(rows, step, proc.returncode, log)
    # GNU time may write a line about the exit status first: the number is the last line.
    kib = int(rss_file.read_text().split()[-1])
    return Measurement(wall, kib / 1024, str(log.relative_to(ROOT)), load)


def _rusage_wrapper(argv: list[str]) -> int:
    """`bench.py _rusage FILE CMD...`: run CMD, write its tree's peak RSS (KiB) to FILE."""
    rss_file, *command = argv
    returncode = subprocess.run(command).returncode
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    kib = peak // 1024 if sys.platform == "darwin" else peak  # macOS reports bytes
    Path(rss_file).write_text(f"{kib}\n")
    return returncode


def unitcost_command() -> list[str]:
    """The `unitcost` command installed beside this Python."""
    script = Path(sys.executable).parent / "unitcost"
    return [str(script)] if script.exists() else [sys.executable, "-m", "unitcost.cli"]


# --- floors (run in a child process: `bench.py _floor ...`) --------------------------------


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def parquet_source(focus: Path, filename: bool = False) -> str:
    """Every Parquet file under `focus`, every column (files' own columns only, no hive keys)."""
    glob = _literal(str(focus / "**" / "*.parquet"))
    extra = ", filename = true" if filename else ""
    return f"read_parquet({glob}, hive_partitioning = false, union_by_name = true{extra})"


def floor_sql(source: str, values_csv: Path) -> str:
    """The floor statement: monthly cost per team x provider x category, and cost per call."""
    return f"""
with costs as (
    select
        cast(date_trunc('month', ChargePeriodStart) as date) as month,
        json_extract_string(Tags, '$.team') as team,
        ProviderName as provider_name,
        ServiceCategory as service_category,
        sum(EffectiveCost) as effective_cost
    from {source}
    group by all
),
calls as (
    select cast(date_trunc('month', date) as date) as month, sum(value) as api_calls
    from read_csv({_literal(str(values_csv))}, header = true)
    where metric = 'api_calls'
    group by all
)
select
    costs.*,
    sum(costs.effective_cost) over (partition by costs.month) / calls.api_calls
        as cost_per_api_call
from costs
left join calls on calls.month = costs.month
order by all
"""


def connect_duckdb(database: str) -> Any:
    """A DuckDB connection with the build's UNITCOST_* limits, UTC like the profile."""
    import duckdb

    con = duckdb.connect(database)
    con.execute("set TimeZone = 'UTC'")
    for variable, setting in SETTINGS.items():
        value = os.environ.get(variable)
        if value:
            con.execute(f"set {setting} = {_literal(value)}")
    return con


def _floor(argv: list[str]) -> int:
    """`bench.py _floor query|materialize FOCUS VALUES_CSV [DB]`: run a floor, print timings."""
    kind, focus, values_csv, *database = argv
    source = parquet_source(Path(focus))
    detail: dict[str, Any] = {}
    con = connect_duckdb(database[0] if kind == "materialize" else ":memory:")
    if kind == "materialize":
        started = time.perf_counter()
        con.execute(f"create table focus_rows as select * from {source}")
        detail["ctas_s"] = time.perf_counter() - started
        source = "focus_rows"
    started = time.perf_counter()
    result = con.execute(floor_sql(source, Path(values_csv))).fetchall()
    detail["query_s"] = time.perf_counter() - started
    detail["result_rows"] = len(result)
    detail["effective_cost"] = float(sum(row[4] for row in result))  # a check sum, a == b
    con.close()
    print(DETAIL + json.dumps(detail))
    return 0


def _floor_detail(log: Path) -> dict[str, Any]:
    for line in reversed(log.read_text().splitlines()):
        if line.startswith(DETAIL):
            return json.loads(line[len(DETAIL) :])
    return {}


# --- demo data -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """Where one size's files live."""

    rows: int

    @property
    def home(self) -> Path:
        return OUT / str(self.rows)

    @property
    def demo(self) -> Path:
        return self.home / "demo"

    @property
    def focus(self) -> Path:
        return self.demo / "focus"

    @property
    def values(self) -> Path:
        return self.demo / "values"

    @property
    def values_csv(self) -> Path:
        return self.values / "business_metrics.csv"

    @property
    def stamp(self) -> Path:
        return self.home / "demo.stamp.json"

    @property
    def database(self) -> Path:
        return self.home / "unitcost.duckdb"

    @property
    def floor_database(self) -> Path:
        return self.home / "floor.duckdb"

    @property
    def originals(self) -> Path:
        """Demo files set aside while step e re-delivers them."""
        return self.home / "redelivery-originals"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    def parquet_files(self) -> list[Path]:
        return sorted(self.focus.rglob("*.parquet"))


def ensure_demo(layout: Layout, seed: int, regenerate: bool) -> dict[str, Any]:
    """Generate the size's demo data unless a stamp says the same rows and seed made it."""
    restore_originals(layout)
    wanted = {"rows": layout.rows, "seed": seed}
    stamp = json.loads(layout.stamp.read_text()) if layout.stamp.exists() else {}
    present = layout.values_csv.exists() and bool(layout.parquet_files())
    info: dict[str, Any] = {"dir": str(layout.demo.relative_to(ROOT)), "seed": seed}
    if regenerate or not present or {k: stamp.get(k) for k in wanted} != wanted:
        layout.stamp.unlink(missing_ok=True)
        shutil.rmtree(layout.demo, ignore_errors=True)
        args = [*unitcost_command(), "demo", "--rows", str(layout.rows), "--seed", str(seed)]
        generated = measure(
            layout.rows, "generate", [*args, "--out", str(layout.demo)], layout.logs / "demo.log"
        )
        stamp = {**wanted, "generated_at": _now(), "seconds": round(generated.wall_s, 1)}
        layout.stamp.write_text(json.dumps(stamp, indent=2) + "\n")
        info["generated_s"] = generated.wall_s
    else:
        info["reused_from"] = stamp.get("generated_at")
    files = layout.parquet_files()
    info["parquet_files"] = len(files)
    info["parquet_mib"] = sum(f.stat().st_size for f in files) / 2**20
    return info


def warm_page_cache(files: list[Path]) -> None:
    """Read the files once so that no step pays for the first read from disk."""
    for path in files:
        with path.open("rb") as handle:
            while handle.read(1 << 23):
                pass


def redeliver(layout: Layout) -> dict[str, Any]:
    """Rewrite the latest billing period of the largest provider with costs x 1.01.

    The files keep their paths, Arrow schema (decimal types included) and writer
    options, and get a newer modification time; the originals are set aside first.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    con = connect_duckdb(":memory:")
    source = parquet_source(layout.focus)
    provider, period = con.execute(
        f"""
        select ProviderName, max(BillingPeriodStart)
        from {source}
        group by ProviderName
        order by count(*) desc, ProviderName
        limit 1
        """
    ).fetchone()
    matches = con.execute(
        f"""
        select filename, count(*)
        from {parquet_source(layout.focus, filename=True)}
        where ProviderName = $provider and BillingPeriodStart = $period
        group by filename
        order by filename
        """,
        {"provider": provider, "period": period},
    ).fetchall()
    layout.originals.mkdir(parents=True, exist_ok=True)
    manifest = []
    for name, _ in matches:
        path = Path(name)
        kept = layout.originals / path.relative_to(layout.focus)
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, kept)
        manifest.append({"path": str(path), "kept": str(kept)})
    (layout.originals / "manifest.json").write_text(json.dumps(manifest, indent=2))
    for entry in manifest:
        path, kept = Path(entry["path"]), Path(entry["kept"])
        schema = pq.read_schema(kept)
        described = con.execute(f"describe select * from read_parquet({_literal(str(kept))})")
        types = {name: kind for name, kind, *_ in described.fetchall()}
        changed = ", ".join(
            f"case when ProviderName = $provider and BillingPeriodStart = $period "
            f"then cast({c} * {REDELIVERY_FACTOR} as {types[c]}) else {c} end as {c}"
            for c in COST_COLUMNS
            if c in types
        )
        relation = con.sql(
            f"select * replace ({changed}) "
            f"from read_parquet({_literal(str(kept))}, hive_partitioning = false)",
            params={"provider": provider, "period": period},
        )
        before = path.stat().st_mtime_ns
        partial = path.with_name(path.name + ".redelivery")
        with pq.ParquetWriter(partial, schema, **PARQUET_OPTIONS) as writer:
            for batch in relation.to_arrow_reader(ROW_GROUP):
                table = pa.Table.from_batches([batch]).cast(schema)
                writer.write_table(table, row_group_size=ROW_GROUP)
        os.replace(partial, path)
        if path.stat().st_mtime_ns <= before:  # coarse file system clock
            os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))
    con.close()
    return {
        "provider": provider,
        "billing_period": period.strftime("%Y-%m"),
        "files": [str(Path(m["path"]).relative_to(ROOT)) for m in manifest],
        "rows": sum(n for _, n in matches),
        "factor": float(REDELIVERY_FACTOR),
    }


def restore_originals(layout: Layout) -> None:
    """Put back the demo files step e replaced (also after an interrupted run)."""
    manifest_file = layout.originals / "manifest.json"
    if manifest_file.exists():
        for entry in json.loads(manifest_file.read_text()):
            path = Path(entry["path"])
            os.replace(entry["kept"], path)
            os.utime(path)  # a change again, newer than the last build saw
    shutil.rmtree(layout.originals, ignore_errors=True)
    if layout.focus.exists():
        for partial in layout.focus.rglob("*.redelivery"):  # left by an interrupted rewrite
            partial.unlink()


# --- one size ------------------------------------------------------------------------------


def bench_size(result: SizeResult, steps: list[str], seed: int, regenerate: bool) -> None:
    """Run the chosen steps at one size, filling `result` as each step completes."""
    layout = Layout(result.rows)
    result.data = ensure_demo(layout, seed, regenerate)
    warm_page_cache(layout.parquet_files())
    floor = [sys.executable, __file__, "_floor"]
    focus, values_csv = str(layout.focus), str(layout.values_csv)
    build = [
        *unitcost_command(),
        "build",
        "--focus",
        focus,
        "--values",
        str(layout.values),
        "--db",
        str(layout.database),
    ]
    for step in steps:
        log = layout.logs / f"{step}.log"
        if step == "a":
            m = measure(result.rows, step, [*floor, "query", focus, values_csv], log)
            m.detail = _floor_detail(log)
        elif step == "b":
            _remove_database(layout.floor_database)
            args = [*floor, "materialize", focus, values_csv, str(layout.floor_database)]
            m = measure(result.rows, step, args, log)
            m.detail = {**_floor_detail(log), "db_mib": _mib(layout.floor_database)}
            _remove_database(layout.floor_database)  # up to many GB at 100M rows
        else:
            if step == "c":
                _remove_database(layout.database)
            try:
                if step == "e":
                    result.data["redelivered"] = redeliver(layout)
                m = measure(result.rows, step, build, log)
            finally:
                if step == "e":
                    restore_originals(layout)
            m.detail = {"db_mib": _mib(layout.database), **_build_detail(log)}
        result.steps[step] = m


def _build_detail(log: Path) -> dict[str, Any]:
    found = re.search(r"^Built in ([\d.]+) s", log.read_text(), re.MULTILINE)
    return {"dbt_s": float(found.group(1))} if found else {}


def _remove_database(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.with_name(path.name + ".wal").unlink(missing_ok=True)


def _mib(path: Path) -> float:
    return path.stat().st_size / 2**20 if path.exists() else 0.0


# --- report --------------------------------------------------------------------------------


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _git(*args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    return proc.stdout.strip() if proc.returncode == 0 else ""


def environment() -> dict[str, Any]:
    """What the numbers depend on: code, versions, machine, memory settings."""
    import duckdb

    try:
        dbt_version = metadata.version("dbt-core")
    except metadata.PackageNotFoundError:
        dbt_version = None
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return {
        "commit": _git("rev-parse", "HEAD"),
        "branch": _git("rev-parse", "--abbrev-ref", "HEAD"),
        "uncommitted_changes": bool(_git("status", "--porcelain", "--untracked-files=no")),
        "duckdb": duckdb.__version__,
        "dbt_core": dbt_version,
        "python": platform.python_version(),
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "ram_gib": os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30,
        "peak_rss_from": "/usr/bin/time %M" if gnu_time() else "getrusage(RUSAGE_CHILDREN)",
        "settings": {name: os.environ.get(name) for name in SETTINGS},
    }


def short(rows: int) -> str:
    for size, suffix in ((1_000_000, "M"), (1_000, "k")):
        if rows >= size and rows % size == 0:
            return f"{rows // size}{suffix}"
    return f"{rows:,}"


def format_header(env: dict[str, Any]) -> list[str]:
    dirty = ", uncommitted changes" if env["uncommitted_changes"] else ""
    cores = env["cores"]
    if env["usable_cores"] not in (None, cores):
        cores = f"{env['usable_cores']} of {cores}"
    settings = "  ".join(
        f"{name}={value if value is not None else '(unset)'}"
        for name, value in env["settings"].items()
    )
    return [
        f"unitcost bench  commit {env['commit'][:12]} ({env['branch']}{dirty})",
        f"  duckdb {env['duckdb']}  dbt-core {env['dbt_core']}  python {env['python']}  "
        f"{cores} cores  {env['ram_gib']:.1f} GiB RAM  peak RSS: {env['peak_rss_from']}",
        f"  {settings}",
    ]


def _status(target: dict[str, Any]) -> str:
    if not target["applies"]:
        return "n/a at this size"
    if target["met"] is None:
        return "-"
    return "met" if target["met"] else "NOT MET"


def format_size(result: SizeResult) -> list[str]:
    data = result.data
    source = (
        f"generated in {data['generated_s']:.0f} s"
        if "generated_s" in data
        else f"reused, generated {data.get('reused_from') or '?'}"
    )
    lines = [
        "",
        f"{result.rows:,} rows ({short(result.rows)}): {data.get('parquet_files', 0)} Parquet "
        f"files, {data.get('parquet_mib', 0):,.0f} MiB in {data.get('dir')} ({source})",
        f"  {'step':<41}{'wall s':>8}{'peak MiB':>10}  {'ratio':<11}{'target':<22}status",
    ]
    targets = {t["name"]: t for t in result.targets()}
    ratios = result.ratios()
    for step, label in STEPS.items():
        m = result.steps.get(step)
        if m is None:
            continue
        ratio_text, target_text, status = "", "", ""
        if step in STEP_COLUMNS:
            ratio_name, target_name = STEP_COLUMNS[step]
            value = ratios[ratio_name]
            ratio_text = f"{ratio_name} {value:.2f}" if value is not None else ""
            target = targets[target_name]
            if target["value"] is not None:
                target_text, status = target["target"], _status(target)
        lines.append(
            f"  {step}  {label:<38}{m.wall_s:>8.2f}{m.peak_mib:>10,.0f}  "
            f"{ratio_text:<11}{target_text:<22}{status}".rstrip()
        )
    peak = targets["peak"]
    if peak["value"] is not None:
        lines.append(
            f"     {'peak of the builds (c-e)':<38}{'':>8}{peak['value']:>10,.0f}  "
            f"{'':<11}{peak['target']:<22}{_status(peak)}"
        )
    busiest = max((max(m.load) for m in result.steps.values()), default=0.0)
    cores = os.cpu_count() or 1
    if busiest > cores:
        lines.append(
            f"  busy machine: 1-minute load average up to {busiest:.1f} on {cores} cores "
            "during these steps (see load in results.json)"
        )
    if "redelivered" in data:
        r = data["redelivered"]
        lines.append(
            f"  e re-delivered {r['provider']} {r['billing_period']}: {r['rows']:,} rows in "
            f"{len(r['files'])} file(s), costs x {r['factor']}"
        )
    return lines


def write_results(
    env: dict[str, Any], results: list[SizeResult], failed: StepFailed | None
) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "results.json"
    document = {
        "finished_at": _now(),
        "environment": env,
        "sizes": [r.to_json() for r in results],
        "failed": None
        if failed is None
        else {
            "rows": failed.rows,
            "step": failed.step,
            "returncode": failed.returncode,
            "log": str(failed.log.relative_to(ROOT)),
        },
    }
    path.write_text(json.dumps(document, indent=2) + "\n")
    return path


# --- command line --------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--rows",
        type=int,
        action="append",
        metavar="N",
        help="FOCUS rows of one size (repeatable; default: 1M and 10M)",
    )
    parser.add_argument("--with-100m", action="store_true", help="also run 100,000,000 rows")
    parser.add_argument(
        "--steps",
        default=",".join(STEPS),
        help="steps to run, comma-separated, from a,b,c,d,e (default: all)",
    )
    parser.add_argument("--seed", type=int, default=42, help="demo data seed (default: 42)")
    parser.add_argument(
        "--regenerate", action="store_true", help="generate the demo data even when present"
    )
    args = parser.parse_args(argv)
    chosen = {s.strip().lower() for s in args.steps.split(",") if s.strip()}
    if not chosen or chosen - set(STEPS):
        parser.error(f"--steps: choose from {','.join(STEPS)}; got {args.steps!r}")
    args.steps = [s for s in STEPS if s in chosen]
    sizes = list(args.rows or DEFAULT_SIZES)
    if args.with_100m:
        sizes.append(SIZE_100M)
    args.sizes = list(dict.fromkeys(sizes))
    if any(n <= 0 for n in args.sizes):
        parser.error("--rows must be positive")
    if "c" not in chosen and chosen & {"d", "e"}:
        missing = [n for n in args.sizes if not Layout(n).database.exists()]
        if missing:
            parser.error(
                "steps d and e build into the database of step c, which does not exist yet "
                f"for {', '.join(f'{n:,}' for n in missing)} rows: add c to --steps"
            )
    return args


def main(argv: list[str]) -> int:
    if argv[:1] == ["_floor"]:
        return _floor(argv[1:])
    if argv[:1] == ["_rusage"]:
        return _rusage_wrapper(argv[1:])
    args = parse_args(argv)
    env = environment()
    print("\n".join(format_header(env)), flush=True)
    results: list[SizeResult] = []
    failed: StepFailed | None = None
    for rows in args.sizes:
        result = SizeResult(rows)
        results.append(result)
        print(f"\n... {rows:,} rows: steps {','.join(args.steps)}", flush=True)
        try:
            bench_size(result, args.steps, args.seed, args.regenerate)
        except StepFailed as exc:
            failed = exc
            break
        print("\n".join(format_size(result)), flush=True)
    path = write_results(env, results, failed)
    if failed is not None:
        if results[-1].steps:
            print("\n".join(format_size(results[-1])))
        print(f"\nbench: {failed}; its output ({failed.log.relative_to(ROOT)}):\n", file=sys.stderr)
        print(failed.log.read_text()[-20_000:], file=sys.stderr)
        print(f"partial results: {path.relative_to(ROOT)}", file=sys.stderr)
        return 1
    print(f"\nresults: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
