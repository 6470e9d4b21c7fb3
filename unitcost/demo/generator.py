"""`generate`: the demo FOCUS files, value data and README, and what they add up to.

Memory stays bounded at any size: the usage rows (nearly all rows) are generated twice, chunk by
chunk, never all at once. The first pass sums what the other rows need (tax, support fees,
credits and the prepaid drawdown depend on the usage cost; the value data on the usage
quantities); the second generates them again, identically, and writes them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from unitcost.demo.catalog import ACCOUNT_ORDER, ACCOUNTS, METERS
from unitcost.demo.charges import N_CREDIT_ROWS, SUPPORT_ACCOUNTS, Corrections, fee_rows, usage_sums
from unitcost.demo.commitments import N_RI_ROWS, N_SP_ROWS, Prepaid, commitment_rows
from unitcost.demo.contracts import write_contract_commitments, write_recency
from unitcost.demo.planted import write_planted
from unitcost.demo.resources import Estate
from unitcost.demo.splits import N_SPLIT_ROWS, split_rows
from unitcost.demo.summary import build_summary, readme_text
from unitcost.demo.timeline import N_MONTHS
from unitcost.demo.usage import DEFAULT_ROWS, MIN_PER_PERIOD, Draws, plan, totals
from unitcost.demo.values import value_series, write_values
from unitcost.demo.writer import CHUNK_ROWS, FILE_ROWS, write_focus

FIXED_ROWS = (
    N_SP_ROWS
    + N_RI_ROWS
    + len(ACCOUNTS) * N_MONTHS  # tax
    + len(SUPPORT_ACCOUNTS) * N_MONTHS
    + N_CREDIT_ROWS
    + 2  # Nimbus AI prepaid purchase, and the split drawdown row
    + 3  # corrections
    + N_SPLIT_ROWS  # Nimbus AI's shared deployment, split onto workloads (FOCUS 1.3)
)
MIN_ROWS = FIXED_ROWS + MIN_PER_PERIOD * len(METERS) * N_MONTHS


def generate(
    out: Path,
    rows: int | None = None,
    seed: int = 42,
    *,
    file_rows: int = FILE_ROWS,
    chunk_rows: int = CHUNK_ROWS,
) -> dict[str, Any]:
    """Write deterministic demo FOCUS 1.2 Parquet files and business value data under `out`.

    Layout: `out/focus/provider=<slug>/billing_period=YYYY-MM/part-00000.parquet` (13 periods x
    4 providers; a partition of more than `file_rows` rows is split into several part files),
    `out/values/business_metrics.csv`, the planted partner metrics
    (`out/values/partner_metrics.csv`, see catalog_data/planted.toml), FOCUS 1.3
    `out/commitments/contract_commitments.csv` and `out/metadata/recency/nimbus-ai.json`
    (Nimbus AI's files also carry ContractApplied and split cost allocations, splits.py), and
    `out/README.md`. `rows` is the exact number of FOCUS rows over all files (default
    DEFAULT_ROWS, at least MIN_ROWS); the same (rows, seed) gives byte-identical files. At most
    `chunk_rows` rows are held in memory at a time (each chunk is one Parquet row group).
    Returns a summary for `format_summary`.
    """
    n = DEFAULT_ROWS if rows is None else int(rows)
    if n < MIN_ROWS:
        raise ValueError(
            f"rows must be at least {MIN_ROWS:,} (commitments, fees, tax and every usage meter "
            f"in every billing period need that many rows); got {n:,}"
        )
    if seed < 0:
        raise ValueError(f"seed must be a non-negative integer; got {seed}")
    if file_rows < 1 or chunk_rows < 1:
        raise ValueError("file_rows and chunk_rows must be positive")
    out = Path(out)
    rng = np.random.default_rng([seed, 0])
    bulk_n = n - FIXED_ROWS
    draws = Draws(rng, plan(bulk_n, Estate.for_rows(n, DEFAULT_ROWS)))
    usage = totals(draws, chunk_rows)  # first pass
    reserve = MIN_PER_PERIOD * len(METERS) * N_MONTHS
    scale = (bulk_n - reserve) / (DEFAULT_ROWS - FIXED_ROWS - reserve)
    series = value_series(usage, scale, np.random.default_rng([seed, 1]))

    extra = commitment_rows(rng)
    corrections = Corrections(draws)
    prepaid = Prepaid(draws, usage)
    adjustments = (corrections, prepaid)
    extra += corrections.rows
    extra += prepaid.rows
    usage_cost, service_billed = usage_sums(usage, adjustments)
    nimbus = ACCOUNT_ORDER.index("nimbus")
    extra += split_rows(usage_cost["EffectiveCost"][nimbus * N_MONTHS : (nimbus + 1) * N_MONTHS])
    extra += fee_rows(usage_cost, service_billed, extra)
    if bulk_n + len(extra) != n:
        raise AssertionError(f"planned {bulk_n + len(extra)} rows instead of {n}")

    written = write_focus(  # second pass
        out, draws, extra, adjustments, chunk_rows=chunk_rows, file_rows=file_rows
    )
    if written.rows != n:
        raise AssertionError(f"wrote {written.rows} rows instead of {n}")
    if written.usage_cost != usage_cost:  # the fees were computed from what was written
        raise AssertionError("usage rows written differ from the usage rows summed")

    values_path = out / "values" / "business_metrics.csv"
    value_rows = write_values(values_path, series)
    write_planted(out / "values" / "partner_metrics.csv")
    write_contract_commitments(
        out / "commitments" / "contract_commitments.csv",
        written.account_cost["EffectiveCost"][nimbus],
        ACCOUNTS["nimbus"].currency,
    )
    write_recency(out / "metadata" / "recency" / "nimbus-ai.json")
    readme = out / "README.md"
    split = len(written.paths) > N_MONTHS * len({a.provider for a in ACCOUNTS.values()})
    readme.write_text(readme_text(n, seed, split, file_rows), encoding="utf-8")
    return build_summary(out, written, values_path, value_rows, readme, seed)
