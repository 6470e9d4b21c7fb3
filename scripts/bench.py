"""`make bench`: build time and peak memory of `unitcost build` on demo data.

Generates demo FOCUS data at the default size and at 1,000,000 rows (or --rows),
builds each into a fresh DuckDB file with the real command line, and reports wall
time and peak resident memory of the build (dbt and DuckDB included), measured
like `/usr/bin/time -v`. Exits 1 when a run misses its target.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "bench"
# Targets on the reference machine (2 cores, 24 GiB): (max wall seconds, max peak MiB).
TARGETS = {None: (60.0, 1024.0), 1_000_000: (120.0, 4096.0)}


def run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of a child process (the largest of its processes)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.monotonic()
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    wall = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    # ru_maxrss of children is the maximum over all waited-for children so far.
    return wall, max(peak, before) / 1024


def bench(rows: int | None) -> dict:
    label = "default" if rows is None else f"{rows:,}"
    work = OUT / (label.replace(",", ""))
    shutil.rmtree(work, ignore_errors=True)
    unitcost = [sys.executable, "-m", "unitcost.cli"]
    demo = [*unitcost, "demo", "--out", str(work / "demo")]
    if rows is not None:
        demo += ["--rows", str(rows)]
    gen_wall, _ = run(demo)
    build = [
        *unitcost,
        "build",
        "--focus",
        str(work / "demo" / "focus"),
        "--db",
        str(work / "b.duckdb"),
    ]
    wall, peak = run(build)
    target_wall, target_mib = TARGETS.get(rows, (float("inf"), float("inf")))
    return {
        "rows": label,
        "generate_s": round(gen_wall, 1),
        "build_s": round(wall, 1),
        "build_peak_mib": round(peak),
        "target_s": target_wall,
        "target_mib": target_mib,
        "ok": wall <= target_wall and peak <= target_mib,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, action="append", help="row counts (default: both)")
    parser.add_argument("--single", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.single is not None:
        # Peak memory of children accumulates per process: each size runs in its own.
        print(json.dumps(bench(None if args.single == "default" else int(args.single))))
        return 0
    sizes = [str(r) for r in args.rows] if args.rows else ["default", "1000000"]
    OUT.mkdir(parents=True, exist_ok=True)
    results = []
    for size in sizes:
        proc = subprocess.run(
            [sys.executable, __file__, "--single", size], capture_output=True, text=True
        )
        if proc.returncode != 0:
            sys.exit(proc.stdout + proc.stderr)
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    print(f"{'rows':>12} {'generate':>9} {'build':>8} {'peak MiB':>9} {'target':>15}  ok")
    for r in results:
        target = f"{r['target_s']:.0f}s/{r['target_mib']:.0f}MiB"
        print(
            f"{r['rows']:>12} {r['generate_s']:>8.1f}s {r['build_s']:>7.1f}s"
            f" {r['build_peak_mib']:>9,} {target:>15}  {'yes' if r['ok'] else 'NO'}"
        )
    (OUT / "results.json").write_text(json.dumps(results, indent=2))
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
