"""`generate`: the demo FOCUS files, value data and README, and what they add up to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from unitcost.demo.catalog import ACCOUNTS, METERS
from unitcost.demo.charges import (
    N_CREDIT_ROWS,
    SUPPORT_ACCOUNTS,
    correction_rows,
    fee_rows,
    rows_to_columns,
)
from unitcost.demo.commitments import N_RI_ROWS, N_SP_ROWS, commitment_rows, prepaid_rows
from unitcost.demo.summary import README, build_summary
from unitcost.demo.timeline import N_MONTHS
from unitcost.demo.usage import DEFAULT_ROWS, MIN_PER_PERIOD, Vocab, bulk_usage
from unitcost.demo.values import value_series, write_values
from unitcost.demo.writer import assemble, write_focus

FIXED_ROWS = (
    N_SP_ROWS
    + N_RI_ROWS
    + len(ACCOUNTS) * N_MONTHS  # tax
    + len(SUPPORT_ACCOUNTS) * N_MONTHS
    + N_CREDIT_ROWS
    + 2  # Nimbus AI prepaid purchase, and the split drawdown row
    + 3  # corrections
)
MIN_ROWS = FIXED_ROWS + MIN_PER_PERIOD * len(METERS) * N_MONTHS


def generate(out: Path, rows: int | None = None, seed: int = 42) -> dict[str, Any]:
    """Write deterministic demo FOCUS 1.2 Parquet files and business value data under `out`.

    Layout: `out/focus/provider=<slug>/billing_period=YYYY-MM/part-00000.parquet` (13 periods x
    4 providers), `out/values/business_metrics.csv` and `out/README.md`. `rows` is the exact
    number of FOCUS rows over all files (default DEFAULT_ROWS, at least MIN_ROWS); the same
    (rows, seed) gives byte-identical files. Returns a summary for `format_summary`.
    """
    n = DEFAULT_ROWS if rows is None else int(rows)
    if n < MIN_ROWS:
        raise ValueError(
            f"rows must be at least {MIN_ROWS:,} (commitments, fees, tax and every usage meter "
            f"in every billing period need that many rows); got {n:,}"
        )
    if seed < 0:
        raise ValueError(f"seed must be a non-negative integer; got {seed}")
    out = Path(out)
    vocab = Vocab()
    rng = np.random.default_rng([seed, 0])
    bulk = bulk_usage(rng, n - FIXED_ROWS, vocab)
    reserve = MIN_PER_PERIOD * len(METERS) * N_MONTHS
    scale = (n - FIXED_ROWS - reserve) / (DEFAULT_ROWS - FIXED_ROWS - reserve)
    series = value_series(bulk, scale, np.random.default_rng([seed, 1]))
    extra = commitment_rows(rng)
    extra += correction_rows(bulk, vocab)
    extra += prepaid_rows(bulk, vocab)
    extra += fee_rows(bulk, extra)
    bulk["PricingCurrencyEffectiveCost"] = bulk["EffectiveCost"]
    cols = assemble([bulk, rows_to_columns(extra, vocab)], vocab)
    if cols["_month"].size != n:
        raise AssertionError(f"generated {cols['_month'].size} rows instead of {n}")

    paths = write_focus(out, cols, vocab)
    values_path = out / "values" / "business_metrics.csv"
    value_rows = write_values(values_path, series)
    readme = out / "README.md"
    readme.write_text(README.format(rows=n, seed=seed), encoding="utf-8")
    return build_summary(out, cols, vocab, paths, values_path, value_rows, readme, seed)
