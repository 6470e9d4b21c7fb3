"""Usage rows of the demo meters: which resource uses what on which day, and what it costs.

These are the bulk of the rows. Their number per meter and billing period (a *group*) follows
the meters' weights and growth; row i of a group of n rows in a month of d days falls on day
i * d // n of the month, and the k-th row of a day is billed by resource slot k of the meter.

Quantities come from three random streams with one value per row each (a lognormal noise, a
uniform draw, a second uniform draw for partial hours), each drawn in the order meter, month,
row, one stream after the other. `Draws` positions the streams at the start of every group, so
any run of rows of a group can be generated on its own and gets the same values as if all rows
had been drawn at once: the output does not depend on how the work is cut into chunks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np

from unitcost.demo.catalog import (
    ACCOUNT_ORDER,
    ACCOUNTS,
    METERS,
    PROVIDER_ORDER,
    PROVIDERS,
    REGIONS,
    SUB_ACCOUNTS,
    details_json,
    invoice_id,
    sku_id,
    sku_price_id,
)
from unitcost.demo.resources import RESOURCE_COLUMNS, Estate, resource_strings
from unitcost.demo.schema import (
    EXT,
    ROW_COLUMNS,
    SCALE,
    largest_remainder,
    round_half_up,
    scaled,
)
from unitcost.demo.timeline import (
    DAYS_IN_MONTH,
    DOW,
    MONTH_FIRST,
    N_DAYS,
    N_MONTHS,
    WEEKDAY,
    growth_curve,
    us,
)

DEFAULT_ROWS = 40_000
MIN_PER_PERIOD = 3  # usage rows of every meter in every billing period, at least
N_METERS = len(METERS)
_DRAW_CHUNK = 1 << 20  # random values drawn (and thrown away) at a time when skipping
_GIB_IN_GB = 1.073741824

# --------------------------------------------------------------------------------------------
# Per-meter constants
# --------------------------------------------------------------------------------------------

_GROWTH = np.array([growth_curve(m.product) for m in METERS])  # (T, 13)
_INTENSITY = _GROWTH ** np.array([m.beta for m in METERS])[:, None]
_KIND = np.array([m.kind for m in METERS])
_IS_HOURS = _KIND == "hours"
_IS_STORAGE = _KIND == "storage"
_ENV = np.array([{"prod": 0, "staging": 1}.get(m.env, 2) for m in METERS], dtype=np.int8)
_DOW_T = np.ones((N_METERS, 7))
for _t, _m in enumerate(METERS):
    if _m.product in DOW and _m.kind in ("count", "amount"):
        _DOW_T[_t] = DOW[_m.product]
_BASE = np.array([m.base for m in METERS])
_DECIMALS = np.array([2 if m.kind == "hours" else m.decimals for m in METERS])
_STEP = 10 ** (6 - _DECIMALS)
_PER_UNIT = np.array([m.per_pricing_unit for m in METERS], dtype=np.int64)
METER_ACCOUNT = np.array([ACCOUNT_ORDER.index(m.account) for m in METERS])
METER_PROVIDER = np.array([PROVIDER_ORDER.index(ACCOUNTS[m.account].provider) for m in METERS])
PROVIDER_METERS = [
    [t for t, m in enumerate(METERS) if ACCOUNTS[m.account].provider == slug]
    for slug in PROVIDER_ORDER
]  # meter indexes of each provider, ascending


def _price_table() -> tuple[np.ndarray, np.ndarray]:
    """List and contracted unit prices per (meter, billing period) at scale 6."""
    list_p = np.zeros((N_METERS, N_MONTHS), dtype=np.int64)
    contracted = np.zeros_like(list_p)
    for t, m in enumerate(METERS):
        disc = ACCOUNTS[m.account].discount_pct
        for first, price in m.prices:
            p = scaled(price, 6)
            list_p[t, first:] = p
            contracted[t, first:] = round_half_up(p * (100 - disc), 100)
    return list_p, contracted


LIST_PRICE, CONTRACTED_PRICE = _price_table()


def _price_versions() -> np.ndarray:
    version = np.zeros((N_METERS, N_MONTHS), dtype=np.int64)
    for t, m in enumerate(METERS):
        for v, (first, _) in enumerate(m.prices):
            version[t, first:] = v
    return version


def _meter_strings() -> dict[str, list[str | None]]:
    accts = [ACCOUNTS[m.account] for m in METERS]
    provs = [PROVIDERS[a.provider] for a in accts]
    subs = [SUB_ACCOUNTS[m.sub] for m in METERS]
    return {
        "ProviderName": [p.name for p in provs],
        "PublisherName": [p.publisher for p in provs],
        "InvoiceIssuerName": [p.issuer for p in provs],
        "BillingAccountId": [a.id for a in accts],
        "BillingAccountName": [a.name for a in accts],
        "BillingAccountType": [a.type for a in accts],
        "BillingCurrency": [a.currency for a in accts],
        "PricingCurrency": [a.currency for a in accts],
        "SubAccountId": [s.id for s in subs],
        "SubAccountName": [s.name for s in subs],
        "SubAccountType": [s.type for s in subs],
        "ServiceName": [m.service for m in METERS],
        "ServiceCategory": [m.category for m in METERS],
        "ServiceSubcategory": [m.subcategory for m in METERS],
        "ResourceType": [m.resource_type for m in METERS],
        "RegionId": [m.region for m in METERS],
        "RegionName": [REGIONS.get(m.region or "") for m in METERS],
        "SkuId": [sku_id(m) for m in METERS],
        "SkuMeter": [m.meter for m in METERS],
        "SkuPriceDetails": [details_json(m) for m in METERS],
        "ConsumedUnit": [m.consumed_unit for m in METERS],
        "PricingUnit": [m.pricing_unit for m in METERS],
        EXT: [m.ext for m in METERS],
    }


def _period_strings() -> dict[str, list[str | None]]:
    """Strings per (meter, billing period), flattened as meter * N_MONTHS + period."""
    version = _price_versions()
    cols: dict[str, list[str | None]] = {"SkuPriceId": [], "ChargeDescription": [], "InvoiceId": []}
    for t, m in enumerate(METERS):
        for month in range(N_MONTHS):
            v = int(version[t, month])
            cols["SkuPriceId"].append(sku_price_id(m, v))
            cols["ChargeDescription"].append(m.description.format(price=m.prices[v][1]))
            cols["InvoiceId"].append(invoice_id(m.account, month))
    return cols


METER_STRINGS = _meter_strings()  # column -> value per meter
PERIOD_STRINGS = _period_strings()  # column -> value per (meter, billing period)
CONSTANT_STRINGS = {
    "ChargeCategory": "Usage",
    "ChargeFrequency": "Usage-Based",
    "PricingCategory": "Standard",
}

# --------------------------------------------------------------------------------------------
# Layout: rows per (meter, billing period) and resource slots
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """How `bulk_n` usage rows are spread over meters, billing periods, days and resources."""

    bulk_n: int
    counts: np.ndarray  # (T, N_MONTHS) rows of each group
    starts: np.ndarray  # (T, N_MONTHS) first row of each group in the global row order
    n_slots: np.ndarray  # (T,) resource slots of each meter
    slot_offsets: np.ndarray  # (T,) first global slot of each meter
    estate: Estate  # turnover and tagging of the resources

    def day_bounds(self, t: int, month: int) -> np.ndarray:
        """Row index of the group at which each day of the month starts (days + 1 values)."""
        n, d = int(self.counts[t, month]), int(DAYS_IN_MONTH[month])
        j = np.arange(d + 1, dtype=np.int64)
        return (j * n + d - 1) // d


def plan(bulk_n: int, estate: Estate) -> Layout:
    """Rows per meter and billing period: at least MIN_PER_PERIOD, the rest by weight."""
    alpha = np.array([m.alpha for m in METERS])[:, None]
    weight = np.array([m.weight for m in METERS])[:, None]
    shares = weight * _GROWTH**alpha * DAYS_IN_MONTH[None, :]
    reserve = MIN_PER_PERIOD * N_METERS * N_MONTHS
    counts = MIN_PER_PERIOD + largest_remainder(shares.ravel(), bulk_n - reserve).reshape(
        shares.shape
    )
    starts = (np.cumsum(counts.ravel()) - counts.ravel()).reshape(counts.shape)
    # Slots: the most rows a meter has on one day; a group with fewer rows than days rotates
    # over a few resources.
    d = DAYS_IN_MONTH[None, :]
    per_day = np.where(counts >= d, -(-counts // d), np.minimum(counts, 4))
    n_slots = per_day.max(axis=1).astype(np.int64)
    slot_offsets = np.cumsum(n_slots) - n_slots
    return Layout(bulk_n, counts, starts, n_slots, slot_offsets, estate)


# --------------------------------------------------------------------------------------------
# Random streams
# --------------------------------------------------------------------------------------------


def _generator(state: dict[str, Any], advance: int = 0) -> np.random.Generator:
    bit_generator = np.random.PCG64()
    bit_generator.state = state
    if advance:
        bit_generator.advance(advance)
    return np.random.Generator(bit_generator)


class Cursor:
    """The three random streams of one group, at row `pos` of the group."""

    def __init__(self, noise: dict[str, Any], uniform: dict[str, Any], start: int, n: int) -> None:
        self.pos = 0
        self._noise = _generator(noise)
        self._u = _generator(uniform, start)  # stream 2 starts where stream 1 ended
        self._hours = _generator(uniform, n + start)  # stream 3 follows n values later

    def skip(self, n: int) -> None:
        left = n
        while left:  # a lognormal value takes a variable number of raw draws: draw them
            step = min(left, _DRAW_CHUNK)
            self._noise.lognormal(0.0, 0.06, step)
            left -= step
        self._u.bit_generator.advance(n)  # a uniform value takes exactly one raw draw
        self._hours.bit_generator.advance(n)
        self.pos += n

    def draw(self, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        self.pos += n
        return self._noise.lognormal(0.0, 0.06, n), self._u.random(n), self._hours.random(n)


class Draws:
    """The random draws of the usage rows: resource sizes and the three per-row streams.

    Draws from `rng` exactly what generating every usage row at once would (sizes of all
    resource slots, then one noise value per row, then one uniform, then another uniform),
    remembering where each group's values start, and leaves `rng` after them.
    """

    def __init__(self, rng: np.random.Generator, layout: Layout) -> None:
        self.layout = layout
        self.size = np.concatenate(
            [
                rng.lognormal(0.0, m.sigma, int(n))
                for m, n in zip(METERS, layout.n_slots, strict=True)
            ]
        )
        self._noise_states: list[dict[str, Any]] = []
        for count in layout.counts.ravel().tolist():
            self._noise_states.append(rng.bit_generator.state)
            left = count
            while left:
                step = min(left, _DRAW_CHUNK)
                rng.lognormal(0.0, 0.06, step)
                left -= step
        self._uniform_state = rng.bit_generator.state
        rng.bit_generator.advance(2 * layout.bulk_n)

    def cursor(self, t: int, month: int) -> Cursor:
        g = t * N_MONTHS + month
        start = int(self.layout.starts[t, month])
        return Cursor(self._noise_states[g], self._uniform_state, start, self.layout.bulk_n)


# --------------------------------------------------------------------------------------------
# Rows
# --------------------------------------------------------------------------------------------


def rows(
    draws: Draws, segments: Sequence[tuple[int, int, int, int]], cursors: dict[int, Cursor]
) -> dict[str, np.ndarray]:
    """Numeric columns of the usage rows of `segments`, (meter, month, first row, end row).

    `cursors[meter * N_MONTHS + month]` must stand at the first row of each segment; segments
    of one group must follow each other. Money and quantities are fixed-point integers.
    """
    parts: dict[str, list[np.ndarray]] = {c: [] for c in ("t", "m", "i", "noise", "u", "h")}
    for t, month, lo, hi in segments:
        cursor = cursors[t * N_MONTHS + month]
        if cursor.pos != lo:
            raise AssertionError(f"cursor of ({t}, {month}) at {cursor.pos}, not {lo}")
        noise, u, h = cursor.draw(hi - lo)
        parts["t"].append(np.full(hi - lo, t, dtype=np.int64))
        parts["m"].append(np.full(hi - lo, month, dtype=np.int64))
        parts["i"].append(np.arange(lo, hi, dtype=np.int64))
        parts["noise"].append(noise)
        parts["u"].append(u)
        parts["h"].append(h)
    if not segments:
        parts = {c: [np.zeros(0, np.int64 if c in ("t", "m", "i") else np.float64)] for c in parts}
    t_idx, m_idx, i, noise, u, h = (np.concatenate(parts[c]) for c in parts)
    return _numeric_rows(draws.layout, draws.size, t_idx, m_idx, i, noise, u, h)


def _numeric_rows(
    layout: Layout,
    size: np.ndarray,
    t_idx: np.ndarray,
    m_idx: np.ndarray,
    i: np.ndarray,
    noise: np.ndarray,
    u: np.ndarray,
    h: np.ndarray,
) -> dict[str, np.ndarray]:
    n_g = layout.counts[t_idx, m_idx]
    d_in_m = DAYS_IN_MONTH[m_idx]
    day_in_month = (i * d_in_m) // n_g
    k = i - (day_in_month * n_g + d_in_m - 1) // d_in_m
    sparse = n_g < d_in_m  # fewer rows than days: rotate over a few resources
    k[sparse] = i[sparse] % np.minimum(n_g[sparse], 4)
    day = MONTH_FIRST[m_idx] + day_in_month
    slot = layout.slot_offsets[t_idx] + k
    generation = layout.estate.generation(t_idx, k, day)

    # consumed quantity at scale 6, rounded to the meter's decimals
    qty = _BASE[t_idx] * _INTENSITY[t_idx, m_idx] * size[slot]
    is_storage = _IS_STORAGE[t_idx]
    # storage: GB stored (growing slightly within the month) as a per-day share of a month
    qty *= np.where(
        is_storage,
        (1.0 + 0.002 * (day - MONTH_FIRST[m_idx])) / d_in_m,
        _DOW_T[t_idx, WEEKDAY[day]] * noise,
    )
    env = _ENV[t_idx]
    hours = np.where(
        env == 0,
        np.where(u < 0.92, 24.0, 4.0 + 20.0 * h),
        np.where(env == 1, 9.0 + 6.0 * u, 2.0 + 10.0 * u),
    )
    qty = np.where(_IS_HOURS[t_idx], hours, qty)
    step = _STEP[t_idx]
    consumed = np.rint(qty * (10.0**_DECIMALS)[t_idx]).astype(np.int64) * step
    consumed = np.maximum(consumed, step)  # at least one smallest unit
    per_unit = _PER_UNIT[t_idx]
    if np.any(consumed % per_unit):
        raise AssertionError("pricing quantity is not exact")
    pricing = consumed // per_unit
    list_price = LIST_PRICE[t_idx, m_idx]
    contracted_price = CONTRACTED_PRICE[t_idx, m_idx]
    contracted_cost = contracted_price * pricing
    return {
        "t": t_idx,
        "m": m_idx,
        "i": i,
        "day": day,
        "slot": slot,
        "resource": generation * int(layout.n_slots.sum()) + slot,
        "ConsumedQuantity": consumed,
        "PricingQuantity": pricing,
        "ListUnitPrice": list_price,
        "ContractedUnitPrice": contracted_price,
        "ListCost": list_price * pricing,
        "ContractedCost": contracted_cost,
        "BilledCost": contracted_cost.copy(),
        "EffectiveCost": contracted_cost.copy(),
    }


def rows_range(draws: Draws, t: int, month: int, lo: int, hi: int) -> dict[str, np.ndarray]:
    """Numeric columns of rows lo..hi-1 of group (meter t, month), drawn afresh."""
    cursor = draws.cursor(t, month)
    cursor.skip(lo)
    return rows(draws, [(t, month, lo, hi)], {t * N_MONTHS + month: cursor})


def rows_at(draws: Draws, t: int, month: int, idx: Sequence[int]) -> dict[str, np.ndarray]:
    """Numeric columns of rows `idx` (ascending) of group (meter t, month), drawn afresh."""
    cursor = draws.cursor(t, month)
    out: list[dict[str, np.ndarray]] = []
    for i in idx:
        cursor.skip(int(i) - cursor.pos)
        out.append(rows(draws, [(t, month, int(i), int(i) + 1)], {t * N_MONTHS + month: cursor}))
    return {c: np.concatenate([o[c] for o in out]) for c in out[0]}


def row_dicts(draws: Draws, t: int, month: int, idx: Sequence[int]) -> list[dict[str, Any]]:
    """Rows `idx` of group (meter t, month) as dictionaries of Python values, like the rows
    built one by one: Decimal money and quantities, microsecond timestamps, strings."""
    num = rows_at(draws, t, month, idx)
    out = []
    g = t * N_MONTHS + month
    for r in range(len(idx)):
        layout = draws.layout
        k = int(num["slot"][r] - layout.slot_offsets[t])
        generation = int(num["resource"][r]) // int(layout.n_slots.sum())
        resource = resource_strings(
            t, k, generation, int(layout.n_slots[t]), layout.estate.services
        )
        row: dict[str, Any] = {c: v[t] for c, v in METER_STRINGS.items()}
        row.update({c: v[g] for c, v in PERIOD_STRINGS.items()})
        row.update(dict(zip(RESOURCE_COLUMNS, resource, strict=True)))
        row.update(CONSTANT_STRINGS)
        day = int(num["day"][r])
        row.update(
            BillingPeriodStart=int(us(MONTH_FIRST[month])),
            BillingPeriodEnd=int(us(MONTH_FIRST[month + 1])),
            ChargePeriodStart=int(us(day)),
            ChargePeriodEnd=int(us(day + 1)),
        )
        for c in (
            "ConsumedQuantity",
            "PricingQuantity",
            "ListUnitPrice",
            "ContractedUnitPrice",
            "ListCost",
            "ContractedCost",
            "BilledCost",
            "EffectiveCost",
        ):
            row[c] = Decimal(int(num[c][r])).scaleb(-SCALE[c])
        row["PricingCurrencyListUnitPrice"] = row["ListUnitPrice"]
        row["PricingCurrencyContractedUnitPrice"] = row["ContractedUnitPrice"]
        for c in ROW_COLUMNS:
            row.setdefault(c, None)
        row.update(
            _month=month, _account=int(METER_ACCOUNT[t]), _provider=int(METER_PROVIDER[t]), _day=day
        )
        out.append(row)
    return out


# --------------------------------------------------------------------------------------------
# First pass: what the rest of the data needs to know about the usage rows
# --------------------------------------------------------------------------------------------


@dataclass
class UsageTotals:
    """Exact sums of the usage rows as generated (before corrections and prepaid drawdown).

    `day_cost[t][day]` is the contracted (= billed = effective) cost at scale 12 of meter t on
    a day, `list_cost[t][month]` the list cost; `day_quantity[t, day]` the consumed quantity in
    the value data's units (storage meters: GB stored that day), `day_rows[t, day]` the rows.
    """

    day_cost: list[list[int]]
    list_cost: list[list[int]]
    day_quantity: np.ndarray
    day_rows: np.ndarray

    def cost(self, t: int, month: int) -> int:
        return sum(self.day_cost[t][MONTH_FIRST[month] : MONTH_FIRST[month + 1]])


def segment_sums(values: np.ndarray, bounds: np.ndarray) -> list[int]:
    """Exact sums of int64 `values` between consecutive offsets `bounds`."""
    hi = np.concatenate(([0], np.cumsum(values >> 32)))
    lo = np.concatenate(([0], np.cumsum(values & 0xFFFFFFFF)))
    return [
        (int(hi[b]) - int(hi[a]) << 32) + int(lo[b]) - int(lo[a])
        for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True)
    ]


def totals(draws: Draws, chunk_rows: int) -> UsageTotals:
    """Generate every usage row once, in whole days of at most about `chunk_rows` rows."""
    layout = draws.layout
    day_cost = [[0] * N_DAYS for _ in METERS]
    list_cost = [[0] * N_MONTHS for _ in METERS]
    day_quantity = np.zeros((N_METERS, N_DAYS))
    day_rows = np.zeros((N_METERS, N_DAYS), dtype=np.int64)
    for t, meter in enumerate(METERS):
        gib = meter.consumed_unit.startswith("GiB")
        for month in range(N_MONTHS):
            cursor = draws.cursor(t, month)
            bounds = layout.day_bounds(t, month)
            first = int(MONTH_FIRST[month])
            j = 0
            while j < bounds.size - 1:
                # whole days: a day's sum is taken in one go, as over one array of all rows
                j_end = int(np.searchsorted(bounds, bounds[j] + chunk_rows, side="right")) - 1
                j_end = max(j_end, j + 1)
                lo, hi = int(bounds[j]), int(bounds[j_end])
                r = rows(draws, [(t, month, lo, hi)], {t * N_MONTHS + month: cursor})
                days = slice(first + j, first + j_end)
                local = r["day"] - (first + j)
                qty = r["ConsumedQuantity"] / 1e6
                if _IS_STORAGE[t]:  # per-day GB-month share -> GB stored that day
                    qty = qty * DAYS_IN_MONTH[month]
                    if gib:
                        qty = qty * _GIB_IN_GB
                day_quantity[t, days] = np.bincount(local, weights=qty, minlength=j_end - j)
                day_rows[t, days] = np.bincount(local, minlength=j_end - j)
                day_cost[t][days] = segment_sums(r["ContractedCost"], bounds[j : j_end + 1] - lo)
                list_cost[t][month] += segment_sums(r["ListCost"], np.array([0, hi - lo]))[0]
                j = j_end
    return UsageTotals(day_cost, list_cost, day_quantity, day_rows)
