"""FOCUS 1.2 columns of the demo files and the exact fixed-point arithmetic behind their money.

Decimal columns are computed as integers: costs at 12 digits after the point, prices and
quantities at 6, so every cost is an exact product of a price and a quantity and sums are exact.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pyarrow as pa

# FOCUS 1.2 columns (name, kind, nullable); kinds: str, json, dec, ts.
FOCUS_COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("AvailabilityZone", "str", True),
    ("BilledCost", "dec", False),
    ("BillingAccountId", "str", False),
    ("BillingAccountName", "str", True),
    ("BillingAccountType", "str", False),
    ("BillingCurrency", "str", False),
    ("BillingPeriodEnd", "ts", False),
    ("BillingPeriodStart", "ts", False),
    ("CapacityReservationId", "str", True),
    ("CapacityReservationStatus", "str", True),
    ("ChargeCategory", "str", False),
    ("ChargeClass", "str", True),
    ("ChargeDescription", "str", True),
    ("ChargeFrequency", "str", False),
    ("ChargePeriodEnd", "ts", False),
    ("ChargePeriodStart", "ts", False),
    ("CommitmentDiscountCategory", "str", True),
    ("CommitmentDiscountId", "str", True),
    ("CommitmentDiscountName", "str", True),
    ("CommitmentDiscountQuantity", "dec", True),
    ("CommitmentDiscountStatus", "str", True),
    ("CommitmentDiscountType", "str", True),
    ("CommitmentDiscountUnit", "str", True),
    ("ConsumedQuantity", "dec", True),
    ("ConsumedUnit", "str", True),
    ("ContractedCost", "dec", False),
    ("ContractedUnitPrice", "dec", True),
    ("EffectiveCost", "dec", False),
    ("InvoiceId", "str", True),
    ("InvoiceIssuerName", "str", False),
    ("ListCost", "dec", False),
    ("ListUnitPrice", "dec", True),
    ("PricingCategory", "str", True),
    ("PricingCurrency", "str", True),
    ("PricingCurrencyContractedUnitPrice", "dec", True),
    ("PricingCurrencyEffectiveCost", "dec", True),
    ("PricingCurrencyListUnitPrice", "dec", True),
    ("PricingQuantity", "dec", True),
    ("PricingUnit", "str", True),
    ("ProviderName", "str", False),
    ("PublisherName", "str", False),
    ("RegionId", "str", True),
    ("RegionName", "str", True),
    ("ResourceId", "str", True),
    ("ResourceName", "str", True),
    ("ResourceType", "str", True),
    ("ServiceCategory", "str", False),
    ("ServiceName", "str", False),
    ("ServiceSubcategory", "str", False),
    ("SkuId", "str", True),
    ("SkuMeter", "str", True),
    ("SkuPriceDetails", "json", True),
    ("SkuPriceId", "str", True),
    ("SubAccountId", "str", True),
    ("SubAccountName", "str", True),
    ("SubAccountType", "str", True),
    ("Tags", "json", True),
)
DECIMAL_TYPE = pa.decimal128(38, 12)
TIMESTAMP_TYPE = pa.timestamp("us", tz="UTC")
EXT = "x_Extension"  # internal name of the provider's extension column
ROW_COLUMNS = [c for c, _, _ in FOCUS_COLUMNS] + [EXT]
KINDS = {c: k for c, k, _ in FOCUS_COLUMNS}

# Internal fixed-point scales (digits after the decimal point) of the decimal columns.
COST_COLUMNS = (
    "BilledCost",
    "EffectiveCost",
    "ListCost",
    "ContractedCost",
    "PricingCurrencyEffectiveCost",
)
PRICE_COLUMNS = (
    "ListUnitPrice",
    "ContractedUnitPrice",
    "PricingCurrencyListUnitPrice",
    "PricingCurrencyContractedUnitPrice",
)
QTY_COLUMNS = ("PricingQuantity", "ConsumedQuantity", "CommitmentDiscountQuantity")
SCALE = {**dict.fromkeys(COST_COLUMNS, 12), **dict.fromkeys(PRICE_COLUMNS + QTY_COLUMNS, 6)}
NULL = np.iinfo(np.int64).min


# The FOCUS 1.3 columns the Nimbus AI files add (issue 11): its contract commitment
# (ContractApplied) and split cost allocation (see splits.py), all strings.
CONTRACT_APPLIED = "ContractApplied"
ALLOCATED_COLUMNS = (
    "AllocatedMethodId",
    "AllocatedMethodDetails",
    "AllocatedResourceId",
    "AllocatedResourceName",
    "AllocatedTags",
)
FOCUS_1_3_COLUMNS = (CONTRACT_APPLIED, *ALLOCATED_COLUMNS)


def focus_schema(ext_column: str | None = None, focus_1_3: bool = False) -> pa.Schema:
    """Arrow schema of the demo FOCUS files (57 FOCUS 1.2 columns, the FOCUS 1.3 columns
    FOCUS_1_3_COLUMNS when `focus_1_3`, then the extension)."""
    types = {"str": pa.string(), "json": pa.string(), "dec": DECIMAL_TYPE, "ts": TIMESTAMP_TYPE}
    fields = [pa.field(c, types[k], nullable=n) for c, k, n in FOCUS_COLUMNS]
    if focus_1_3:
        fields.extend(pa.field(c, pa.string()) for c in FOCUS_1_3_COLUMNS)
    if ext_column:
        fields.append(pa.field(ext_column, pa.string()))
    return pa.schema(fields)


def scaled(value: Decimal | int | str | None, scale: int) -> int:
    """Exact fixed-point integer of `value` at `scale` digits (raises if not exact)."""
    if value is None:
        return int(NULL)
    d = Decimal(value).scaleb(scale)
    if d != d.to_integral_value():
        raise ValueError(f"{value} is not exact at scale {scale}")
    return int(d)


def round_half_up(numerator: int, denominator: int) -> int:
    q, r = divmod(numerator, denominator)
    return q + (1 if 2 * r >= denominator else 0)


def group_sums(values: np.ndarray, groups: np.ndarray, n_groups: int) -> list[int]:
    """Exact per-group sums of int64 values."""
    hi = np.zeros(n_groups, dtype=np.int64)
    lo = np.zeros(n_groups, dtype=np.int64)
    np.add.at(hi, groups, values >> 32)
    np.add.at(lo, groups, values & 0xFFFFFFFF)
    return [(int(h) << 32) + int(low) for h, low in zip(hi, lo, strict=True)]


def largest_remainder(shares: np.ndarray, total: int) -> np.ndarray:
    """Integers proportional to `shares` that sum to `total` exactly."""
    raw = shares / shares.sum() * total
    base = np.floor(raw).astype(np.int64)
    rest = total - int(base.sum())
    if rest:
        order = np.argsort(-(raw - base), kind="stable")
        base[order[:rest]] += 1
    return base
