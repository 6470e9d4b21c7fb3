"""Deterministic demo data: FOCUS 1.2 billing exports and matching business value data.

`generate()` writes 13 monthly billing periods (2025-10 to 2026-10) for four providers, AWS,
Microsoft (Azure), Google Cloud and the fictional AI API provider "Nimbus AI", as hive-style
Parquet folders (one folder per provider and billing period), plus daily business metrics for
four products as long-form CSV. All of it is synthetic: the company "Acme Commerce", its
accounts, resources and numbers are made up.

The same (rows, seed) always gives byte-identical files. Money is exact: every cost is a
decimal product of a unit price and a quantity, computed with integers, so the commitment
amortization adds up to the purchase price to the cent.
"""

from __future__ import annotations

import bisect
import csv
import hashlib
import itertools
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

# --------------------------------------------------------------------------------------------
# Public constants
# --------------------------------------------------------------------------------------------

DEFAULT_ROWS = 40_000
FIRST_DAY = date(2025, 10, 1)
N_MONTHS = 13
TEAM_COST_CENTERS = {
    "web": "CC-100",
    "search": "CC-200",
    "ml": "CC-300",
    "data": "CC-400",
    "platform": "CC-500",
}
PRODUCT_TEAMS = {
    "storefront": "web",
    "search": "search",
    "assistant": "ml",
    "data-platform": "data",
}
VALUE_COLUMNS = ("date", "scope", "metric", "value", "unit", "source")

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

# Internal fixed-point scales (digits after the decimal point) of the decimal columns.
_COST_COLUMNS = (
    "BilledCost",
    "EffectiveCost",
    "ListCost",
    "ContractedCost",
    "PricingCurrencyEffectiveCost",
)
_PRICE_COLUMNS = (
    "ListUnitPrice",
    "ContractedUnitPrice",
    "PricingCurrencyListUnitPrice",
    "PricingCurrencyContractedUnitPrice",
)
_QTY_COLUMNS = ("PricingQuantity", "ConsumedQuantity", "CommitmentDiscountQuantity")
_SCALE = {**dict.fromkeys(_COST_COLUMNS, 12), **dict.fromkeys(_PRICE_COLUMNS + _QTY_COLUMNS, 6)}
_NULL = np.iinfo(np.int64).min
_EXT = "x_Extension"  # internal name of the provider's extension column

# --------------------------------------------------------------------------------------------
# Calendar
# --------------------------------------------------------------------------------------------


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, 1)


_MONTH_STARTS = [_add_months(FIRST_DAY, i) for i in range(N_MONTHS + 1)]
_MONTH_FIRST = np.array([(s - FIRST_DAY).days for s in _MONTH_STARTS], dtype=np.int64)
_DAYS_IN_MONTH = np.diff(_MONTH_FIRST)
N_DAYS = int(_MONTH_FIRST[-1])
_EPOCH_DAY0 = (FIRST_DAY - date(1970, 1, 1)).days
_US_PER_DAY = 86_400_000_000
_DAY_MONTH = np.repeat(np.arange(N_MONTHS), _DAYS_IN_MONTH)
_WEEKDAY = (FIRST_DAY.weekday() + np.arange(N_DAYS)) % 7


def _us(day: Any) -> Any:
    """Microseconds since the epoch of day index (or array of indexes) from FIRST_DAY."""
    return (np.asarray(day, dtype=np.int64) + _EPOCH_DAY0) * _US_PER_DAY


def period_label(month: int) -> str:
    """`YYYY-MM` of billing period index `month` (0 = 2025-10)."""
    return _MONTH_STARTS[month].strftime("%Y-%m")


# Growth of each product over the 13 months (multiplier of the first month's volume).
def _growth_curve(product: str | None) -> np.ndarray:
    m = np.arange(N_MONTHS, dtype=np.float64)
    if product == "storefront":
        season = np.ones(N_MONTHS)
        season[1], season[2], season[3] = 1.10, 1.26, 0.96  # Nov, Dec 2025 peak; Jan dip
        return 1.025**m * season
    if product == "search":
        return 1.045**m
    if product == "assistant":
        return 1.12**m
    if product == "data-platform":
        return 1.05**m
    return 1.035**m


_DOW = {  # Monday .. Sunday
    "storefront": (0.96, 0.95, 0.96, 0.98, 1.03, 1.08, 1.04),
    "search": (1.08, 1.10, 1.09, 1.07, 1.02, 0.82, 0.82),
    "assistant": (1.05, 1.06, 1.05, 1.04, 1.00, 0.90, 0.90),
}

# --------------------------------------------------------------------------------------------
# Providers, billing accounts, sub accounts
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Provider:
    slug: str
    name: str
    publisher: str
    issuer: str
    ext_column: str


@dataclass(frozen=True)
class _Account:
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
class _Sub:
    key: str
    id: str
    name: str
    type: str


PROVIDERS = {
    "aws": _Provider(
        "aws", "AWS", "Amazon Web Services, Inc.", "Amazon Web Services, Inc.", "x_Operation"
    ),
    "azure": _Provider("azure", "Microsoft", "Microsoft", "Microsoft", "x_ResourceGroupName"),
    "gcp": _Provider("gcp", "Google Cloud", "Google Cloud", "Google Cloud", "x_ServiceId"),
    "nimbus-ai": _Provider("nimbus-ai", "Nimbus AI", "Nimbus AI", "Nimbus AI", "x_ModelName"),
}
_PROVIDER_ORDER = list(PROVIDERS)

_AZ_BILLING = "/providers/Microsoft.Billing/billingAccounts/84213577"
ACCOUNTS = {
    "aws": _Account(
        "aws",
        "aws",
        "210987654321",
        "Acme Commerce",
        "Payer Account",
        "USD",
        600,
        "US sales tax",
        6,
        "",
    ),
    "azure-usd": _Account(
        "azure-usd",
        "azure",
        f"{_AZ_BILLING}/billingProfiles/QX4N-7KJD-BG7-PGB",
        "Acme Commerce Inc.",
        "Billing Profile",
        "USD",
        625,
        "US sales tax",
        0,
        "G",
    ),
    "azure-eur": _Account(
        "azure-eur",
        "azure",
        f"{_AZ_BILLING}/billingProfiles/M2R8-WF3T-BG7-PGB",
        "Acme Commerce GmbH",
        "Billing Profile",
        "EUR",
        1900,
        "VAT DE",
        0,
        "E",
    ),
    "gcp-usd": _Account(
        "gcp-usd",
        "gcp",
        "01A2B3-C4D5E6-F7A8B9",
        "Acme Commerce - Google Cloud",
        "Billing Account",
        "USD",
        500,
        "US sales tax",
        4,
        "",
    ),
    "gcp-gbp": _Account(
        "gcp-gbp",
        "gcp",
        "0C1D2E-3F4A5B-6C7D8E",
        "Acme Commerce UK Ltd",
        "Billing Account",
        "GBP",
        2000,
        "VAT GB",
        0,
        "",
    ),
    "nimbus": _Account(
        "nimbus",
        "nimbus-ai",
        "org-Nq7Rb2Xc5TfY8LmW",
        "Acme Commerce",
        "Organization",
        "USD",
        725,
        "US sales tax",
        0,
        "INV-NMB-",
    ),
}
_ACCOUNT_ORDER = list(ACCOUNTS)


def _guid(name: str) -> str:
    return str(uuid.UUID(bytes=hashlib.sha256(name.encode()).digest()[:16]))


def _hex(name: str, n: int) -> str:
    return hashlib.sha256(name.encode()).hexdigest()[:n]


def _code(name: str, n: int) -> str:
    """Uppercase alphanumeric identifier derived from `name` (stable across runs)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    digest = hashlib.sha256(name.encode()).digest()
    return "".join(alphabet[b % len(alphabet)] for b in digest[:n])


def _subscription(name: str) -> str:
    return f"/subscriptions/{_guid(name)}"


SUB_ACCOUNTS = {
    # AWS linked accounts
    "aws-payer": _Sub("aws-payer", "210987654321", "acme-payer", "Linked Account"),
    "aws-storefront": _Sub("aws-storefront", "345678901234", "storefront-prod", "Linked Account"),
    "aws-assistant": _Sub("aws-assistant", "456789012345", "assistant-prod", "Linked Account"),
    "aws-data": _Sub("aws-data", "567890123456", "data-platform-prod", "Linked Account"),
    "aws-shared": _Sub("aws-shared", "678901234567", "shared-services", "Linked Account"),
    "aws-staging": _Sub("aws-staging", "789012345678", "staging", "Linked Account"),
    "aws-sandbox": _Sub("aws-sandbox", "890123456789", "dev-sandbox", "Linked Account"),
    # Azure subscriptions
    "az-shop-eu": _Sub("az-shop-eu", _subscription("shop-eu"), "sub-shop-eu-prod", "Subscription"),
    "az-data-eu": _Sub("az-data-eu", _subscription("data-eu"), "sub-data-eu-prod", "Subscription"),
    "az-assistant": _Sub(
        "az-assistant", _subscription("assistant"), "sub-assistant-prod", "Subscription"
    ),
    "az-assistant-stg": _Sub(
        "az-assistant-stg", _subscription("assistant-stg"), "sub-assistant-staging", "Subscription"
    ),
    # Google Cloud projects
    "gcp-search": _Sub("gcp-search", "acme-search-prod", "acme-search-prod", "Project"),
    "gcp-data": _Sub("gcp-data", "acme-data-prod", "acme-data-prod", "Project"),
    "gcp-net": _Sub("gcp-net", "acme-shared-net", "acme-shared-net", "Project"),
    "gcp-search-uk": _Sub("gcp-search-uk", "acme-search-uk-prod", "acme-search-uk-prod", "Project"),
    # Nimbus AI projects
    "nmb-assistant": _Sub("nmb-assistant", "proj_7Fq2assistantprod", "assistant-prod", "Project"),
    "nmb-search": _Sub("nmb-search", "proj_3Kd9searchprod", "search-prod", "Project"),
    "nmb-data": _Sub("nmb-data", "proj_9Hx4dataplatform", "data-platform", "Project"),
}

REGIONS = {
    "us-east-1": "US East (N. Virginia)",
    "westeurope": "West Europe",
    "eastus": "East US",
    "us-central1": "Iowa",
    "europe-west2": "London",
}

# --------------------------------------------------------------------------------------------
# Usage meters (the bulk of the rows)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Meter:
    key: str
    account: str
    sub: str
    service: str
    category: str
    subcategory: str
    resource_type: str
    resource_id: str  # format string: {sub} {k} {h} (stable hex)
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


def _ec2(
    key: str,
    sub: str,
    itype: str,
    price: str,
    weight: float,
    product: str | None,
    team: str,
    **kw: Any,
) -> _Meter:
    region = kw.pop("region", "us-east-1")
    return _Meter(
        key=key,
        account="aws",
        sub=sub,
        service="Amazon Elastic Compute Cloud",
        category="Compute",
        subcategory="Virtual Machines",
        resource_type="Instance",
        resource_id=f"arn:aws:ec2:{region}:{{sub}}:instance/i-0{{h}}",
        resource_name=f"{key.removeprefix('aws-ec2-')}-{{k:04d}}",
        sku=f"AmazonEC2 {itype} {region} Linux",
        meter=f"Compute Instance: {itype}",
        details=(("InstanceType", itype), ("OperatingSystem", "Linux")),
        description=f"${{price}} per On Demand Linux {itype} Instance Hour",
        consumed_unit="Hours",
        pricing_unit="Hours",
        prices=((0, price),),
        kind="hours",
        weight=weight,
        product=product,
        team=team,
        region=region,
        zones=(f"{region}a", f"{region}b", f"{region}c"),
        ext="RunInstances",
        **kw,
    )


def _s3(
    key: str,
    sub: str,
    tier: str,
    meter: str,
    price: str,
    base: float,
    weight: float,
    product: str,
    team: str,
    **kw: Any,
) -> _Meter:
    return _Meter(
        key=key,
        account="aws",
        sub=sub,
        service="Amazon Simple Storage Service",
        category="Storage",
        subcategory="Object Storage",
        resource_type="Bucket",
        resource_id=f"arn:aws:s3:::acme-{key.removeprefix('aws-s3-')}-{{k:03d}}",
        resource_name=f"acme-{key.removeprefix('aws-s3-')}-{{k:03d}}",
        sku=f"AmazonS3 {tier} us-east-1",
        meter=meter,
        details=(("x_StorageTier", tier),),
        description=f"${{price}} per GB-Month of {tier} storage used",
        consumed_unit="GB-Months",
        pricing_unit="GB-Months",
        prices=((0, price),),
        kind="storage",
        base=base,
        decimals=6,
        weight=weight,
        product=product,
        team=team,
        region="us-east-1",
        ext=meter.split(": ")[-1].replace(" ", "") + "Storage",
        **kw,
    )


def _blob(key: str, tier: str, price: str, base: float, weight: float) -> _Meter:
    return _Meter(
        key=key,
        account="azure-eur",
        sub="az-data-eu",
        service="Storage Accounts",
        category="Storage",
        subcategory="Object Storage",
        resource_type="Storage account",
        resource_id="{sub}/resourceGroups/rg-data-eu-prod/providers/Microsoft.Storage/"
        f"storageAccounts/stacmedl{tier.lower()}{{k:02d}}",
        resource_name=f"stacmedl{tier.lower()}{{k:02d}}",
        sku=f"Blob Storage {tier} LRS westeurope",
        meter=f"{tier} LRS Data Stored",
        details=(("x_StorageTier", tier), ("x_Redundancy", "LRS")),
        description=f"Tiered Block Blob - {tier} LRS Data Stored - EU West",
        consumed_unit="GB/Month",
        pricing_unit="GB/Month",
        prices=((0, price),),
        kind="storage",
        base=base,
        decimals=6,
        weight=weight,
        product="data-platform",
        team="data",
        alpha=0.3,
        beta=0.7,
        region="westeurope",
        ext="rg-data-eu-prod",
    )


def _gcs(
    key: str,
    account: str,
    sub: str,
    tier: str,
    price: str,
    base: float,
    weight: float,
    product: str,
    team: str,
    region: str,
) -> _Meter:
    return _Meter(
        key=key,
        account=account,
        sub=sub,
        service="Cloud Storage",
        category="Storage",
        subcategory="Object Storage",
        resource_type="Bucket",
        resource_id=f"//storage.googleapis.com/projects/_/buckets/{{sub}}-{tier.lower()}-{{k:02d}}",
        resource_name=f"{{sub}}-{tier.lower()}-{{k:02d}}",
        sku=f"{tier} Storage {region}",
        meter=f"{tier} Storage",
        details=(("x_StorageTier", tier),),
        description=f"{tier} Storage {REGIONS[region]}",
        consumed_unit="GiB-Months",
        pricing_unit="GiB-Months",
        prices=((0, price),),
        kind="storage",
        base=base,
        decimals=6,
        weight=weight,
        product=product,
        team=team,
        alpha=0.3,
        beta=0.7,
        region=region,
        ext="95FF-2EF5-5EA1",
    )


def _apigw(product: str, base: float) -> _Meter:
    team = PRODUCT_TEAMS[product]
    sub = "aws-storefront" if product == "storefront" else f"aws-{product}"
    if product == "search":
        sub = "aws-shared"
    return _Meter(
        key=f"aws-apigw-{product}",
        account="aws",
        sub=sub,
        service="Amazon API Gateway",
        category="Integration",
        subcategory="API Management",
        resource_type="REST API Stage",
        resource_id=f"arn:aws:apigateway:us-east-1::/restapis/{_hex(product, 10)}"
        f"/stages/prod-{{k}}",
        resource_name=f"{product}-api-prod-{{k}}",
        sku="AmazonApiGateway ApiGatewayRequest",
        meter="API Calls: REST API",
        details=(("x_PricingTier", "First 333 million"),),
        description="${price} per million REST API requests (first 333 million)",
        consumed_unit="Requests",
        pricing_unit="1000000 Requests",
        per_pricing_unit=1_000_000,
        prices=((0, "3.50"),),
        kind="count",
        base=base,
        weight=1,
        product=product,
        team=team,
        sigma=0.0,
        alpha=0.0,
        beta=1.0,
        region="us-east-1",
        ext="ApiGatewayRequest",
    )


def _nimbus(
    key: str,
    sub: str,
    model: str,
    direction: str,
    prices: tuple[tuple[int, str], ...],
    base: float,
    weight: float,
    product: str,
    team: str,
    beta: float,
) -> _Meter:
    return _Meter(
        key=key,
        account="nimbus",
        sub=sub,
        service="Nimbus AI Platform",
        category="AI and Machine Learning",
        subcategory="Generative AI",
        resource_type="API Key",
        resource_id=f"key_{_hex(key, 6)}{{k:02d}}",
        resource_name=f"{SUB_ACCOUNTS[sub].name}-key-{{k}}",
        sku=f"{model} {direction} tokens",
        meter=f"{model} {direction} Tokens",
        details=(("x_Model", model), ("x_TokenType", direction)),
        description=f"{model} {direction.lower()} tokens, ${{price}} per 1M tokens",
        consumed_unit="Tokens",
        pricing_unit="1000000 Tokens",
        per_pricing_unit=1_000_000,
        prices=prices,
        kind="count",
        base=base,
        weight=weight,
        product=product,
        team=team,
        sigma=0.25,
        alpha=0.0,
        beta=beta,
        ext=model,
    )


METERS: tuple[_Meter, ...] = (
    # ---------------- AWS (USD)
    _ec2(
        "aws-ec2-storefront-web",
        "aws-storefront",
        "c7g.4xlarge",
        "0.5800",
        16,
        "storefront",
        "web",
        alpha=0.75,
        tagging="partial",
    ),
    _ec2(
        "aws-ec2-storefront-staging",
        "aws-staging",
        "m7g.large",
        "0.0816",
        2,
        "storefront",
        "web",
        env="staging",
        alpha=0.3,
    ),
    _ec2(
        "aws-ec2-sandbox",
        "aws-sandbox",
        "t4g.large",
        "0.0672",
        3,
        None,
        None,
        env="dev",
        tagging="sandbox",
        alpha=0.5,
    ),
    _ec2(
        "aws-ec2-platform-nodes",
        "aws-shared",
        "m7g.2xlarge",
        "0.3264",
        4,
        None,
        "platform",
        tagging="no-product",
        alpha=0.6,
    ),
    _Meter(
        key="aws-rds-storefront",
        account="aws",
        sub="aws-storefront",
        service="Amazon Relational Database Service",
        category="Databases",
        subcategory="Relational Databases",
        resource_type="DB Instance",
        resource_id="arn:aws:rds:us-east-1:{sub}:db:storefront-orders-{k}",
        resource_name="storefront-orders-{k}",
        sku="AmazonRDS db.r6g.2xlarge PostgreSQL Multi-AZ",
        meter="Database Instance: db.r6g.2xlarge",
        details=(("InstanceType", "db.r6g.2xlarge"), ("x_DatabaseEngine", "PostgreSQL")),
        description="${price} per RDS db.r6g.2xlarge Multi-AZ instance hour running PostgreSQL",
        consumed_unit="Hours",
        pricing_unit="Hours",
        prices=((0, "1.7960"),),
        kind="hours",
        weight=2,
        product="storefront",
        team="web",
        region="us-east-1",
        zones=("us-east-1a", "us-east-1b"),
        ext="CreateDBInstance:0014",
    ),
    _s3(
        "aws-s3-data-lake",
        "aws-data",
        "Standard",
        "Storage: Standard",
        "0.023",
        40_000,
        3,
        "data-platform",
        "data",
        alpha=0.3,
        beta=0.7,
    ),
    _s3(
        "aws-s3-data-ia",
        "aws-data",
        "Infrequent Access",
        "Storage: Standard-Infrequent Access",
        "0.0125",
        60_000,
        2,
        "data-platform",
        "data",
        alpha=0.3,
        beta=0.7,
    ),
    _s3(
        "aws-s3-data-archive",
        "aws-data",
        "Archive",
        "Storage: Glacier Deep Archive",
        "0.00099",
        400_000,
        1,
        "data-platform",
        "data",
        alpha=0.3,
        beta=0.7,
    ),
    _s3(
        "aws-s3-storefront-assets",
        "aws-storefront",
        "Standard",
        "Storage: Standard",
        "0.023",
        8_000,
        1,
        "storefront",
        "web",
        beta=0.5,
    ),
    _apigw("storefront", 2_000_000),
    _apigw("search", 1_000_000),
    _apigw("assistant", 40_000),
    _Meter(
        key="aws-sagemaker-assistant",
        account="aws",
        sub="aws-assistant",
        service="Amazon SageMaker",
        category="AI and Machine Learning",
        subcategory="AI Platforms",
        resource_type="Endpoint",
        resource_id="arn:aws:sagemaker:us-east-1:{sub}:endpoint/assistant-rerank-{k}",
        resource_name="assistant-rerank-{k}",
        sku="AmazonSageMaker ml.g5.2xlarge Hosting",
        meter="Hosting: ml.g5.2xlarge",
        details=(("InstanceType", "ml.g5.2xlarge"), ("GpuCount", 1)),
        description="${price} per Hosting ml.g5.2xlarge hour in US East (N. Virginia)",
        consumed_unit="Hours",
        pricing_unit="Hours",
        prices=((0, "1.5150"),),
        kind="hours",
        weight=2,
        product="assistant",
        team="ml",
        alpha=0.8,
        region="us-east-1",
        zones=("us-east-1a", "us-east-1b"),
        ext="RunInstance",
    ),
    _Meter(
        key="aws-eks-platform",
        account="aws",
        sub="aws-shared",
        service="Amazon Elastic Kubernetes Service",
        category="Compute",
        subcategory="Containers",
        resource_type="Cluster",
        resource_id="arn:aws:eks:us-east-1:{sub}:cluster/platform-{k}",
        resource_name="platform-{k}",
        sku="AmazonEKS cluster us-east-1",
        meter="EKS Cluster Hours",
        details=(),
        description="Amazon EKS cluster usage in US East (N. Virginia)",
        consumed_unit="Hours",
        pricing_unit="Hours",
        prices=((0, "0.10"),),
        kind="hours",
        weight=1,
        product=None,
        team="platform",
        tagging="no-product",
        region="us-east-1",
        ext="CreateOperation",
    ),
    _Meter(
        key="aws-egress",
        account="aws",
        sub="aws-shared",
        service="AWS Data Transfer",
        category="Networking",
        subcategory="Network Connectivity",
        resource_type="Load Balancer",
        resource_id="arn:aws:elasticloadbalancing:us-east-1:{sub}:loadbalancer/app/edge-{k}/{h}",
        resource_name="edge-{k}",
        sku="AWSDataTransfer us-east-1 Internet Out",
        meter="Data Transfer: Internet Out",
        details=(),
        description="${price} per GB - first 10 TB / month data transfer out",
        consumed_unit="GB",
        pricing_unit="GB",
        prices=((0, "0.09"),),
        kind="amount",
        base=250,
        decimals=3,
        weight=2,
        product=None,
        team=None,
        tagging="none",
        region="us-east-1",
        ext="InterRegion-Out",
    ),
    # ---------------- Microsoft Azure (EUR billing profile)
    _Meter(
        key="azure-vm-storefront-eu",
        account="azure-eur",
        sub="az-shop-eu",
        service="Virtual Machines",
        category="Compute",
        subcategory="Virtual Machines",
        resource_type="Virtual machine",
        resource_id="{sub}/resourceGroups/rg-shop-eu-prod/providers/Microsoft.Compute/"
        "virtualMachines/vm-shop-eu-{k:02d}",
        resource_name="vm-shop-eu-{k:02d}",
        sku="Virtual Machines Dsv5 Series D4s v5",
        meter="D4s v5",
        details=(("InstanceType", "Standard_D4s_v5"), ("CoreCount", 4)),
        description="Virtual Machines Dsv5 Series - D4s v5 - EU West",
        consumed_unit="Hours",
        pricing_unit="Hours",
        prices=((0, "0.2110"),),
        kind="hours",
        weight=6,
        product="storefront",
        team="web",
        alpha=0.75,
        region="westeurope",
        ext="rg-shop-eu-prod",
    ),
    _Meter(
        key="azure-sql-storefront-eu",
        account="azure-eur",
        sub="az-shop-eu",
        service="SQL Database",
        category="Databases",
        subcategory="Relational Databases",
        resource_type="SQL database",
        resource_id="{sub}/resourceGroups/rg-shop-eu-prod/providers/Microsoft.Sql/servers/"
        "sql-shop-eu/databases/orders-{k}",
        resource_name="orders-{k}",
        sku="SQL Database Single vCore General Purpose Gen5",
        meter="4 vCore",
        details=(("CoreCount", 4), ("x_ServiceTier", "General Purpose")),
        description="SQL Database Single/Elastic Pool General Purpose - Compute Gen5 - 4 vCore",
        consumed_unit="Hours",
        pricing_unit="Hours",
        prices=((0, "0.8420"),),
        kind="hours",
        weight=1,
        product="storefront",
        team="web",
        region="westeurope",
        ext="rg-shop-eu-prod",
    ),
    _blob("azure-blob-data-hot", "Hot", "0.0184", 30_000, 2),
    _blob("azure-blob-data-cool", "Cool", "0.0092", 50_000, 1),
    _blob("azure-blob-data-archive", "Archive", "0.00184", 200_000, 1),
    _Meter(
        key="azure-bandwidth-eu",
        account="azure-eur",
        sub="az-shop-eu",
        service="Bandwidth",
        category="Networking",
        subcategory="Network Connectivity",
        resource_type="Public IP address",
        resource_id="{sub}/resourceGroups/rg-shop-eu-prod/providers/Microsoft.Network/"
        "publicIPAddresses/pip-shop-eu-{k}",
        resource_name="pip-shop-eu-{k}",
        sku="Bandwidth Inter-Region Internet Egress",
        meter="Standard Data Transfer Out",
        details=(),
        description="Bandwidth - Standard Data Transfer Out - Zone 1",
        consumed_unit="GB",
        pricing_unit="GB",
        prices=((0, "0.0800"),),
        kind="amount",
        base=150,
        decimals=3,
        weight=1,
        product=None,
        team=None,
        tagging="none",
        region="westeurope",
        ext="rg-shop-eu-prod",
    ),
    # ---------------- Microsoft Azure (USD billing profile)
    _Meter(
        key="azure-vm-assistant-staging",
        account="azure-usd",
        sub="az-assistant-stg",
        service="Virtual Machines",
        category="Compute",
        subcategory="Virtual Machines",
        resource_type="Virtual machine",
        resource_id="{sub}/resourceGroups/rg-assistant-stg/providers/Microsoft.Compute/"
        "virtualMachines/vm-assistant-stg-{k:02d}",
        resource_name="vm-assistant-stg-{k:02d}",
        sku="Virtual Machines Dsv5 Series D8s v5",
        meter="D8s v5",
        details=(("InstanceType", "Standard_D8s_v5"), ("CoreCount", 8)),
        description="Virtual Machines Dsv5 Series - D8s v5 - US East",
        consumed_unit="Hours",
        pricing_unit="Hours",
        prices=((0, "0.3840"),),
        kind="hours",
        weight=2,
        product="assistant",
        team="ml",
        env="staging",
        alpha=0.5,
        region="eastus",
        ext="rg-assistant-stg",
    ),
    _Meter(
        key="azure-postgres-assistant",
        account="azure-usd",
        sub="az-assistant",
        service="Azure Database for PostgreSQL",
        category="Databases",
        subcategory="Relational Databases",
        resource_type="PostgreSQL flexible server",
        resource_id="{sub}/resourceGroups/rg-assistant-prod/providers/"
        "Microsoft.DBforPostgreSQL/flexibleServers/pg-assistant-{k}",
        resource_name="pg-assistant-{k}",
        sku="Azure Database for PostgreSQL Flexible Server D4ds v5",
        meter="General Purpose Ddsv5 Series Compute - 4 vCore",
        details=(("CoreCount", 4), ("x_ServiceTier", "General Purpose")),
        description="Azure Database for PostgreSQL Flexible Server General Purpose Ddsv5 - 4 vCore",
        consumed_unit="Hours",
        pricing_unit="Hours",
        prices=((0, "0.3560"),),
        kind="hours",
        weight=1,
        product="assistant",
        team="ml",
        alpha=0.4,
        region="eastus",
        ext="rg-assistant-prod",
    ),
    # ---------------- Google Cloud (USD)
    _Meter(
        key="gcp-gce-search",
        account="gcp-usd",
        sub="gcp-search",
        service="Compute Engine",
        category="Compute",
        subcategory="Virtual Machines",
        resource_type="Instance",
        resource_id="//compute.googleapis.com/projects/{sub}/zones/{zone}/instances/"
        "search-node-{k:03d}",
        resource_name="search-node-{k:03d}",
        sku="N2 Instance Core and Ram us-central1",
        meter="N2 Predefined Instance n2-standard-8",
        details=(("InstanceType", "n2-standard-8"), ("CoreCount", 8)),
        description="N2 Predefined Instance n2-standard-8 running in Americas",
        consumed_unit="Hours",
        pricing_unit="Hours",
        prices=((0, "0.3885"),),
        kind="hours",
        weight=6,
        product="search",
        team="search",
        alpha=0.9,
        tagging="partial",
        region="us-central1",
        zones=("us-central1-a", "us-central1-b", "us-central1-c"),
        ext="6F81-5844-456A",
    ),
    _gcs(
        "gcp-gcs-search-standard",
        "gcp-usd",
        "gcp-search",
        "Standard",
        "0.020",
        15_000,
        1,
        "search",
        "search",
        "us-central1",
    ),
    _gcs(
        "gcp-gcs-search-nearline",
        "gcp-usd",
        "gcp-search",
        "Nearline",
        "0.010",
        40_000,
        1,
        "search",
        "search",
        "us-central1",
    ),
    _gcs(
        "gcp-gcs-data-archive",
        "gcp-usd",
        "gcp-data",
        "Archive",
        "0.0012",
        300_000,
        1,
        "data-platform",
        "data",
        "us-central1",
    ),
    _Meter(
        key="gcp-bigquery-data",
        account="gcp-usd",
        sub="gcp-data",
        service="BigQuery",
        category="Databases",
        subcategory="Data Warehouses",
        resource_type="Dataset",
        resource_id="//bigquery.googleapis.com/projects/{sub}/datasets/analytics_{k}",
        resource_name="analytics_{k}",
        sku="Analysis us-central1",
        meter="Analysis",
        details=(("x_PricingModel", "On-demand"),),
        description="Analysis (on-demand) in us-central1",
        consumed_unit="TiB",
        pricing_unit="TiB",
        prices=((0, "6.25"),),
        kind="amount",
        base=2.5,
        decimals=6,
        weight=2,
        product="data-platform",
        team="data",
        sigma=0.4,
        alpha=0.2,
        beta=0.8,
        region="us-central1",
        ext="24E6-581D-38E5",
    ),
    _Meter(
        key="gcp-egress",
        account="gcp-usd",
        sub="gcp-net",
        service="Networking",
        category="Networking",
        subcategory="Network Connectivity",
        resource_type="Forwarding rule",
        resource_id="//compute.googleapis.com/projects/{sub}/regions/us-central1/"
        "forwardingRules/edge-{k}",
        resource_name="edge-{k}",
        sku="Network Internet Egress from Americas to Americas",
        meter="Internet Egress",
        details=(),
        description="Network Internet Data Transfer Out from Americas to Americas",
        consumed_unit="GiB",
        pricing_unit="GiB",
        prices=((0, "0.085"),),
        kind="amount",
        base=200,
        decimals=3,
        weight=1,
        product=None,
        team=None,
        tagging="none",
        region="us-central1",
        ext="E505-1604-58F8",
    ),
    # ---------------- Google Cloud (GBP)
    _Meter(
        key="gcp-gce-search-uk",
        account="gcp-gbp",
        sub="gcp-search-uk",
        service="Compute Engine",
        category="Compute",
        subcategory="Virtual Machines",
        resource_type="Instance",
        resource_id="//compute.googleapis.com/projects/{sub}/zones/{zone}/instances/"
        "search-uk-{k:03d}",
        resource_name="search-uk-{k:03d}",
        sku="N2 Instance Core and Ram europe-west2",
        meter="N2 Predefined Instance n2-standard-4",
        details=(("InstanceType", "n2-standard-4"), ("CoreCount", 4)),
        description="N2 Predefined Instance n2-standard-4 running in London",
        consumed_unit="Hours",
        pricing_unit="Hours",
        prices=((0, "0.1850"),),
        kind="hours",
        weight=2,
        product="search",
        team="search",
        alpha=0.9,
        region="europe-west2",
        zones=("europe-west2-a", "europe-west2-b"),
        ext="6F81-5844-456A",
    ),
    _gcs(
        "gcp-gcs-search-uk",
        "gcp-gbp",
        "gcp-search-uk",
        "Standard",
        "0.0190",
        5_000,
        1,
        "search",
        "search",
        "europe-west2",
    ),
    # ---------------- Nimbus AI (USD); output token price cut from 2026-04
    _nimbus(
        "nimbus-large-input",
        "nmb-assistant",
        "nimbus-large-2",
        "Input",
        ((0, "3.00"),),
        20_000_000,
        2,
        "assistant",
        "ml",
        1.1,
    ),
    _nimbus(
        "nimbus-large-output",
        "nmb-assistant",
        "nimbus-large-2",
        "Output",
        ((0, "15.00"), (6, "10.00")),
        3_500_000,
        2,
        "assistant",
        "ml",
        1.1,
    ),
    _nimbus(
        "nimbus-small-input",
        "nmb-search",
        "nimbus-small-2",
        "Input",
        ((0, "0.25"),),
        100_000_000,
        1,
        "search",
        "search",
        1.0,
    ),
    _nimbus(
        "nimbus-small-output",
        "nmb-search",
        "nimbus-small-2",
        "Output",
        ((0, "1.25"),),
        10_000_000,
        1,
        "search",
        "search",
        1.0,
    ),
    _nimbus(
        "nimbus-embed",
        "nmb-data",
        "nimbus-embed-1",
        "Input",
        ((0, "0.10"),),
        100_000_000,
        1,
        "data-platform",
        "data",
        1.0,
    ),
)
_METER_INDEX = {m.key: i for i, m in enumerate(METERS)}
_MIN_PER_PERIOD = 3  # usage rows of every meter in every billing period, at least

# Commitments, fees and one-off rows whose count does not depend on `rows`.
_SP_START, _SP_DAYS = 0, 365  # Savings Plan term: 2025-10-01 .. 2026-10-01
_RI_FIRST_MONTH = 3  # Azure reservation starts 2026-01-01, paid monthly
_N_SP_ROWS = _SP_DAYS * 3 + (N_DAYS - _SP_DAYS) * 2 + 1
_RI_START = int(_MONTH_FIRST[_RI_FIRST_MONTH])
_N_RI_ROWS = _RI_START + (N_DAYS - _RI_START) + 2 * (N_MONTHS - _RI_FIRST_MONTH)
_CREDIT_PLAN = (("aws", tuple(range(6))), ("gcp-usd", (4, 5, 6)), ("nimbus", (9,)))
_N_CREDIT_ROWS = sum(len(months) for _, months in _CREDIT_PLAN)
_SUPPORT_ACCOUNTS = ("aws", "gcp-usd")
FIXED_ROWS = (
    _N_SP_ROWS
    + _N_RI_ROWS
    + len(ACCOUNTS) * N_MONTHS  # tax
    + len(_SUPPORT_ACCOUNTS) * N_MONTHS
    + _N_CREDIT_ROWS
    + 2  # Nimbus AI prepaid purchase, and the split drawdown row
    + 3  # corrections
)
MIN_ROWS = FIXED_ROWS + _MIN_PER_PERIOD * len(METERS) * N_MONTHS


# --------------------------------------------------------------------------------------------
# Column store: string columns hold codes into one shared vocabulary
# --------------------------------------------------------------------------------------------


class _Vocab:
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


def _scaled(value: Decimal | int | str | None, scale: int) -> int:
    """Exact fixed-point integer of `value` at `scale` digits (raises if not exact)."""
    if value is None:
        return int(_NULL)
    d = Decimal(value).scaleb(scale)
    if d != d.to_integral_value():
        raise ValueError(f"{value} is not exact at scale {scale}")
    return int(d)


def _round_half_up(numerator: int, denominator: int) -> int:
    q, r = divmod(numerator, denominator)
    return q + (1 if 2 * r >= denominator else 0)


def _group_sums(values: np.ndarray, groups: np.ndarray, n_groups: int) -> list[int]:
    """Exact per-group sums of int64 values."""
    hi = np.zeros(n_groups, dtype=np.int64)
    lo = np.zeros(n_groups, dtype=np.int64)
    np.add.at(hi, groups, values >> 32)
    np.add.at(lo, groups, values & 0xFFFFFFFF)
    return [(int(h) << 32) + int(low) for h, low in zip(hi, lo, strict=True)]


# --------------------------------------------------------------------------------------------
# Bulk usage rows
# --------------------------------------------------------------------------------------------


def _largest_remainder(shares: np.ndarray, total: int) -> np.ndarray:
    """Integers proportional to `shares` that sum to `total` exactly."""
    raw = shares / shares.sum() * total
    base = np.floor(raw).astype(np.int64)
    rest = total - int(base.sum())
    if rest:
        order = np.argsort(-(raw - base), kind="stable")
        base[order[:rest]] += 1
    return base


def _price_table() -> tuple[np.ndarray, np.ndarray]:
    """List and contracted unit prices per (meter, billing period) at scale 6."""
    list_p = np.zeros((len(METERS), N_MONTHS), dtype=np.int64)
    contracted = np.zeros_like(list_p)
    for t, m in enumerate(METERS):
        disc = ACCOUNTS[m.account].discount_pct
        for first, price in m.prices:
            p = _scaled(price, 6)
            list_p[t, first:] = p
            contracted[t, first:] = _round_half_up(p * (100 - disc), 100)
    return list_p, contracted


def _tags(product: str | None, team: str | None, env: str) -> str:
    tags: dict[str, str] = {}
    if team is not None:
        tags["team"] = team
    if product is not None:
        tags["product"] = product
    tags["environment"] = env
    if team is not None:
        tags["cost_center"] = TEAM_COST_CENTERS[team]
    return json.dumps(tags, separators=(",", ":"))


def _resource_tags(m: _Meter, k: int) -> str | None:
    """Tags of resource `k` of meter `m` (some resources are untagged on purpose)."""
    if m.tagging == "none":
        return None
    if m.tagging == "no-product":
        return _tags(None, m.team, m.env)
    if m.tagging == "sandbox":
        variant = k % 4
        if variant == 0:
            return _tags("storefront", "web", m.env)
        if variant == 1:
            return "{}"
        if variant == 2:
            return _tags(None, "ml", m.env)
        return None
    if m.tagging == "partial" and k % 9 == 8:
        return _tags(None, m.team, m.env)  # forgot the product tag
    return _tags(m.product, m.team, m.env)


def _details_json(m: _Meter) -> str | None:
    return json.dumps(dict(m.details), separators=(",", ":")) if m.details else None


def _sku_id(m: _Meter) -> str:
    provider = ACCOUNTS[m.account].provider
    if provider == "aws":
        return _code(m.sku, 16)
    if provider == "azure":
        return "DZH3" + _code(m.sku, 8)
    if provider == "gcp":
        return _sku_code_gcp(m.sku)
    return "NMB-" + _code(m.sku, 8)


def _sku_price_id(m: _Meter, version: int) -> str:
    sku = _sku_id(m)
    provider = ACCOUNTS[m.account].provider
    if provider == "aws":
        return f"{sku}.JRTCKXETXF.{_code(m.sku + str(version), 10)}"
    if provider == "azure":
        return f"{sku}/{version + 1:04d}"
    if provider == "gcp":
        return f"{sku}/P{version + 1}"
    return f"{sku}-{_MONTH_STARTS[m.prices[version][0]]:%Y%m}"


def invoice_id(account_key: str, month: int) -> str:
    """Invoice id of a billing account's invoice for billing period `month`."""
    acct = ACCOUNTS[account_key]
    digits = str(int(_hex(f"{account_key}/{month}", 12), 16))[-9:]
    if acct.provider == "nimbus-ai":
        return f"{acct.invoice_prefix}{_MONTH_STARTS[month]:%Y%m}-{digits[-4:]}"
    if acct.provider == "azure":
        return f"{acct.invoice_prefix}{digits}"
    return f"3{digits}"


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
        if m.product in _DOW and m.kind in ("count", "amount"):
            dow[t] = _DOW[m.product]
    base_t = np.array([m.base for m in METERS])
    noise = rng.lognormal(0.0, 0.06, n)
    qty = base_t[t_idx] * intensity_tm[t_idx, m_idx] * size[res]
    is_storage = storage_t[t_idx]
    days_in_month = _DAYS_IN_MONTH[m_idx]
    # storage: GB stored (growing slightly within the month) as a per-day share of a month
    qty *= np.where(
        is_storage,
        (1.0 + 0.002 * (day - _MONTH_FIRST[m_idx])) / days_in_month,
        dow[t_idx, _WEEKDAY[day]] * noise,
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


def _bulk_usage(rng: np.random.Generator, bulk_n: int, vocab: _Vocab) -> tuple[dict, float]:
    """Usage rows of all meters: exactly `bulk_n` rows, plus the size factor of the company."""
    n_meters = len(METERS)
    growth = np.array([_growth_curve(m.product) for m in METERS])  # (T, 13)
    alpha = np.array([m.alpha for m in METERS])[:, None]
    beta = np.array([m.beta for m in METERS])[:, None]
    weight = np.array([m.weight for m in METERS])[:, None]
    shares = weight * growth**alpha * _DAYS_IN_MONTH[None, :]
    reserve = _MIN_PER_PERIOD * n_meters * N_MONTHS
    counts = _MIN_PER_PERIOD + _largest_remainder(shares.ravel(), bulk_n - reserve)
    default_free = DEFAULT_ROWS - FIXED_ROWS - reserve
    scale = (bulk_n - reserve) / default_free

    # Row -> (meter, billing period, day, resource index k within the day).
    group_t = np.repeat(np.arange(n_meters), N_MONTHS)
    group_m = np.tile(np.arange(N_MONTHS), n_meters)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    gid = np.repeat(np.arange(counts.size), counts)
    i = np.arange(bulk_n, dtype=np.int64) - starts[gid]
    n_g = counts[gid]
    t_idx = group_t[gid]
    m_idx = group_m[gid]
    d_in_m = _DAYS_IN_MONTH[m_idx]
    day_in_month = (i * d_in_m) // n_g
    k = i - (day_in_month * n_g + d_in_m - 1) // d_in_m
    sparse = n_g < d_in_m  # fewer rows than days: rotate over a few resources
    k[sparse] = i[sparse] % np.minimum(n_g[sparse], 4)
    day = _MONTH_FIRST[m_idx] + day_in_month

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
            fields = {"sub": sub_id, "k": kk, "h": _hex(f"{m.key}/{kk}", 16), "zone": zone}
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
            [vocab.code(_sku_price_id(m, int(price_version[t, mm]))) for mm in range(N_MONTHS)]
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
    account_idx = np.array([_ACCOUNT_ORDER.index(m.account) for m in METERS])[t_idx]
    provider_idx = np.array([_PROVIDER_ORDER.index(a.provider) for a in accts])[t_idx]

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
        "SkuId": per_meter([_sku_id(m) for m in METERS]),
        "SkuMeter": per_meter([m.meter for m in METERS]),
        "SkuPriceDetails": per_meter([_details_json(m) for m in METERS]),
        "ConsumedUnit": per_meter([m.consumed_unit for m in METERS]),
        "PricingUnit": per_meter([m.pricing_unit for m in METERS]),
        _EXT: per_meter([m.ext for m in METERS]),
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
        "BillingPeriodStart": _us(_MONTH_FIRST[m_idx]),
        "BillingPeriodEnd": _us(_MONTH_FIRST[m_idx + 1]),
        "ChargePeriodStart": _us(day),
        "ChargePeriodEnd": _us(day + 1),
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
    return cols, scale


# --------------------------------------------------------------------------------------------
# Rows built one by one (commitments, fees, tax, credits, corrections)
# --------------------------------------------------------------------------------------------


def _base_row(account_key: str, sub_key: str | None, month: int) -> dict[str, Any]:
    acct = ACCOUNTS[account_key]
    prov = PROVIDERS[acct.provider]
    sub = SUB_ACCOUNTS[sub_key] if sub_key else None
    return {
        "ProviderName": prov.name,
        "PublisherName": prov.publisher,
        "InvoiceIssuerName": prov.issuer,
        "BillingAccountId": acct.id,
        "BillingAccountName": acct.name,
        "BillingAccountType": acct.type,
        "BillingCurrency": acct.currency,
        "PricingCurrency": acct.currency,
        "SubAccountId": sub.id if sub else None,
        "SubAccountName": sub.name if sub else None,
        "SubAccountType": sub.type if sub else None,
        "InvoiceId": invoice_id(account_key, month),
        "BillingPeriodStart": int(_us(_MONTH_FIRST[month])),
        "BillingPeriodEnd": int(_us(_MONTH_FIRST[month + 1])),
        "_month": month,
        "_account": _ACCOUNT_ORDER.index(account_key),
        "_provider": _PROVIDER_ORDER.index(acct.provider),
    }


def _priced(
    row: dict[str, Any],
    list_price: Decimal,
    contracted_price: Decimal,
    quantity: Decimal,
    unit: str,
) -> dict[str, Any]:
    """Fill unit prices, pricing quantity and list/contracted cost of a row."""
    row.update(
        ListUnitPrice=list_price,
        ContractedUnitPrice=contracted_price,
        PricingCurrencyListUnitPrice=list_price,
        PricingCurrencyContractedUnitPrice=contracted_price,
        PricingQuantity=quantity,
        PricingUnit=unit,
        ListCost=list_price * quantity,
        ContractedCost=contracted_price * quantity,
    )
    return row


def _month_of_day(day: int) -> int:
    return int(_DAY_MONTH[day])


SP_ID = "arn:aws:savingsplans::210987654321:savingsplan/" + _guid(
    "storefront-ec2-instance-savings-plan"
)
SP_NAME = "storefront-m7g-us-east-1-1yr-all-upfront"
SP_HOURLY = Decimal("3.50")
SP_PRICE = SP_HOURLY * 24 * _SP_DAYS  # all upfront, 365 days
RI_ID = (
    f"/providers/Microsoft.Capacity/reservationOrders/{_guid('ri-order-shop-eu')}"
    f"/reservations/{_guid('ri-shop-eu')}"
)
RI_NAME = "vm-shop-eu-d4s-v5-1yr-monthly"
RI_HOURLY = Decimal("0.1270")


def _commitment_rows(rng: np.random.Generator) -> list[dict[str, Any]]:
    """Savings Plan (AWS, all upfront) and reservation (Azure EUR, monthly) rows."""
    rows: list[dict[str, Any]] = []
    # --- AWS EC2 Instance Savings Plan: bought 2025-10-01, one year, all upfront.
    sp_common = {
        "CommitmentDiscountId": SP_ID,
        "CommitmentDiscountName": SP_NAME,
        "CommitmentDiscountType": "Savings Plan",
        "CommitmentDiscountCategory": "Spend",
        "CommitmentDiscountUnit": "USD",
    }
    purchase = _base_row("aws", "aws-payer", 0)
    purchase.update(sp_common)
    _priced(purchase, SP_HOURLY, SP_HOURLY, Decimal(24 * _SP_DAYS), "Hours")
    purchase.update(
        ChargeCategory="Purchase",
        ChargeFrequency="One-Time",
        PricingCategory="Standard",
        ChargeDescription="1 year All Upfront EC2 Instance Savings Plan (m7g, us-east-1), "
        f"${SP_HOURLY}/hour commitment",
        ChargePeriodStart=int(_us(_SP_START)),
        ChargePeriodEnd=int(_us(_SP_START + _SP_DAYS)),
        BilledCost=SP_PRICE,
        EffectiveCost=Decimal(0),
        CommitmentDiscountQuantity=SP_PRICE,
        ServiceName="Savings Plans for AWS Compute usage",
        ServiceCategory="Compute",
        ServiceSubcategory="Other (Compute)",
        ResourceId=SP_ID,
        ResourceName=SP_NAME,
        ResourceType="Savings Plan",
        RegionId="us-east-1",
        RegionName=REGIONS["us-east-1"],
        SkuId=_code("ComputeSavingsPlans EC2Instance m7g", 16),
        SkuPriceId=_code("ComputeSavingsPlans EC2Instance m7g", 16) + ".VKUJBPZ7B3.6YS6EN2CT7",
        SkuMeter="Savings Plan Upfront Fee",
        SkuPriceDetails='{"x_PurchaseOption":"All Upfront","x_TermYears":1}',
        Tags=_tags(None, "platform", "prod"),
        **{_EXT: "SavingsPlanUpfrontFee"},
    )
    rows.append(purchase)

    od_list = Decimal("2.6112")  # m7g.16xlarge on-demand, us-east-1
    od_contracted = od_list * (100 - ACCOUNTS["aws"].discount_pct) / 100
    sp_rate = Decimal("1.6450")
    daily_commitment = SP_HOURLY * 24
    sku = _code("AmazonEC2 m7g.16xlarge us-east-1 Linux", 16)
    second = np.clip(
        14.0 + 0.9 * np.arange(N_DAYS) / 30.4 + rng.normal(0.0, 1.5, N_DAYS), 4.0, 24.0
    )
    for day in range(N_DAYS):
        month = _month_of_day(day)
        covered = day < _SP_START + _SP_DAYS
        used_total = Decimal(0)
        for n, hours_f in ((1, 24.0), (2, float(second[day]))):
            hours = Decimal(round(hours_f * 4) / 4).quantize(Decimal("0.01"))
            row = _base_row("aws", "aws-storefront", month)
            _priced(row, od_list, od_contracted, hours, "Hours")
            res = f"arn:aws:ec2:us-east-1:345678901234:instance/i-0{_hex(f'sp-{n}', 16)}"
            row.update(
                ChargeCategory="Usage",
                ChargeFrequency="Usage-Based",
                ChargePeriodStart=int(_us(day)),
                ChargePeriodEnd=int(_us(day + 1)),
                ConsumedQuantity=hours,
                ConsumedUnit="Hours",
                ServiceName="Amazon Elastic Compute Cloud",
                ServiceCategory="Compute",
                ServiceSubcategory="Virtual Machines",
                ResourceId=res,
                ResourceName=f"storefront-api-{n:04d}",
                ResourceType="Instance",
                RegionId="us-east-1",
                RegionName=REGIONS["us-east-1"],
                AvailabilityZone=f"us-east-1{'ab'[n - 1]}",
                SkuId=sku,
                SkuPriceId=f"{sku}.JRTCKXETXF.6YS6EN2CT7",
                SkuMeter="Compute Instance: m7g.16xlarge",
                SkuPriceDetails='{"InstanceType":"m7g.16xlarge","OperatingSystem":"Linux"}',
                Tags=_tags("storefront", "web", "prod"),
                **{_EXT: "RunInstances"},
            )
            if covered:
                effective = hours * sp_rate
                used_total += effective
                row.update(sp_common)
                row.update(
                    PricingCategory="Committed",
                    CommitmentDiscountStatus="Used",
                    CommitmentDiscountQuantity=effective,
                    BilledCost=Decimal(0),
                    EffectiveCost=effective,
                    ChargeDescription=f"USD {sp_rate} per hour for m7g.16xlarge covered by "
                    "Savings Plan",
                )
            else:
                row.update(
                    PricingCategory="Standard",
                    BilledCost=row["ContractedCost"],
                    EffectiveCost=row["ContractedCost"],
                    ChargeDescription=f"${od_list} per On Demand Linux m7g.16xlarge Instance Hour",
                )
            rows.append(row)
        if covered:
            unused = daily_commitment - used_total
            if unused <= 0:
                raise AssertionError("Savings Plan must stay under-utilized")
            row = _base_row("aws", "aws-payer", month)
            row.update(sp_common)
            _priced(row, Decimal(1), Decimal(1), unused, "USD")
            row.update(
                ChargeCategory="Usage",
                ChargeFrequency="Usage-Based",
                PricingCategory="Committed",
                CommitmentDiscountStatus="Unused",
                CommitmentDiscountQuantity=unused,
                BilledCost=Decimal(0),
                EffectiveCost=unused,
                ChargePeriodStart=int(_us(day)),
                ChargePeriodEnd=int(_us(day + 1)),
                ChargeDescription="Unused Savings Plan commitment",
                ServiceName="Savings Plans for AWS Compute usage",
                ServiceCategory="Compute",
                ServiceSubcategory="Other (Compute)",
                ResourceId=SP_ID,
                ResourceName=SP_NAME,
                ResourceType="Savings Plan",
                RegionId="us-east-1",
                RegionName=REGIONS["us-east-1"],
                SkuId=purchase["SkuId"],
                SkuPriceId=purchase["SkuPriceId"],
                SkuMeter="Savings Plan Recurring Fee",
                SkuPriceDetails=purchase["SkuPriceDetails"],
                Tags=purchase["Tags"],
                **{_EXT: "SavingsPlanRecurringFee"},
            )
            rows.append(row)

    # --- Azure reserved VM instance: from 2026-01-01, one year, billed monthly (EUR).
    ri_common = {
        "CommitmentDiscountId": RI_ID,
        "CommitmentDiscountName": RI_NAME,
        "CommitmentDiscountType": "Reservation",
        "CommitmentDiscountCategory": "Usage",
        "CommitmentDiscountUnit": "Hours",
    }
    vm_list = Decimal("0.2110")
    vm_sku = "DZH3" + _code("Virtual Machines Dsv5 Series D4s v5", 8)
    vm_common = {
        "ServiceName": "Virtual Machines",
        "ServiceCategory": "Compute",
        "ServiceSubcategory": "Virtual Machines",
        "RegionId": "westeurope",
        "RegionName": REGIONS["westeurope"],
        "SkuId": vm_sku,
        "SkuMeter": "D4s v5",
        "SkuPriceDetails": '{"InstanceType":"Standard_D4s_v5","CoreCount":4}',
        _EXT: "rg-shop-eu-prod",
    }
    ri_sku_id = "DZH3" + _code("Reserved VM Instance Dsv5 Series D4s v5 1 Year", 8)
    ri_sku = {
        "SkuId": ri_sku_id,
        "SkuPriceId": f"{ri_sku_id}/0001",
        "SkuMeter": "D4s v5 Reservation, 1 Year",
        "SkuPriceDetails": (
            '{"InstanceType":"Standard_D4s_v5","x_TermYears":1,"x_BillingPlan":"Monthly"}'
        ),
    }
    vm_id = (
        f"{SUB_ACCOUNTS['az-shop-eu'].id}/resourceGroups/rg-shop-eu-prod/providers/"
        "Microsoft.Compute/virtualMachines/vm-shop-eu-core"
    )
    for month in range(_RI_FIRST_MONTH, N_MONTHS):
        hours = Decimal(int(_DAYS_IN_MONTH[month]) * 24)
        row = _base_row("azure-eur", "az-shop-eu", month)
        row.update(ri_common)
        row.update(vm_common)
        _priced(row, RI_HOURLY, RI_HOURLY, hours, "Hours")
        row.update(
            ChargeCategory="Purchase",
            ChargeFrequency="Recurring",
            PricingCategory="Standard",
            ChargePeriodStart=int(_us(_MONTH_FIRST[month])),
            ChargePeriodEnd=int(_us(_MONTH_FIRST[month + 1])),
            ChargeDescription="Reserved VM Instance, Standard_D4s_v5, EU West, 1 Year, "
            "monthly payment",
            BilledCost=row["ListCost"],
            EffectiveCost=Decimal(0),
            CommitmentDiscountQuantity=hours,
            ResourceId=RI_ID,
            ResourceName=RI_NAME,
            ResourceType="Reservation",
            **ri_sku,
        )
        rows.append(row)
    for day in range(N_DAYS):
        month = _month_of_day(day)
        reserved = day >= _RI_START
        hours = Decimal(20) if reserved and day == _MONTH_FIRST[month] + 14 else Decimal(24)
        row = _base_row("azure-eur", "az-shop-eu", month)
        row.update(vm_common)
        _priced(row, vm_list, vm_list, hours, "Hours")
        row.update(
            ChargeCategory="Usage",
            ChargeFrequency="Usage-Based",
            ChargePeriodStart=int(_us(day)),
            ChargePeriodEnd=int(_us(day + 1)),
            ConsumedQuantity=hours,
            ConsumedUnit="Hours",
            ResourceId=vm_id,
            ResourceName="vm-shop-eu-core",
            ResourceType="Virtual machine",
            SkuPriceId=f"{vm_sku}/0001",
            Tags=_tags("storefront", "web", "prod"),
            ChargeDescription="Virtual Machines Dsv5 Series - D4s v5 - EU West",
        )
        if reserved:
            effective = hours * RI_HOURLY
            row.update(ri_common)
            row.update(
                PricingCategory="Committed",
                CommitmentDiscountStatus="Used",
                CommitmentDiscountQuantity=hours,
                BilledCost=Decimal(0),
                EffectiveCost=effective,
            )
        else:
            row.update(
                PricingCategory="Standard",
                BilledCost=row["ContractedCost"],
                EffectiveCost=row["ContractedCost"],
            )
        rows.append(row)
        if reserved and hours < 24:
            unused_h = 24 - hours
            row = _base_row("azure-eur", "az-shop-eu", month)
            row.update(ri_common)
            row.update(vm_common)
            _priced(row, RI_HOURLY, RI_HOURLY, unused_h, "Hours")
            row.update(
                ChargeCategory="Usage",
                ChargeFrequency="Usage-Based",
                PricingCategory="Committed",
                CommitmentDiscountStatus="Unused",
                CommitmentDiscountQuantity=unused_h,
                BilledCost=Decimal(0),
                EffectiveCost=unused_h * RI_HOURLY,
                ChargePeriodStart=int(_us(day)),
                ChargePeriodEnd=int(_us(day + 1)),
                ChargeDescription="Unused reservation hours, Standard_D4s_v5, EU West",
                ResourceId=RI_ID,
                ResourceName=RI_NAME,
                ResourceType="Reservation",
                **ri_sku,
            )
            rows.append(row)
    return rows


def _correction_rows(bulk: dict[str, Any], vocab: _Vocab) -> list[dict[str, Any]]:
    """Over-bill three API Gateway rows of 2026-02 and refund them in the 2026-03 period."""
    feb, mar = 4, 5
    t = _METER_INDEX["aws-apigw-storefront"]
    candidates = np.flatnonzero((bulk["_meter"] == t) & (bulk["_month"] == feb))
    picked = candidates[np.linspace(0, candidates.size - 1, 3).round().astype(np.int64)]
    rows = []
    for idx in picked:
        original = {c: _row_value(bulk, c, idx, vocab) for c in _ROW_COLUMNS}
        for c in (
            "ConsumedQuantity",
            "PricingQuantity",
            "ListCost",
            "ContractedCost",
            "BilledCost",
            "EffectiveCost",
        ):
            bulk[c][idx] *= 2  # a metering fault counted every request twice
        day = int(bulk["_day"][idx])
        row = _base_row("aws", "aws-storefront", mar)
        for c in (
            "ServiceName",
            "ServiceCategory",
            "ServiceSubcategory",
            "ResourceId",
            "ResourceName",
            "ResourceType",
            "RegionId",
            "RegionName",
            "SkuId",
            "SkuPriceId",
            "SkuMeter",
            "SkuPriceDetails",
            "Tags",
            "ConsumedUnit",
            "PricingUnit",
            "ListUnitPrice",
            "ContractedUnitPrice",
            "PricingCurrencyListUnitPrice",
            "PricingCurrencyContractedUnitPrice",
            _EXT,
            "ChargePeriodStart",
            "ChargePeriodEnd",
        ):
            row[c] = original[c]
        for c in (
            "ConsumedQuantity",
            "PricingQuantity",
            "ListCost",
            "ContractedCost",
            "BilledCost",
            "EffectiveCost",
        ):
            row[c] = -original[c]
        row.update(
            ChargeCategory="Usage",
            ChargeClass="Correction",
            ChargeFrequency="Usage-Based",
            PricingCategory="Standard",
            ChargeDescription="Refund of duplicated API Gateway request metering on "
            f"{FIRST_DAY + timedelta(days=day)}",
        )
        rows.append(row)
    return rows


_ROW_COLUMNS = [c for c, _, _ in FOCUS_COLUMNS] + [_EXT]


def _row_value(cols: dict[str, Any], column: str, idx: int, vocab: _Vocab) -> Any:
    """Python value of one cell of the bulk columns (Decimal for decimals)."""
    v = cols.get(column)
    if v is None or isinstance(v, str):
        return v
    kind = _KINDS.get(column, "str")
    x = int(v[idx])
    if kind == "dec":
        return None if x == _NULL else Decimal(x).scaleb(-_SCALE[column])
    if kind == "ts":
        return x
    return vocab.text(x)


_KINDS = {c: k for c, k, _ in FOCUS_COLUMNS}


def _prepaid_rows(bulk: dict[str, Any], vocab: _Vocab) -> list[dict[str, Any]]:
    """Nimbus AI prepaid credits bought 2026-01, drawn down by usage until used up.

    Drawn-down usage rows keep their costs but have BilledCost 0 (paid by the purchase). The
    usage row during which the credits run out is split in two: the covered part and the
    billed rest. Returns the purchase row and the covered part of the split row.
    """
    jan = 3
    acct = _ACCOUNT_ORDER.index("nimbus")
    rows_after = np.flatnonzero((bulk["_account"] == acct) & (bulk["_month"] >= jan))
    order = rows_after[np.lexsort((rows_after, bulk["_day"][rows_after]))]
    cum = list(itertools.accumulate(bulk["EffectiveCost"][order].tolist()))  # exact ints
    unit = 10**12 * 1000  # $1,000 at scale 12
    amount = max(unit, (cum[-1] // 4) // unit * unit)
    while True:
        cut = bisect.bisect_right(cum, amount)  # first row not fully covered by the credits
        if cut >= order.size:
            raise AssertionError("prepaid credits must run out within the data")
        before = cum[cut - 1] if cut else 0
        idx = int(order[cut])
        covered_qty = (amount - before) // int(bulk["ContractedUnitPrice"][idx])
        if covered_qty > 0:
            break
        amount += unit
    bulk["BilledCost"][order[:cut]] = 0
    # Split the row where the credits run out: covered part (new row), billed rest (in place).
    part = {c: _row_value(bulk, c, idx, vocab) for c in _ROW_COLUMNS}
    part.update(
        _month=int(bulk["_month"][idx]), _account=acct, _provider=_PROVIDER_ORDER.index("nimbus-ai")
    )
    per_unit = int(bulk["ConsumedQuantity"][idx]) // int(bulk["PricingQuantity"][idx])
    q_total = int(bulk["PricingQuantity"][idx])
    rest_qty = q_total - covered_qty
    covered = Decimal(covered_qty).scaleb(-6)
    part.update(
        PricingQuantity=covered,
        ConsumedQuantity=Decimal(covered_qty * per_unit).scaleb(-6),
        ListCost=part["ListUnitPrice"] * covered,
        ContractedCost=part["ContractedUnitPrice"] * covered,
        BilledCost=Decimal(0),
        EffectiveCost=Decimal(amount - before).scaleb(-12),
    )
    bulk["PricingQuantity"][idx] = rest_qty
    bulk["ConsumedQuantity"][idx] = rest_qty * per_unit
    for c, price in (("ListCost", "ListUnitPrice"), ("ContractedCost", "ContractedUnitPrice")):
        bulk[c][idx] = bulk[price][idx] * rest_qty
    bulk["BilledCost"][idx] = bulk["ContractedCost"][idx]
    bulk["EffectiveCost"][idx] = bulk["ContractedCost"][idx]

    total = Decimal(amount).scaleb(-12)
    purchase = _base_row("nimbus", None, jan)
    _priced(purchase, Decimal(1), Decimal(1), total, "Credits")
    purchase.update(
        ChargeCategory="Purchase",
        ChargeFrequency="One-Time",
        PricingCategory="Standard",
        ChargePeriodStart=int(_us(_MONTH_FIRST[jan])),
        ChargePeriodEnd=int(_us(_MONTH_FIRST[jan] + 365)),
        ChargeDescription=f"Prepaid token credits, USD {total:,.2f}, valid 12 months",
        BilledCost=total,
        EffectiveCost=Decimal(0),
        ServiceName="Nimbus AI Platform",
        ServiceCategory="AI and Machine Learning",
        ServiceSubcategory="Generative AI",
        ResourceId=f"grant_{_hex('prepaid-2026', 12)}",
        ResourceName="Prepaid credits 2026",
        ResourceType="Credit Grant",
        SkuId="NMB-" + _code("prepaid credits", 8),
        SkuPriceId="NMB-" + _code("prepaid credits", 8) + "-USD",
        SkuMeter="Prepaid Credits",
        SkuPriceDetails='{"x_ValidityMonths":12}',
    )
    return [purchase, part]


def _fee_rows(bulk: dict[str, Any], others: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Support fees, credits and tax (computed from the other rows of each invoice)."""
    n_acct = len(ACCOUNTS)
    meter_names = np.array([m.service for m in METERS])
    groups = bulk["_account"] * N_MONTHS + bulk["_month"]
    sums: dict[str, list[int]] = {
        c: _group_sums(bulk[c], groups, n_acct * N_MONTHS)
        for c in ("BilledCost", "EffectiveCost", "ListCost", "ContractedCost")
    }
    service_billed: dict[tuple[str, int, int], int] = {}

    def add_service(account: int, month: int, service: str, value: int) -> None:
        key = (service, account, month)
        service_billed[key] = service_billed.get(key, 0) + value

    for service in ("Amazon Elastic Compute Cloud", "Compute Engine"):
        sel = (meter_names == service)[bulk["_meter"]]
        per = _group_sums(bulk["BilledCost"][sel], groups[sel], n_acct * N_MONTHS)
        for g, v in enumerate(per):
            add_service(g // N_MONTHS, g % N_MONTHS, service, v)
    category_usage = _group_sums(bulk["BilledCost"], groups, n_acct * N_MONTHS)

    def add_row(row: dict[str, Any]) -> None:
        g = row["_account"] * N_MONTHS + row["_month"]
        # list and contracted cost count either a prepaid purchase or the usage it covers
        prepaid = row["ChargeCategory"] == "Purchase" and row["EffectiveCost"] == 0
        for c in sums:
            if not (prepaid and c in ("ListCost", "ContractedCost")):
                sums[c][g] += _scaled(row[c], 12)
        if (
            row.get("ServiceName") == "Amazon Elastic Compute Cloud"
            and row["ChargeCategory"] == "Usage"
        ):
            add_service(
                row["_account"], row["_month"], row["ServiceName"], _scaled(row["BilledCost"], 12)
            )

    for row in others:
        add_row(row)

    rows: list[dict[str, Any]] = []
    cent = 10**10  # one cent at scale 12
    # Support: AWS Business (tiered % of monthly usage), Google Cloud Enhanced Support.
    for key in _SUPPORT_ACCOUNTS:
        a = _ACCOUNT_ORDER.index(key)
        for month in range(N_MONTHS):
            usage = category_usage[a * N_MONTHS + month] / 10**12
            if key == "aws":
                fee = (
                    0.10 * min(usage, 10_000)
                    + 0.07 * min(max(usage - 10_000, 0), 70_000)
                    + 0.05 * max(usage - 80_000, 0)
                )
                fee = max(fee, 100.0)
                name, sku, meter = "AWS Support (Business)", "AWSSupportBusiness", "Business"
                sub = "aws-payer"
            else:
                fee = max(500.0, 0.03 * usage)
                name, sku, meter = "Cloud Customer Care", "Enhanced Support", "Enhanced"
                sub = None
            amount = Decimal(round(fee * 100)) / 100
            row = _base_row(key, sub, month)
            _priced(row, amount, amount, Decimal(1), "Month")
            row.update(
                ChargeCategory="Purchase",
                ChargeFrequency="Recurring",
                PricingCategory="Standard",
                BilledCost=amount,
                EffectiveCost=amount,
                ChargePeriodStart=row["BillingPeriodStart"],
                ChargePeriodEnd=row["BillingPeriodEnd"],
                ChargeDescription=f"{name} plan, {period_label(month)}",
                ServiceName=name,
                ServiceCategory="Management and Governance",
                ServiceSubcategory="Support",
                SkuId=_code(sku, 16) if key == "aws" else _sku_code_gcp(sku),
                SkuMeter=f"{meter} Support",
            )
            row["SkuPriceId"] = f"{row['SkuId']}.MONTHLY"
            rows.append(row)
            add_row(row)
    # Credits: negative, applied after the fact, untagged.
    for key, months in _CREDIT_PLAN:
        a = _ACCOUNT_ORDER.index(key)
        for month in months:
            if key == "aws":
                base = service_billed.get(("Amazon Elastic Compute Cloud", a, month), 0)
                pct, desc = 12, "AWS Migration Acceleration Program credit"
                service, cat, subcat = (
                    "Amazon Elastic Compute Cloud",
                    "Compute",
                    "Virtual Machines",
                )
                sub: str | None = "aws-payer"
            elif key == "gcp-usd":
                base = service_billed.get(("Compute Engine", a, month), 0)
                pct, desc = 20, "Promotional credit: Google Cloud search migration"
                service, cat, subcat = "Compute Engine", "Compute", "Virtual Machines"
                sub = None
            else:
                base = sums["EffectiveCost"][a * N_MONTHS + month - 1]
                pct, desc = 5, "Service credit for the 2026-06-11 availability incident"
                service, cat, subcat = (
                    "Nimbus AI Platform",
                    "AI and Machine Learning",
                    "Generative AI",
                )
                sub = None
            amount = -Decimal(_round_half_up(base * pct, 100 * cent)) / 100
            row = _base_row(key, sub, month)
            row.update(
                ChargeCategory="Credit",
                ChargeFrequency="One-Time",
                BilledCost=amount,
                EffectiveCost=amount,
                ListCost=amount,
                ContractedCost=amount,
                ChargePeriodStart=row["BillingPeriodStart"],
                ChargePeriodEnd=row["BillingPeriodEnd"],
                ChargeDescription=desc,
                ServiceName=service,
                ServiceCategory=cat,
                ServiceSubcategory=subcat,
            )
            rows.append(row)
            add_row(row)
    # Tax: one row per invoice (billing account and period), computed from its other rows.
    for key in _ACCOUNT_ORDER:
        acct = ACCOUNTS[key]
        a = _ACCOUNT_ORDER.index(key)
        for month in range(N_MONTHS):
            g = a * N_MONTHS + month
            row = _base_row(key, None, month)
            for c in ("BilledCost", "EffectiveCost", "ListCost", "ContractedCost"):
                row[c] = Decimal(_round_half_up(sums[c][g] * acct.tax_bp, 10_000 * cent)) / 100
            row.update(
                ChargeCategory="Tax",
                ChargeFrequency="Recurring",
                ChargePeriodStart=row["BillingPeriodStart"],
                ChargePeriodEnd=row["BillingPeriodEnd"],
                ChargeDescription=f"{acct.tax_name} {Decimal(acct.tax_bp) / 100:.2f}%",
                ServiceName="Tax",
                ServiceCategory="Other",
                ServiceSubcategory="Other (Other)",
            )
            rows.append(row)
    return rows


def _sku_code_gcp(name: str) -> str:
    c = _code(name, 12)
    return f"{c[:4]}-{c[4:8]}-{c[8:]}"


def _rows_to_columns(rows: list[dict[str, Any]], vocab: _Vocab) -> dict[str, Any]:
    """Column arrays (codes, scaled integers, microseconds) of row dictionaries."""
    cols: dict[str, Any] = {}
    for c, kind, _ in FOCUS_COLUMNS:
        values = [r.get(c) for r in rows]
        if kind == "dec":
            cols[c] = np.array([_scaled(v, _SCALE[c]) for v in values], dtype=np.int64)
        elif kind == "ts":
            cols[c] = np.array(values, dtype=np.int64)
        else:
            cols[c] = vocab.codes(values)
    cols[_EXT] = vocab.codes(r.get(_EXT) for r in rows)
    cols["PricingCurrencyEffectiveCost"] = cols["EffectiveCost"].copy()
    for c in ("_month", "_account", "_provider"):
        cols[c] = np.array([r[c] for r in rows], dtype=np.int64)
    return cols


# --------------------------------------------------------------------------------------------
# Arrow conversion and Parquet output
# --------------------------------------------------------------------------------------------


def _decimal_array(values: np.ndarray, scale: int) -> pa.Array:
    mask = values == _NULL
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


def focus_schema(ext_column: str | None = None) -> pa.Schema:
    """Arrow schema of the demo FOCUS files (57 FOCUS 1.2 columns, then the extension)."""
    types = {"str": pa.string(), "json": pa.string(), "dec": DECIMAL_TYPE, "ts": TIMESTAMP_TYPE}
    fields = [pa.field(c, types[k], nullable=n) for c, k, n in FOCUS_COLUMNS]
    if ext_column:
        fields.append(pa.field(ext_column, pa.string()))
    return pa.schema(fields)


def _write_focus(out: Path, cols: dict[str, np.ndarray], vocab: _Vocab) -> list[Path]:
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
        provider = PROVIDERS[_PROVIDER_ORDER[int(cols["_provider"][lo])]]
        month = int(cols["_month"][lo])
        schema = focus_schema(provider.ext_column)
        arrays = []
        for c, kind, _ in FOCUS_COLUMNS:
            v = cols[c][idx]
            if kind == "dec":
                arrays.append(_decimal_array(v, _SCALE[c]))
            elif kind == "ts":
                arrays.append(pa.array(v, type=pa.int64()).view(TIMESTAMP_TYPE))
            else:
                arrays.append(_string_array(v, dictionary))
        arrays.append(_string_array(cols[_EXT][idx], dictionary))
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
# Business value data
# --------------------------------------------------------------------------------------------

VALUE_METRICS: dict[str, tuple[tuple[str, str, str], ...]] = {
    # scope -> (metric, unit, source)
    "storefront": (
        ("api_calls", "Requests", "api-gateway-logs"),
        ("revenue", "USD", "billing-system"),
        ("customers", "Count", "crm"),
        ("active_users", "Count", "product-analytics"),
        ("transactions", "Count", "orders-db"),
        ("authorized_users", "Count", "identity-provider"),
    ),
    "search": (
        ("api_calls", "Requests", "api-gateway-logs"),
        ("revenue", "USD", "billing-system"),
        ("customers", "Count", "crm"),
        ("active_users", "Count", "product-analytics"),
        ("seats", "Count", "license-server"),
        ("authorized_users", "Count", "identity-provider"),
    ),
    "assistant": (
        ("api_calls", "Requests", "api-gateway-logs"),
        ("tokens", "Tokens", "ai-gateway-logs"),
        ("revenue", "USD", "billing-system"),
        ("customers", "Count", "crm"),
        ("active_users", "Count", "product-analytics"),
        ("assists", "Count", "support-desk"),
        ("cases_resolved", "Count", "support-desk"),
        ("cases_deflected", "Count", "support-desk"),
        ("ai_financial_benefit", "USD", "finance-model"),
        ("alternative_daily_cost", "USD", "finance-model"),
        ("service_requests", "Count", "support-desk"),
        ("agent_actions", "Count", "agent-runtime"),
        ("seats", "Count", "license-server"),
        ("authorized_users", "Count", "identity-provider"),
    ),
    "data-platform": (
        ("gb_stored", "GB", "storage-inventory"),
        ("active_users", "Count", "product-analytics"),
        ("revenue", "USD", "finance-attribution"),
        ("data_value_index", "Index", "data-catalog"),
        ("workloads", "Count", "orchestrator"),
        ("authorized_users", "Count", "identity-provider"),
    ),
}
_GIB_IN_GB = 1.073741824


def _daily(bulk: dict[str, Any], keys: Sequence[str], storage: bool = False) -> np.ndarray:
    """Daily consumed quantity of meters, adding up to the billed quantity of every month.

    Months where the bill has a row for every day keep the billed daily values; in smaller
    demo sizes, where days are missing, the month's billed total is spread over its days.
    """
    total = np.zeros(N_DAYS)
    for key in keys:
        meter = METERS[_METER_INDEX[key]]
        sel = bulk["_meter"] == _METER_INDEX[key]
        days = bulk["_day"][sel]
        qty = bulk["ConsumedQuantity"][sel] / 1e6
        if storage:  # per-day GB-month share -> GB stored that day
            qty = qty * _DAYS_IN_MONTH[_DAY_MONTH[days]]
            if meter.consumed_unit.startswith("GiB"):
                qty = qty * _GIB_IN_GB
        day_sum = np.bincount(days, weights=qty, minlength=N_DAYS)
        present = np.bincount(days, minlength=N_DAYS) > 0
        complete = np.bincount(_DAY_MONTH, weights=present, minlength=N_MONTHS) == _DAYS_IN_MONTH
        month_sum = np.bincount(_DAY_MONTH, weights=day_sum, minlength=N_MONTHS)
        shape = np.ones(N_DAYS)
        if meter.product in _DOW and meter.kind in ("count", "amount"):
            shape = np.asarray(_DOW[meter.product])[_WEEKDAY]
        spread = (month_sum / np.bincount(_DAY_MONTH, weights=shape))[_DAY_MONTH] * shape
        total += np.where(complete[_DAY_MONTH], day_sum, spread)
    return total


def _monthly(values: np.ndarray) -> np.ndarray:
    """Daily array holding each month's value of a per-month array."""
    return np.asarray(values)[_DAY_MONTH]


def _value_series(
    bulk: dict[str, Any], scale: float, rng: np.random.Generator
) -> dict[tuple[str, str], np.ndarray]:
    """Daily business metrics per (scope, metric), correlated with the billed usage.

    Flows (API calls, transactions, service requests, ...) vary by day; stocks (customers,
    seats, authorized users) are the month's figure reported as each day's snapshot, so their
    monthly value is an average of days, not a sum. Newer series draw their noise after the
    older ones, so adding a metric leaves the values of the others unchanged.
    """

    def noise(sigma: float) -> np.ndarray:
        return rng.normal(1.0, sigma, N_DAYS)

    m = _DAY_MONTH.astype(np.float64)
    days_in_month = _monthly(_DAYS_IN_MONTH).astype(np.float64)
    s: dict[tuple[str, str], np.ndarray] = {}

    api = _daily(bulk, ["aws-apigw-storefront"]) * noise(0.004)
    users = api / 58 * noise(0.02)
    season = np.zeros(N_MONTHS)
    season[1], season[2] = 4.0, 7.0
    transactions = users * (0.015 + 0.0002 * m) * noise(0.03)
    revenue_sf = transactions * (54.0 + _monthly(season)) * noise(0.02)
    mau = np.bincount(_DAY_MONTH, weights=users) / 3.4  # a customer visits 3.4 days a month
    s["storefront", "api_calls"] = api
    s["storefront", "revenue"] = revenue_sf
    s["storefront", "customers"] = _monthly(mau)
    s["storefront", "active_users"] = users
    s["storefront", "transactions"] = transactions

    api = _daily(bulk, ["aws-apigw-search"]) * noise(0.004)
    revenue_search = api * 0.00085 * noise(0.01)
    s["search", "api_calls"] = api
    s["search", "revenue"] = revenue_search
    search_customers = 310 * scale * _growth_curve("search") ** 0.7
    s["search", "customers"] = _monthly(search_customers)
    s["search", "active_users"] = api / 110 * noise(0.02)

    api = _daily(bulk, ["aws-apigw-assistant"]) * noise(0.004)
    assists = api / 12 * noise(0.01)
    customers = 820 * scale * _growth_curve("assistant") ** 0.8
    resolved = assists * (0.30 + 0.012 * m) * noise(0.02)
    deflected = resolved * 0.40 * noise(0.02)
    s["assistant", "api_calls"] = api
    s["assistant", "tokens"] = _daily(bulk, ["nimbus-large-input", "nimbus-large-output"]) * noise(
        0.003
    )
    s["assistant", "revenue"] = _monthly(customers * 450) / days_in_month * noise(0.01)
    s["assistant", "customers"] = _monthly(customers)
    s["assistant", "active_users"] = assists / 1.8 * noise(0.02)
    s["assistant", "assists"] = assists
    s["assistant", "cases_resolved"] = resolved
    s["assistant", "cases_deflected"] = deflected
    s["assistant", "ai_financial_benefit"] = deflected * 2.50
    s["assistant", "alternative_daily_cost"] = _monthly(7_500 * scale * 1.003 ** np.arange(13))

    weekend = np.where(_WEEKDAY >= 5, 0.35, 1.0)
    storage_keys = [
        mt.key for mt in METERS if mt.product == "data-platform" and mt.kind == "storage"
    ]
    s["data-platform", "gb_stored"] = _daily(bulk, storage_keys, storage=True)
    s["data-platform", "active_users"] = 140 * np.sqrt(scale) * 1.03**m * weekend * noise(0.05)
    s["data-platform", "revenue"] = 0.035 * revenue_sf + 0.08 * revenue_search
    s["data-platform", "data_value_index"] = 480 * scale * 1.02**m * noise(0.05)

    # Added later: their noise comes after every series above (see the docstring).
    months = np.arange(N_MONTHS, dtype=np.float64)
    s["assistant", "service_requests"] = assists * 0.5 * noise(0.02)
    s["assistant", "agent_actions"] = assists * (1.6 + 0.06 * m) * noise(0.03)
    workload_days = np.where(_WEEKDAY >= 5, 0.55, 1.0)
    s["data-platform", "workloads"] = 1_900 * scale * 1.04**m * workload_days * noise(0.03)
    # licensed seats of the B2B products' customers (their staff), counted monthly
    search_seats = np.round(search_customers * 6)
    s["search", "seats"] = _monthly(search_seats)
    s["assistant", "seats"] = _monthly(np.round(customers * 3))
    s["storefront", "authorized_users"] = _monthly(np.round(mau * (5.0 + 0.05 * months)))
    # people allowed to sign in: a multiple of the month's active users (2.5 and 4 visits a
    # month), always more than the busiest day's
    search_mau = np.bincount(_DAY_MONTH, weights=s["search", "active_users"]) / 2.5
    s["search", "authorized_users"] = _monthly(np.round(search_mau * (2.0 + 0.03 * months)))
    assistant_mau = np.bincount(_DAY_MONTH, weights=s["assistant", "active_users"]) / 4
    s["assistant", "authorized_users"] = _monthly(np.round(assistant_mau * (1.5 + 0.02 * months)))
    s["data-platform", "authorized_users"] = _monthly(np.round(420 * np.sqrt(scale) * 1.02**months))
    return s


_VALUE_DECIMALS = {"USD": 2, "GB": 3, "Index": 2}


def _write_values(path: Path, series: dict[tuple[str, str], np.ndarray]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    dates = [(FIRST_DAY + timedelta(days=d)).isoformat() for d in range(N_DAYS)]
    n = 0
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(VALUE_COLUMNS)
        for d, day in enumerate(dates):
            for scope in sorted(VALUE_METRICS):
                for metric, unit, source in sorted(VALUE_METRICS[scope]):
                    v = max(float(series[scope, metric][d]), 0.0)
                    decimals = _VALUE_DECIMALS.get(unit, 0)
                    writer.writerow([day, scope, metric, f"{v:.{decimals}f}", unit, source])
                    n += 1
    return n


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------


def _assemble(parts: Sequence[dict[str, Any]], vocab: _Vocab) -> dict[str, np.ndarray]:
    """Concatenate column dictionaries (emptying them), broadcasting scalars, filling nulls."""
    out: dict[str, np.ndarray] = {}
    sizes = [len(p["_month"]) for p in parts]
    for c in [*_ROW_COLUMNS, "_month", "_account", "_provider"]:
        kind = _KINDS.get(c, "int" if c.startswith("_") else "str")
        chunks = []
        for p, size in zip(parts, sizes, strict=True):
            v = p.pop(c, None)  # free the source column as soon as it is copied
            if isinstance(v, np.ndarray):
                chunks.append(v)
            elif kind in ("str", "json"):
                chunks.append(np.full(size, vocab.code(v), dtype=np.int32))
            elif kind == "dec" and v is None:
                chunks.append(np.full(size, _NULL, dtype=np.int64))
            else:
                raise AssertionError(f"column {c} missing")
        out[c] = np.concatenate(chunks)
    return out


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
    vocab = _Vocab()
    rng = np.random.default_rng([seed, 0])
    bulk, scale = _bulk_usage(rng, n - FIXED_ROWS, vocab)
    series = _value_series(bulk, scale, np.random.default_rng([seed, 1]))
    extra = _commitment_rows(rng)
    extra += _correction_rows(bulk, vocab)
    extra += _prepaid_rows(bulk, vocab)
    extra += _fee_rows(bulk, extra)
    bulk["PricingCurrencyEffectiveCost"] = bulk["EffectiveCost"]
    cols = _assemble([bulk, _rows_to_columns(extra, vocab)], vocab)
    if cols["_month"].size != n:
        raise AssertionError(f"generated {cols['_month'].size} rows instead of {n}")

    paths = _write_focus(out, cols, vocab)
    values_path = out / "values" / "business_metrics.csv"
    value_rows = _write_values(values_path, series)
    readme = out / "README.md"
    readme.write_text(_README.format(rows=n, seed=seed), encoding="utf-8")
    return _summary(out, cols, vocab, paths, values_path, value_rows, readme, seed)


_README = """# unitcost demo data (synthetic)

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


def _summary(
    out: Path,
    cols: dict[str, np.ndarray],
    vocab: _Vocab,
    paths: list[Path],
    values_path: Path,
    value_rows: int,
    readme: Path,
    seed: int,
) -> dict[str, Any]:
    providers = {}
    counts = np.bincount(cols["_provider"], minlength=len(PROVIDERS))
    for i, slug in enumerate(_PROVIDER_ORDER):
        providers[slug] = {"provider_name": PROVIDERS[slug].name, "rows": int(counts[i])}
    per_account = {
        c: _group_sums(cols[c], cols["_account"], len(ACCOUNTS))
        for c in ("BilledCost", "EffectiveCost")
    }
    totals: dict[str, dict[str, Decimal]] = {}
    for a, key in enumerate(_ACCOUNT_ORDER):
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
