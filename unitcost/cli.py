"""Command-line entry point: `unitcost demo|build|validate`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _cmd_demo(args: argparse.Namespace) -> int:
    from unitcost import demo

    summary = demo.generate(Path(args.out), rows=args.rows, seed=args.seed)
    print(demo.format_summary(summary))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="unitcost",
        description="FinOps unit economics from FOCUS billing exports (a thin layer over dbt).",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p_demo = sub.add_parser("demo", help="write deterministic demo FOCUS 1.2 data and value data")
    p_demo.add_argument("--rows", type=int, default=None, help="number of FOCUS rows to write")
    p_demo.add_argument("--seed", type=int, default=42, help="random seed (same seed, same data)")
    p_demo.add_argument("--out", default="data/demo", help="output folder (default: data/demo)")
    p_demo.set_defaults(func=_cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
