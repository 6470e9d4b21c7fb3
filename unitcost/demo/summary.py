"""What `generate` wrote: the summary it returns, its text form and the output's README."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np

from unitcost.demo.catalog import ACCOUNT_ORDER, ACCOUNTS, PROVIDER_ORDER, PROVIDERS
from unitcost.demo.schema import group_sums
from unitcost.demo.timeline import N_MONTHS, period_label
from unitcost.demo.usage import Vocab

README = """# unitcost demo data (synthetic)

Everything here is made up by `unitcost demo` for the fictional company Acme Commerce: no real
account, resource, price list or business figure. Same rows and seed, same bytes.

- `focus/provider=<slug>/billing_period=YYYY-MM/part-00000.parquet`: FOCUS 1.2 cost and usage
  rows (57 columns plus one `x_` column per provider) for AWS, Microsoft (Azure), Google Cloud
  and the fictional AI API provider Nimbus AI, billing periods 2025-10 to 2026-10, in USD, EUR
  and GBP. {rows:,} rows in total, seed {seed}.
- `values/business_metrics.csv`: daily business metrics per product (storefront, search,
  assistant, data-platform) in long form: date, scope, metric, value, unit, source.

The FOCUS column definitions follow the FinOps Open Cost and Usage Specification (FOCUS) by the
FinOps Foundation (CC BY 4.0).
"""


def build_summary(
    out: Path,
    cols: dict[str, np.ndarray],
    vocab: Vocab,
    paths: list[Path],
    values_path: Path,
    value_rows: int,
    readme: Path,
    seed: int,
) -> dict[str, Any]:
    providers = {}
    counts = np.bincount(cols["_provider"], minlength=len(PROVIDERS))
    for i, slug in enumerate(PROVIDER_ORDER):
        providers[slug] = {"provider_name": PROVIDERS[slug].name, "rows": int(counts[i])}
    per_account = {
        c: group_sums(cols[c], cols["_account"], len(ACCOUNTS))
        for c in ("BilledCost", "EffectiveCost")
    }
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
        "rows": int(cols["_month"].size),
        "seed": seed,
        "providers": providers,
        "billing_periods": [period_label(m) for m in range(N_MONTHS)],
        "currencies": sorted(totals),
        "totals": {
            cur: {c: v.quantize(cent) for c, v in t.items()} for cur, t in sorted(totals.items())
        },
        "focus_files": [str(p) for p in paths],
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
