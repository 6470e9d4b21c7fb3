"""Arrow conversion and Parquet output of the FOCUS rows."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from unitcost.demo.catalog import PROVIDER_ORDER, PROVIDERS
from unitcost.demo.schema import (
    DECIMAL_TYPE,
    EXT,
    FOCUS_COLUMNS,
    KINDS,
    NULL,
    ROW_COLUMNS,
    SCALE,
    TIMESTAMP_TYPE,
    focus_schema,
)
from unitcost.demo.timeline import N_MONTHS, period_label
from unitcost.demo.usage import Vocab


def _decimal_array(values: np.ndarray, scale: int) -> pa.Array:
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


def _string_array(codes: np.ndarray, dictionary: pa.Array) -> pa.Array:
    indices = pa.array(codes, type=pa.int32(), mask=codes < 0)
    return pa.DictionaryArray.from_arrays(indices, dictionary).cast(pa.string())


def write_focus(out: Path, cols: dict[str, np.ndarray], vocab: Vocab) -> list[Path]:
    """Sort rows (in place) by provider, billing period and charge period; write one file each."""
    order = np.lexsort((cols["ChargePeriodStart"], cols["_month"], cols["_provider"]))
    for c in cols:
        cols[c] = cols[c][order]
    del order
    dictionary = pa.array(vocab.values, type=pa.string())
    key = cols["_provider"] * N_MONTHS + cols["_month"]
    bounds = np.concatenate(([0], np.flatnonzero(np.diff(key)) + 1, [key.size]))
    paths = []
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
        idx = slice(int(lo), int(hi))
        provider = PROVIDERS[PROVIDER_ORDER[int(cols["_provider"][lo])]]
        month = int(cols["_month"][lo])
        schema = focus_schema(provider.ext_column)
        arrays = []
        for c, kind, _ in FOCUS_COLUMNS:
            v = cols[c][idx]
            if kind == "dec":
                arrays.append(_decimal_array(v, SCALE[c]))
            elif kind == "ts":
                arrays.append(pa.array(v, type=pa.int64()).view(TIMESTAMP_TYPE))
            else:
                arrays.append(_string_array(v, dictionary))
        arrays.append(_string_array(cols[EXT][idx], dictionary))
        table = pa.Table.from_arrays(arrays, schema=schema)
        folder = (
            out / "focus" / f"provider={provider.slug}" / f"billing_period={period_label(month)}"
        )
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "part-00000.parquet"
        pq.write_table(
            table,
            path,
            compression="zstd",
            compression_level=3,
            row_group_size=1 << 20,
            use_dictionary=True,
            write_statistics=True,
        )
        paths.append(path)
    return paths


# --------------------------------------------------------------------------------------------


def assemble(parts: Sequence[dict[str, Any]], vocab: Vocab) -> dict[str, np.ndarray]:
    """Concatenate column dictionaries (emptying them), broadcasting scalars, filling nulls."""
    out: dict[str, np.ndarray] = {}
    sizes = [len(p["_month"]) for p in parts]
    for c in [*ROW_COLUMNS, "_month", "_account", "_provider"]:
        kind = KINDS.get(c, "int" if c.startswith("_") else "str")
        chunks = []
        for p, size in zip(parts, sizes, strict=True):
            v = p.pop(c, None)  # free the source column as soon as it is copied
            if isinstance(v, np.ndarray):
                chunks.append(v)
            elif kind in ("str", "json"):
                chunks.append(np.full(size, vocab.code(v), dtype=np.int32))
            elif kind == "dec" and v is None:
                chunks.append(np.full(size, NULL, dtype=np.int64))
            else:
                raise AssertionError(f"column {c} missing")
        out[c] = np.concatenate(chunks)
    return out
