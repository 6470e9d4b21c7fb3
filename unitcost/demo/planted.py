"""Planted unit-economics events: the partner API's monthly volume and revenue.

`catalog_data/planted.toml` describes them month by month (what each month plants and why);
its costs are the non-cloud TCO lines of `seeds/tco_lines.csv`. Twelve rows a year, written
once: nothing here depends on the number of FOCUS rows.
"""

from __future__ import annotations

import csv
import tomllib
from calendar import monthrange
from importlib import resources
from pathlib import Path
from typing import Any

VALUE_COLUMNS = ("date", "scope", "metric", "value", "unit", "source")


def planted() -> dict[str, Any]:
    """The [partner] table of planted.toml, checked to have one figure per month."""
    text = resources.files("unitcost.demo").joinpath("catalog_data/planted.toml").read_text("utf-8")
    partner = tomllib.loads(text)["partner"]
    n = len(partner["months"])
    if not len(partner["calls_per_day"]) == len(partner["cost_per_day"]) == n:
        raise ValueError("planted.toml: months, calls_per_day and cost_per_day differ in length")
    return partner


def days_in(month: str) -> int:
    year, mon = (int(p) for p in month.split("-"))
    return monthrange(year, mon)[1]


def tco_lines() -> list[dict[str, str]]:
    """The partner's monthly fee as rows of seeds/tco_lines.csv (what the seed must hold)."""
    p = planted()
    rows = []
    for month, cost in zip(p["months"], p["cost_per_day"], strict=True):
        year, mon = (int(x) for x in month.split("-"))
        nxt = f"{year + mon // 12}-{mon % 12 + 1:02d}-01"
        rows.append(
            {
                "tco_line_id": f"tco-pa-{month}",
                "scope_id": p["scope"],
                "category": "other",
                "description": f"Partner platform fee {month}",
                "amount": f"{cost * days_in(month):.2f}",
                "currency": "USD",
                "period_start": f"{month}-01",
                "period_end": nxt,
            }
        )
    return rows


def write_planted(path: Path) -> int:
    """Write the partner's monthly calls and revenue (YYYY-MM rows); returns the row count."""
    p = planted()
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(VALUE_COLUMNS)
        for month, calls in zip(p["months"], p["calls_per_day"], strict=True):
            volume = calls * days_in(month)
            revenue = volume * p["price_per_call"]
            writer.writerow(
                [month, p["scope"], p["volume_metric"], volume, p["volume_unit"], p["source"]]
            )
            writer.writerow([month, p["scope"], "revenue", f"{revenue:.2f}", "USD", p["source"]])
            n += 2
    return n
