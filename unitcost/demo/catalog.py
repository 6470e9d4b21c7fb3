"""The demo company's catalog, read from the package's data files.

`catalog_data/company.toml` holds teams, products, providers, billing accounts, sub accounts
and regions; `catalog_data/meters.toml` the usage meters. This module turns them into frozen
dataclasses and derives the stable identifiers (SKU ids, price ids, invoice ids) from their names.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
import uuid
from dataclasses import dataclass, fields
from importlib import resources
from typing import Any

from unitcost.demo.timeline import MONTH_STARTS


@dataclass(frozen=True)
class Provider:
    slug: str
    name: str
    publisher: str
    issuer: str
    ext_column: str


@dataclass(frozen=True)
class Account:
    key: str
    provider: str
    id: str
    name: str
    type: str
    currency: str
    tax_bp: int  # tax rate in basis points (600 = 6.00 %)
    tax_name: str
    discount_pct: int  # negotiated discount off list prices
    invoice_prefix: str


@dataclass(frozen=True)
class Sub:
    key: str
    id: str
    name: str
    type: str


@dataclass(frozen=True)
class Meter:
    key: str
    account: str
    sub: str
    service: str
    category: str
    subcategory: str
    resource_type: str
    resource_id: str  # format string: {sub} {k} {h} (stable hex) {zone}
    resource_name: str  # format string: {k}
    sku: str
    meter: str
    details: tuple[tuple[str, Any], ...]
    description: str  # format string: {price}
    consumed_unit: str
    pricing_unit: str
    prices: tuple[tuple[int, str], ...]  # (first billing period index, list price per unit)
    kind: str  # hours | count | amount | storage
    weight: float  # resources per day in the first month at the default size
    product: str | None
    team: str | None
    env: str = "prod"
    tagging: str = "full"  # full | partial | no-product | none | sandbox
    per_pricing_unit: int = 1  # consumed units per pricing unit
    base: float = 0.0  # per resource-day quantity (count, amount) or GB stored (storage)
    decimals: int = 0
    sigma: float = 0.3  # spread of resource sizes
    alpha: float = 0.0  # resource count grows as growth**alpha
    beta: float = 1.0  # per resource volume grows as growth**beta
    region: str | None = None
    zones: tuple[str, ...] = ()
    ext: str | None = None
    lifetime: int | None = None  # days a resource lives in a large estate (None: all 13 months)


_METER_KINDS = ("hours", "count", "amount", "storage")
_TAGGING = ("full", "partial", "no-product", "none", "sandbox")
_FLOAT_FIELDS = ("weight", "base", "sigma", "alpha", "beta")


def _read(name: str) -> dict[str, Any]:
    return tomllib.loads(
        resources.files("unitcost.demo").joinpath("catalog_data", name).read_text("utf-8")
    )


def _meter(spec: dict[str, Any]) -> Meter:
    known = {f.name for f in fields(Meter)}
    unknown = set(spec) - known
    if unknown:
        raise ValueError(f"meter {spec.get('key')}: unknown fields {sorted(unknown)}")
    values = dict(spec)
    values.setdefault("product", None)
    values.setdefault("team", None)
    values["details"] = tuple(values.get("details", {}).items())
    values["prices"] = tuple((int(first), str(price)) for first, price in values["prices"])
    values["zones"] = tuple(values.get("zones", ()))
    for name in _FLOAT_FIELDS:
        if name in values:
            values[name] = float(values[name])
    meter = Meter(**values)
    if meter.kind not in _METER_KINDS or meter.tagging not in _TAGGING:
        raise ValueError(f"meter {meter.key}: bad kind {meter.kind!r} or tagging {meter.tagging!r}")
    return meter


_COMPANY = _read("company.toml")
TEAM_COST_CENTERS: dict[str, str] = dict(_COMPANY["teams"])
PRODUCT_TEAMS: dict[str, str] = dict(_COMPANY["products"])
PROVIDERS = {slug: Provider(slug, **p) for slug, p in _COMPANY["providers"].items()}
ACCOUNTS = {key: Account(key, **a) for key, a in _COMPANY["accounts"].items()}
SUB_ACCOUNTS = {key: Sub(key, **s) for key, s in _COMPANY["sub_accounts"].items()}
REGIONS: dict[str, str] = dict(_COMPANY["regions"])
SERVICE_COMPONENTS: tuple[str, ...] = tuple(_COMPANY["tags"]["service_components"])
METERS: tuple[Meter, ...] = tuple(_meter(m) for m in _read("meters.toml")["meter"])
del _COMPANY

PROVIDER_ORDER = list(PROVIDERS)
ACCOUNT_ORDER = list(ACCOUNTS)
METER_INDEX = {m.key: i for i, m in enumerate(METERS)}


def _check() -> None:
    if len(METER_INDEX) != len(METERS):
        raise ValueError("meter keys must be unique")
    for m in METERS:
        if m.account not in ACCOUNTS or m.sub not in SUB_ACCOUNTS:
            raise ValueError(f"meter {m.key}: unknown account {m.account} or sub {m.sub}")
        if m.team is not None and m.team not in TEAM_COST_CENTERS:
            raise ValueError(f"meter {m.key}: unknown team {m.team}")
        if m.product is not None and m.product not in PRODUCT_TEAMS:
            raise ValueError(f"meter {m.key}: unknown product {m.product}")
    for a in ACCOUNTS.values():
        if a.provider not in PROVIDERS:
            raise ValueError(f"account {a.key}: unknown provider {a.provider}")


_check()

# --------------------------------------------------------------------------------------------
# Stable identifiers derived from names
# --------------------------------------------------------------------------------------------


def guid(name: str) -> str:
    return str(uuid.UUID(bytes=hashlib.sha256(name.encode()).digest()[:16]))


def hex_id(name: str, n: int) -> str:
    return hashlib.sha256(name.encode()).hexdigest()[:n]


def code(name: str, n: int) -> str:
    """Uppercase alphanumeric identifier derived from `name` (stable across runs)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    digest = hashlib.sha256(name.encode()).digest()
    return "".join(alphabet[b % len(alphabet)] for b in digest[:n])


def sku_code_gcp(name: str) -> str:
    c = code(name, 12)
    return f"{c[:4]}-{c[4:8]}-{c[8:]}"


def sku_id(m: Meter) -> str:
    provider = ACCOUNTS[m.account].provider
    if provider == "aws":
        return code(m.sku, 16)
    if provider == "azure":
        return "DZH3" + code(m.sku, 8)
    if provider == "gcp":
        return sku_code_gcp(m.sku)
    return "NMB-" + code(m.sku, 8)


def sku_price_id(m: Meter, version: int) -> str:
    sku = sku_id(m)
    provider = ACCOUNTS[m.account].provider
    if provider == "aws":
        return f"{sku}.JRTCKXETXF.{code(m.sku + str(version), 10)}"
    if provider == "azure":
        return f"{sku}/{version + 1:04d}"
    if provider == "gcp":
        return f"{sku}/P{version + 1}"
    return f"{sku}-{MONTH_STARTS[m.prices[version][0]]:%Y%m}"


def details_json(m: Meter) -> str | None:
    return json.dumps(dict(m.details), separators=(",", ":")) if m.details else None


def invoice_id(account_key: str, month: int) -> str:
    """Invoice id of a billing account's invoice for billing period `month`."""
    acct = ACCOUNTS[account_key]
    digits = str(int(hex_id(f"{account_key}/{month}", 12), 16))[-9:]
    if acct.provider == "nimbus-ai":
        return f"{acct.invoice_prefix}{MONTH_STARTS[month]:%Y%m}-{digits[-4:]}"
    if acct.provider == "azure":
        return f"{acct.invoice_prefix}{digits}"
    return f"3{digits}"
