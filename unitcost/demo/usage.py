"""Usage rows of the demo meters: which resource uses what on which day, and what it costs."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
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
    TEAM_COST_CENTERS,
    Meter,
    details_json,
    hex_id,
    invoice_id,
    sku_id,
    sku_price_id,
)
from unitcost.demo.schema import EXT, largest_remainder, round_half_up, scaled
from unitcost.demo.timeline import (
    DAYS_IN_MONTH,
    DOW,
    MONTH_FIRST,
    N_MONTHS,
    WEEKDAY,
    growth_curve,
    us,
)

DEFAULT_ROWS = 40_000
MIN_PER_PERIOD = 3  # usage rows of every meter in every billing period, at least


class Vocab:
    """Shared string dictionary; code -1 is null."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self._index: dict[str, int] = {}

    def code(self, value: str | None) -> int:
        if value is None:
            return -1
        idx = self._index.get(value)
        if idx is None:
            idx = self._index[value] = len(self.values)
            self.values.append(value)
        return idx

    def codes(self, values: Iterable[str | None]) -> np.ndarray:
        return np.array([self.code(v) for v in values], dtype=np.int32)

    def text(self, code: int) -> str | None:
        return None if code < 0 else self.values[code]


def _price_table() -> tuple[np.ndarray, np.ndarray]:
    """List and contracted unit prices per (meter, billing period) at scale 6."""
    list_p = np.zeros((len(METERS), N_MONTHS), dtype=np.int64)
    contracted = np.zeros_like(list_p)
    for t, m in enumerate(METERS):
        disc = ACCOUNTS[m.account].discount_pct
        for first, price in m.prices:
            p = scaled(price, 6)
            list_p[t, first:] = p
            contracted[t, first:] = round_half_up(p * (100 - disc), 100)
    return list_p, contracted


def tags_json(product: str | None, team: str | None, env: str) -> str:
    tags: dict[str, str] = {}
    if team is not None:
        tags["team"] = team
    if product is not None:
        tags["product"] = product
    tags["environment"] = env
    if team is not None:
        tags["cost_center"] = TEAM_COST_CENTERS[team]
    return json.dumps(tags, separators=(",", ":"))


def _resource_tags(m: Meter, k: int) -> str | None:
    """Tags of resource `k` of meter `m` (some resources are untagged on purpose)."""
    if m.tagging == "none":
        return None
    if m.tagging == "no-product":
        return tags_json(None, m.team, m.env)
    if m.tagging == "sandbox":
        variant = k % 4
        if variant == 0:
            return tags_json("storefront", "web", m.env)
        if variant == 1:
            return "{}"
        if variant == 2:
            return tags_json(None, "ml", m.env)
        return None
    if m.tagging == "partial" and k % 9 == 8:
        return tags_json(None, m.team, m.env)  # forgot the product tag
    return tags_json(m.product, m.team, m.env)


def _consumed_quantity(
    rng: np.random.Generator,
    t_idx: np.ndarray,
    m_idx: np.ndarray,
    day: np.ndarray,
    res: np.ndarray,
    size: np.ndarray,
    intensity_tm: np.ndarray,
) -> np.ndarray:
    """Consumed quantity of each usage row at scale 6, rounded to its meter's decimals."""
    n = t_idx.size
    kind = np.array([m.kind for m in METERS])
    hours_t = kind == "hours"
    storage_t = kind == "storage"
    env_t = np.array([{"prod": 0, "staging": 1}.get(m.env, 2) for m in METERS], dtype=np.int8)
    dow = np.ones((len(METERS), 7))
    for t, m in enumerate(METERS):
        if m.product in DOW and m.kind in ("count", "amount"):
            dow[t] = DOW[m.product]
    base_t = np.array([m.base for m in METERS])
    noise = rng.lognormal(0.0, 0.06, n)
    qty = base_t[t_idx] * intensity_tm[t_idx, m_idx] * size[res]
    is_storage = storage_t[t_idx]
    days_in_month = DAYS_IN_MONTH[m_idx]
    # storage: GB stored (growing slightly within the month) as a per-day share of a month
    qty *= np.where(
        is_storage,
        (1.0 + 0.002 * (day - MONTH_FIRST[m_idx])) / days_in_month,
        dow[t_idx, WEEKDAY[day]] * noise,
    )
    del noise, is_storage, days_in_month
    u = rng.random(n)
    env = env_t[t_idx]
    hours = np.where(
        env == 0,
        np.where(u < 0.92, 24.0, 4.0 + 20.0 * rng.random(n)),
        np.where(env == 1, 9.0 + 6.0 * u, 2.0 + 10.0 * u),
    )
    del u, env
    is_hours = hours_t[t_idx]
    qty = np.where(is_hours, hours, qty)
    decimals_t = np.array([2 if m.kind == "hours" else m.decimals for m in METERS])
    step = (10 ** (6 - decimals_t))[t_idx]
    consumed = np.rint(qty * (10.0**decimals_t)[t_idx]).astype(np.int64) * step
    return np.maximum(consumed, step)  # at least one smallest unit


def bulk_usage(rng: np.random.Generator, bulk_n: int, vocab: Vocab) -> dict[str, Any]:
    """Usage rows of all meters: exactly `bulk_n` rows."""
    n_meters = len(METERS)
    growth = np.array([growth_curve(m.product) for m in METERS])  # (T, 13)
    alpha = np.array([m.alpha for m in METERS])[:, None]
    beta = np.array([m.beta for m in METERS])[:, None]
    weight = np.array([m.weight for m in METERS])[:, None]
    shares = weight * growth**alpha * DAYS_IN_MONTH[None, :]
    reserve = MIN_PER_PERIOD * n_meters * N_MONTHS
    counts = MIN_PER_PERIOD + largest_remainder(shares.ravel(), bulk_n - reserve)

    # Row -> (meter, billing period, day, resource index k within the day).
    group_t = np.repeat(np.arange(n_meters), N_MONTHS)
    group_m = np.tile(np.arange(N_MONTHS), n_meters)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    gid = np.repeat(np.arange(counts.size), counts)
    i = np.arange(bulk_n, dtype=np.int64) - starts[gid]
    n_g = counts[gid]
    t_idx = group_t[gid]
    m_idx = group_m[gid]
    d_in_m = DAYS_IN_MONTH[m_idx]
    day_in_month = (i * d_in_m) // n_g
    k = i - (day_in_month * n_g + d_in_m - 1) // d_in_m
    sparse = n_g < d_in_m  # fewer rows than days: rotate over a few resources
    k[sparse] = i[sparse] % np.minimum(n_g[sparse], 4)
    day = MONTH_FIRST[m_idx] + day_in_month

    # Resources: size factor and attributes per (meter, k).
    k_max = np.zeros(n_meters, dtype=np.int64)
    np.maximum.at(k_max, t_idx, k)
    n_res = k_max + 1
    res_off = np.concatenate(([0], np.cumsum(n_res)[:-1]))
    size = np.concatenate(
        [rng.lognormal(0.0, m.sigma, n) for m, n in zip(METERS, n_res, strict=True)]
    )
    res_codes: dict[str, list[int]] = {
        c: [] for c in ("ResourceId", "ResourceName", "AvailabilityZone", "Tags")
    }
    for m, n in zip(METERS, n_res, strict=True):
        sub_id = SUB_ACCOUNTS[m.sub].id
        for kk in range(int(n)):
            zone = m.zones[kk % len(m.zones)] if m.zones else None
            fields = {"sub": sub_id, "k": kk, "h": hex_id(f"{m.key}/{kk}", 16), "zone": zone}
            res_codes["ResourceId"].append(vocab.code(m.resource_id.format(**fields)))
            res_codes["ResourceName"].append(vocab.code(m.resource_name.format(**fields)))
            res_codes["AvailabilityZone"].append(vocab.code(zone))
            res_codes["Tags"].append(vocab.code(_resource_tags(m, kk)))
    res = res_off[t_idx] + k

    consumed = _consumed_quantity(rng, t_idx, m_idx, day, res, size, growth**beta)
    per_unit = np.array([m.per_pricing_unit for m in METERS], dtype=np.int64)[t_idx]
    if np.any(consumed % per_unit):
        raise AssertionError("pricing quantity is not exact")
    pricing = consumed // per_unit

    list_p, contracted_p = _price_table()
    list_price = list_p[t_idx, m_idx]
    contracted_price = contracted_p[t_idx, m_idx]
    list_cost = list_price * pricing
    contracted_cost = contracted_price * pricing

    # Per-meter and per-(meter, period) strings.
    def per_meter(values: Sequence[str | None]) -> np.ndarray:
        return vocab.codes(values)[t_idx]

    accts = [ACCOUNTS[m.account] for m in METERS]
    provs = [PROVIDERS[a.provider] for a in accts]
    subs = [SUB_ACCOUNTS[m.sub] for m in METERS]
    price_version = np.zeros((n_meters, N_MONTHS), dtype=np.int64)
    for t, m in enumerate(METERS):
        for v, (first, _) in enumerate(m.prices):
            price_version[t, first:] = v
    sku_price = np.array(
        [
            [vocab.code(sku_price_id(m, int(price_version[t, mm]))) for mm in range(N_MONTHS)]
            for t, m in enumerate(METERS)
        ],
        dtype=np.int32,
    )
    desc = np.array(
        [
            [
                vocab.code(m.description.format(price=m.prices[price_version[t, mm]][1]))
                for mm in range(N_MONTHS)
            ]
            for t, m in enumerate(METERS)
        ],
        dtype=np.int32,
    )
    invoice = np.array(
        [[vocab.code(invoice_id(m.account, mm)) for mm in range(N_MONTHS)] for m in METERS],
        dtype=np.int32,
    )
    account_idx = np.array([ACCOUNT_ORDER.index(m.account) for m in METERS])[t_idx]
    provider_idx = np.array([PROVIDER_ORDER.index(a.provider) for a in accts])[t_idx]

    cols: dict[str, Any] = {
        "ProviderName": per_meter([p.name for p in provs]),
        "PublisherName": per_meter([p.publisher for p in provs]),
        "InvoiceIssuerName": per_meter([p.issuer for p in provs]),
        "BillingAccountId": per_meter([a.id for a in accts]),
        "BillingAccountName": per_meter([a.name for a in accts]),
        "BillingAccountType": per_meter([a.type for a in accts]),
        "BillingCurrency": per_meter([a.currency for a in accts]),
        "PricingCurrency": per_meter([a.currency for a in accts]),
        "SubAccountId": per_meter([s.id for s in subs]),
        "SubAccountName": per_meter([s.name for s in subs]),
        "SubAccountType": per_meter([s.type for s in subs]),
        "ServiceName": per_meter([m.service for m in METERS]),
        "ServiceCategory": per_meter([m.category for m in METERS]),
        "ServiceSubcategory": per_meter([m.subcategory for m in METERS]),
        "ResourceType": per_meter([m.resource_type for m in METERS]),
        "RegionId": per_meter([m.region for m in METERS]),
        "RegionName": per_meter([REGIONS.get(m.region or "") for m in METERS]),
        "SkuId": per_meter([sku_id(m) for m in METERS]),
        "SkuMeter": per_meter([m.meter for m in METERS]),
        "SkuPriceDetails": per_meter([details_json(m) for m in METERS]),
        "ConsumedUnit": per_meter([m.consumed_unit for m in METERS]),
        "PricingUnit": per_meter([m.pricing_unit for m in METERS]),
        EXT: per_meter([m.ext for m in METERS]),
        "SkuPriceId": sku_price[t_idx, m_idx],
        "ChargeDescription": desc[t_idx, m_idx],
        "InvoiceId": invoice[t_idx, m_idx],
        "ResourceId": np.array(res_codes["ResourceId"], dtype=np.int32)[res],
        "ResourceName": np.array(res_codes["ResourceName"], dtype=np.int32)[res],
        "AvailabilityZone": np.array(res_codes["AvailabilityZone"], dtype=np.int32)[res],
        "Tags": np.array(res_codes["Tags"], dtype=np.int32)[res],
        "ChargeCategory": "Usage",
        "ChargeFrequency": "Usage-Based",
        "PricingCategory": "Standard",
        "BillingPeriodStart": us(MONTH_FIRST[m_idx]),
        "BillingPeriodEnd": us(MONTH_FIRST[m_idx + 1]),
        "ChargePeriodStart": us(day),
        "ChargePeriodEnd": us(day + 1),
        "ConsumedQuantity": consumed,
        "PricingQuantity": pricing,
        "ListUnitPrice": list_price,
        "ContractedUnitPrice": contracted_price,
        "PricingCurrencyListUnitPrice": list_price,
        "PricingCurrencyContractedUnitPrice": contracted_price,
        "ListCost": list_cost,
        "ContractedCost": contracted_cost,
        "BilledCost": contracted_cost.copy(),
        "EffectiveCost": contracted_cost.copy(),
        "_meter": t_idx,
        "_month": m_idx,
        "_day": day,
        "_account": account_idx,
        "_provider": provider_idx,
    }
    return cols


# --------------------------------------------------------------------------------------------
# Rows built one by one (commitments, fees, tax, credits, corrections)
# --------------------------------------------------------------------------------------------
