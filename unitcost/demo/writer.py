"""Parquet output of the FOCUS rows, streamed one provider and billing period at a time.

Each partition `focus/provider=<slug>/billing_period=YYYY-MM/` is written in chunks of at most
`chunk_rows` rows (one Parquet row group each), sorted by charge period: each day's usage rows
in meter order, then the rows built one by one (commitments, fees, tax, ...) of that day. A
partition of more than `file_rows` rows is split into several files of near-equal size,
`part-00000.parquet`, `part-00001.parquet`, ... Only one chunk is in memory at a time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from unitcost.demo.catalog import ACCOUNT_ORDER, PROVIDER_ORDER, PROVIDERS
from unitcost.demo.resources import RESOURCE_COLUMNS, ResourceStrings
from unitcost.demo.schema import (
    ALLOCATED_COLUMNS,
    CONTRACT_APPLIED,
    DECIMAL_TYPE,
    EXT,
    FOCUS_1_3_COLUMNS,
    FOCUS_COLUMNS,
    NULL,
    SCALE,
    TIMESTAMP_TYPE,
    focus_schema,
    scaled,
)
from unitcost.demo.timeline import DAYS_IN_MONTH, MONTH_FIRST, N_MONTHS, period_label, us
from unitcost.demo.usage import (
    CONSTANT_STRINGS,
    METER_ACCOUNT,
    METER_STRINGS,
    PERIOD_STRINGS,
    PROVIDER_METERS,
    Cursor,
    Draws,
    rows,
)

CHUNK_ROWS = 1 << 18  # rows generated, converted and written at a time (one row group)
FILE_ROWS = 2_000_000  # at most this many rows per Parquet file
_SUM_COLUMNS = ("BilledCost", "EffectiveCost", "ListCost", "ContractedCost")
_NUMERIC_USAGE = (
    "ConsumedQuantity",
    "PricingQuantity",
    "ListUnitPrice",
    "ContractedUnitPrice",
    "ListCost",
    "ContractedCost",
    "BilledCost",
    "EffectiveCost",
)
_ALIASES = {  # FOCUS column -> the usage column it equals
    "PricingCurrencyListUnitPrice": "ListUnitPrice",
    "PricingCurrencyContractedUnitPrice": "ContractedUnitPrice",
    "PricingCurrencyEffectiveCost": "EffectiveCost",
}


# Columns of the rows: FOCUS 1.2's, the split allocation columns (strings, null but on the rows
# built one by one that set them; written to the FOCUS 1.3 files only) and the extension.
_ROW_COLUMNS = (
    *FOCUS_COLUMNS,
    *((c, "str", True) for c in ALLOCATED_COLUMNS),
    (EXT, "str", True),
)


class Adjustment(Protocol):
    def apply(self, r: dict[str, np.ndarray]) -> None: ...


@dataclass
class Written:
    """What `write_focus` wrote, counted from the rows themselves."""

    paths: list[Path] = field(default_factory=list)
    rows: int = 0
    provider_rows: list[int] = field(default_factory=lambda: [0] * len(PROVIDER_ORDER))
    # exact sums at scale 12 of every row per account; of the usage rows per (account, period)
    account_cost: dict[str, list[int]] = field(
        default_factory=lambda: {c: [0] * len(ACCOUNT_ORDER) for c in _SUM_COLUMNS}
    )
    usage_cost: dict[str, list[int]] = field(
        default_factory=lambda: {c: [0] * (len(ACCOUNT_ORDER) * N_MONTHS) for c in _SUM_COLUMNS}
    )


# --------------------------------------------------------------------------------------------
# Arrow arrays
# --------------------------------------------------------------------------------------------


def _decimal_array(values: np.ndarray, scale: int) -> pa.Array:
    """Decimal array of int64 fixed-point `values` at `scale` (NULL is null)."""
    mask = values == NULL
    data = np.where(mask, 0, values).astype(np.int64)
    words = np.empty((data.size, 2), dtype=np.int64)
    words[:, 0] = data
    words[:, 1] = data >> 63  # two's complement sign extension to 128 bits
    validity = pa.array(~mask).buffers()[1] if mask.any() else None
    arr = pa.Array.from_buffers(
        pa.decimal128(38, scale), data.size, [validity, pa.py_buffer(words.tobytes())]
    )
    return arr if scale == 12 else arr.cast(DECIMAL_TYPE)


def _decimal_array_of_ints(values: Sequence[int | None], scale: int) -> pa.Array:
    """Decimal array of Python integers at `scale`, of any size up to 38 digits."""
    mask = np.array([v is None for v in values], dtype=bool)
    words = np.zeros((len(values), 2), dtype=np.uint64)
    for j, v in enumerate(values):
        if v is not None:
            x = v & ((1 << 128) - 1)  # two's complement
            words[j, 0] = x & 0xFFFFFFFFFFFFFFFF
            words[j, 1] = x >> 64
    validity = pa.array(~mask).buffers()[1] if mask.any() else None
    arr = pa.Array.from_buffers(
        pa.decimal128(38, scale), len(values), [validity, pa.py_buffer(words.tobytes())]
    )
    return arr if scale == 12 else arr.cast(DECIMAL_TYPE)


def _timestamps(values: Any) -> pa.Array:
    return pa.array(np.asarray(values, dtype=np.int64), type=pa.int64()).view(TIMESTAMP_TYPE)


_METER_TABLES = {c: pa.array(v, type=pa.string()) for c, v in METER_STRINGS.items()}
_PERIOD_TABLES = {c: pa.array(v, type=pa.string()) for c, v in PERIOD_STRINGS.items()}
_CONSTANT_TABLES = {c: pa.array([v], type=pa.string()) for c, v in CONSTANT_STRINGS.items()}


def _usage_arrays(r: dict[str, np.ndarray], resources: ResourceStrings) -> dict[str, pa.Array]:
    """Arrow arrays of every FOCUS column (and the extension) of usage rows `r`."""
    n = r["t"].size
    t = pa.array(r["t"].astype(np.int32))
    tm = pa.array((r["t"] * N_MONTHS + r["m"]).astype(np.int32))
    zeros = pa.array(np.zeros(n, dtype=np.int32))
    res = resources.columns(r["resource"])
    out: dict[str, pa.Array] = {}
    for c, kind, _ in _ROW_COLUMNS:
        src = _ALIASES.get(c, c)
        if kind == "dec":
            values = r[src] if src in r else np.full(n, NULL, dtype=np.int64)
            out[c] = _decimal_array(values, SCALE[c])
        elif kind == "ts":
            continue
        elif c in _METER_TABLES:
            out[c] = _METER_TABLES[c].take(t)
        elif c in _PERIOD_TABLES:
            out[c] = _PERIOD_TABLES[c].take(tm)
        elif c in _CONSTANT_TABLES:
            out[c] = _CONSTANT_TABLES[c].take(zeros)
        elif c in RESOURCE_COLUMNS:
            out[c] = res[c]
        else:
            out[c] = pa.nulls(n, pa.string())
    out["BillingPeriodStart"] = _timestamps(us(MONTH_FIRST[r["m"]]))
    out["BillingPeriodEnd"] = _timestamps(us(MONTH_FIRST[r["m"] + 1]))
    out["ChargePeriodStart"] = _timestamps(us(r["day"]))
    out["ChargePeriodEnd"] = _timestamps(us(r["day"] + 1))
    return out


def _row_arrays(rows_: Sequence[dict[str, Any]]) -> dict[str, pa.Array]:
    """Arrow arrays of rows built one by one (dictionaries of Python values)."""
    out: dict[str, pa.Array] = {}
    for c, kind, _ in _ROW_COLUMNS:
        src = "EffectiveCost" if c == "PricingCurrencyEffectiveCost" else c
        values = [r.get(src) for r in rows_]
        if kind == "dec":
            ints = [None if v is None else scaled(v, SCALE[c]) for v in values]
            out[c] = _decimal_array_of_ints(ints, SCALE[c])
        elif kind == "ts":
            out[c] = _timestamps(values)
        else:
            out[c] = pa.array(values, type=pa.string())
    return out


# --------------------------------------------------------------------------------------------
# Partitions and chunks
# --------------------------------------------------------------------------------------------


def _pieces(
    draws: Draws, provider: int, month: int, extras: Sequence[dict[str, Any]]
) -> Iterator[tuple[int, int, int] | dict[str, Any]]:
    """The partition's rows in file order: usage segments (meter, first row, end row) of each
    day in meter order, and rows built one by one after the usage of their charge day."""
    meters = PROVIDER_METERS[provider]
    bounds = {t: draws.layout.day_bounds(t, month) for t in meters}
    pending = sorted(extras, key=lambda row: row["ChargePeriodStart"])  # stable
    e = 0
    for j in range(int(DAYS_IN_MONTH[month])):
        start = int(us(MONTH_FIRST[month] + j))
        while e < len(pending) and pending[e]["ChargePeriodStart"] < start:
            yield pending[e]
            e += 1
        for t in meters:
            lo, hi = int(bounds[t][j]), int(bounds[t][j + 1])
            if hi > lo:
                yield (t, lo, hi)
    yield from pending[e:]


def _file_sizes(total: int, file_rows: int) -> list[int]:
    """Near-equal file sizes of a partition of `total` rows, each at most `file_rows`."""
    n_files = max(1, -(-total // file_rows))
    base, extra = divmod(total, n_files)
    return [base + (1 if f < extra else 0) for f in range(n_files)]


def _chunks(
    pieces: Iterator[tuple[int, int, int] | dict[str, Any]], sizes: Sequence[int], chunk_rows: int
) -> Iterator[tuple[int, list[tuple[int, int, int] | dict[str, Any]]]]:
    """(file number, pieces) of chunks of at most `chunk_rows` rows that never span two files."""
    f, left_in_file = 0, sizes[0]
    chunk: list[tuple[int, int, int] | dict[str, Any]] = []
    room = min(chunk_rows, left_in_file)
    for piece in pieces:
        while True:
            if room <= 0:
                raise AssertionError("the partition has more rows than planned")
            if isinstance(piece, dict):
                take = 1
                part: tuple[int, int, int] | dict[str, Any] = piece
                rest = None
            else:
                t, lo, hi = piece
                take = min(hi - lo, room)
                part, rest = (t, lo, lo + take), ((t, lo + take, hi) if lo + take < hi else None)
            chunk.append(part)
            room -= take
            left_in_file -= take
            if room == 0:
                yield f, chunk
                chunk = []
                if left_in_file == 0 and f + 1 < len(sizes):
                    f += 1
                    left_in_file = sizes[f]
                room = min(chunk_rows, left_in_file)
            if rest is None:
                break
            piece = rest
    if chunk:
        yield f, chunk


def _exact_sum(values: np.ndarray) -> int:
    return (int((values >> 32).sum()) << 32) + int((values & 0xFFFFFFFF).sum())


def write_focus(
    out: Path,
    draws: Draws,
    extras: Sequence[dict[str, Any]],
    adjustments: Sequence[Adjustment],
    *,
    chunk_rows: int = CHUNK_ROWS,
    file_rows: int = FILE_ROWS,
) -> Written:
    """Write every partition's rows: the usage rows (generated chunk by chunk, then adjusted by
    `adjustments`) and `extras`, the rows built one by one."""
    layout = draws.layout
    written = Written()
    resources = ResourceStrings(layout.n_slots, layout.estate)
    by_partition: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for row in extras:
        by_partition.setdefault((row["_provider"], row["_month"]), []).append(row)
    for p, slug in enumerate(PROVIDER_ORDER):
        provider = PROVIDERS[slug]
        schema = focus_schema(provider.ext_column, focus_1_3=slug == COMMITMENT_PROVIDER)
        meters = PROVIDER_METERS[p]
        for month in range(N_MONTHS):
            part_extras = by_partition.get((p, month), [])
            total = int(layout.counts[meters, month].sum()) + len(part_extras)
            if total == 0:
                continue
            folder = out / "focus" / f"provider={slug}" / f"billing_period={period_label(month)}"
            folder.mkdir(parents=True, exist_ok=True)
            sizes = _file_sizes(total, file_rows)
            cursors: dict[int, Cursor] = {
                t * N_MONTHS + month: draws.cursor(t, month) for t in meters
            }
            writer: pq.ParquetWriter | None = None
            current = -1
            for f, chunk in _chunks(_pieces(draws, p, month, part_extras), sizes, chunk_rows):
                if f != current:
                    if writer is not None:
                        writer.close()
                    path = folder / f"part-{f:05d}.parquet"
                    writer = pq.ParquetWriter(
                        path,
                        schema,
                        compression="zstd",
                        compression_level=3,
                        use_dictionary=True,
                        write_statistics=True,
                    )
                    written.paths.append(path)
                    current = f
                table = _chunk_table(
                    chunk, month, draws, cursors, adjustments, resources, schema, written
                )
                writer.write_table(table, row_group_size=chunk_rows)
            if writer is not None:
                writer.close()
            resources.clear()
            written.provider_rows[p] += total
    return written


def _chunk_table(
    chunk: Sequence[tuple[int, int, int] | dict[str, Any]],
    month: int,
    draws: Draws,
    cursors: dict[int, Cursor],
    adjustments: Sequence[Adjustment],
    resources: ResourceStrings,
    schema: pa.Schema,
    written: Written,
) -> pa.Table:
    segments = [(p[0], month, p[1], p[2]) for p in chunk if not isinstance(p, dict)]
    extra_rows = [p for p in chunk if isinstance(p, dict)]
    r = rows(draws, segments, cursors)
    for adjustment in adjustments:
        adjustment.apply(r)
    n_usage = r["t"].size
    # the sums the summary and the self-check need
    account = METER_ACCOUNT[r["t"]]
    for a in np.unique(account).tolist():
        sel = account == a
        for c in _SUM_COLUMNS:
            s = _exact_sum(r[c][sel])
            written.usage_cost[c][a * N_MONTHS + month] += s
            written.account_cost[c][a] += s
    for row in extra_rows:
        for c in _SUM_COLUMNS:
            written.account_cost[c][row["_account"]] += scaled(row[c], 12)
    written.rows += n_usage + len(extra_rows)

    arrays = _usage_arrays(r, resources)
    if extra_rows:  # interleave: runs of usage rows and of other rows, in chunk order
        more = _row_arrays(extra_rows)
        runs: list[tuple[bool, int, int]] = []  # (usage?, first, end)
        u = e = 0
        for piece in chunk:
            is_usage = not isinstance(piece, dict)
            k = piece[2] - piece[1] if is_usage else 1
            start = u if is_usage else e
            if runs and runs[-1][0] == is_usage:
                runs[-1] = (is_usage, runs[-1][1], start + k)
            else:
                runs.append((is_usage, start, start + k))
            if is_usage:
                u += k
            else:
                e += k
        arrays = {
            c: pa.concat_arrays(
                [(arrays[c] if is_usage else more[c])[a:b] for is_usage, a, b in runs]
            )
            for c in arrays
        }
    names = [c for c, _, _ in FOCUS_COLUMNS]
    if CONTRACT_APPLIED in schema.names:
        arrays[CONTRACT_APPLIED] = _contract_applied(arrays)
        names.extend(FOCUS_1_3_COLUMNS)
    return pa.Table.from_arrays([arrays[c] for c in names] + [arrays[EXT]], schema=schema)


# FOCUS 1.3 contract commitment of the demo (issue 11): every Nimbus AI usage row with a cost
# applies its EffectiveCost (billing currency) to one spend commitment, ContractApplied.
COMMITMENT_PROVIDER = "nimbus-ai"
CONTRACT_ID = "nimbus-msa-2025"
CONTRACT_COMMITMENT_ID = "nimbus-spend-2025-26"


def _contract_applied(arrays: dict[str, pa.Array]) -> pa.Array:
    """ContractApplied JSON of each row, built column-wise (no per-row Python)."""
    cost = arrays["EffectiveCost"]
    applies = pc.and_(
        pc.equal(arrays["ChargeCategory"], "Usage"),
        pc.not_equal(cost, pa.scalar(0, cost.type)),
    )
    text = pc.binary_join_element_wise(
        '{"Elements": [{"ContractId": "'
        + CONTRACT_ID
        + '", "ContractCommitmentId": "'
        + CONTRACT_COMMITMENT_ID
        + '", "ContractCommitmentAppliedCost": ',
        pc.cast(cost, pa.string()),
        "}]}",
        "",
    )
    return pc.if_else(pc.fill_null(applies, False), text, pa.scalar(None, pa.string()))
