"""What `generate` wrote: the summary it returns, its text form and the output's README."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from unitcost.demo.catalog import ACCOUNT_ORDER, ACCOUNTS, PROVIDER_ORDER, PROVIDERS
from unitcost.demo.timeline import N_MONTHS, period_label
from unitcost.demo.writer import Written

README = """# unitcost demo data (synthetic)

Everything here is made up by `unitcost demo` for the fictional company Acme Commerce: no real
account, resource, price list or business figure. Same rows and seed, same bytes.

- `focus/provider=<slug>/billing_period=YYYY-MM/part-00000.parquet`: FOCUS 1.2 cost and usage
  rows (57 columns plus one `x_` column per provider) for AWS, Microsoft (Azure), Google Cloud
  and the fictional AI API provider Nimbus AI, billing periods 2025-10 to 2026-10, in USD, EUR
  and GBP. {rows:,} rows in total, seed {seed}.{split}
- `values/business_metrics.csv`: daily business metrics per product (storefront, search,
  assistant, data-platform) in long form: date, scope, metric, value, unit, source.

The FOCUS column definitions follow the FinOps Open Cost and Usage Specification (FOCUS) by the
FinOps Foundation (CC BY 4.0).
"""


SPLIT_NOTE = """
  Partitions of more than {file_rows:,} rows are split into files of near-equal size,
  part-00000.parquet, part-00001.parquet, ..."""


def readme_text(rows: int, seed: int, split: bool, file_rows: int) -> str:
    """The README.md of the output folder."""
    note = SPLIT_NOTE.format(file_rows=file_rows) if split else ""
    return README.format(rows=rows, seed=seed, split=note)


def build_summary(
    out: Path,
    written: Written,
    values_path: Path,
    value_rows: int,
    readme: Path,
    seed: int,
) -> dict[str, Any]:
    """The summary `generate` returns: rows per provider, totals per currency, files."""
    providers = {}
    for i, slug in enumerate(PROVIDER_ORDER):
        providers[slug] = {"provider_name": PROVIDERS[slug].name, "rows": written.provider_rows[i]}
    per_account = written.account_cost
    totals: dict[str, dict[str, Decimal]] = {}
    for a, key in enumerate(ACCOUNT_ORDER):
        cur = totals.setdefault(
            ACCOUNTS[key].currency, {"BilledCost": Decimal(0), "EffectiveCost": Decimal(0)}
        )
        for c in cur:
            cur[c] += Decimal(per_account[c][a]).scaleb(-12)
    cent = Decimal("0.01")
    return {
        "out": str(out),
        "rows": written.rows,
        "seed": seed,
        "providers": providers,
        "billing_periods": [period_label(m) for m in range(N_MONTHS)],
        "currencies": sorted(totals),
        "totals": {
            cur: {c: v.quantize(cent) for c, v in t.items()} for cur, t in sorted(totals.items())
        },
        "focus_files": [str(p) for p in written.paths],
        "values_file": str(values_path),
        "value_rows": value_rows,
        "readme": str(readme),
    }


def format_summary(summary: dict[str, Any]) -> str:
    """Short human-readable summary of what `generate` wrote."""
    periods = summary["billing_periods"]
    lines = [
        f"Demo data (synthetic, seed {summary['seed']}) written to {summary['out']}",
        f"  FOCUS 1.2 rows: {summary['rows']:,} in {len(summary['focus_files'])} Parquet files, "
        f"billing periods {periods[0]} .. {periods[-1]} ({len(periods)})",
    ]
    for slug, p in summary["providers"].items():
        lines.append(f"    {p['provider_name']:<14} provider={slug:<10} {p['rows']:>10,} rows")
    lines.append(f"  Currencies: {', '.join(summary['currencies'])}")
    for cur, t in summary["totals"].items():
        lines.append(
            f"    {cur}: BilledCost {t['BilledCost']:>16,.2f}   "
            f"EffectiveCost {t['EffectiveCost']:>16,.2f}"
        )
    lines.append(f"  FOCUS files:  {Path(summary['out']) / 'focus'}")
    lines.append(f"  Value data:   {summary['values_file']} ({summary['value_rows']:,} rows)")
    return "\n".join(lines)
