"""Rows built one by one: corrections, support fees, credits and tax."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from decimal import Decimal
from typing import Any

import numpy as np

from unitcost.demo.catalog import (
    ACCOUNT_ORDER,
    ACCOUNTS,
    METER_INDEX,
    METERS,
    PROVIDER_ORDER,
    PROVIDERS,
    SUB_ACCOUNTS,
    code,
    invoice_id,
    sku_code_gcp,
)
from unitcost.demo.schema import EXT, round_half_up, scaled
from unitcost.demo.timeline import FIRST_DAY, MONTH_FIRST, N_MONTHS, period_label, us
from unitcost.demo.usage import Draws, UsageTotals, row_dicts

_SUM_COLUMNS = ("BilledCost", "EffectiveCost", "ListCost", "ContractedCost")
CREDIT_PLAN = (("aws", tuple(range(6))), ("gcp-usd", (4, 5, 6)), ("nimbus", (9,)))
N_CREDIT_ROWS = sum(len(months) for _, months in CREDIT_PLAN)
SUPPORT_ACCOUNTS = ("aws", "gcp-usd")
# The service of Nimbus AI's rows built one by one (credit, prepaid purchase, split deployment).
NIMBUS_SERVICE = {
    "ServiceName": "Nimbus AI Platform",
    "ServiceCategory": "AI and Machine Learning",
    "ServiceSubcategory": "Generative AI",
}


def base_row(account_key: str, sub_key: str | None, month: int) -> dict[str, Any]:
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
        "BillingPeriodStart": int(us(MONTH_FIRST[month])),
        "BillingPeriodEnd": int(us(MONTH_FIRST[month + 1])),
        "_month": month,
        "_account": ACCOUNT_ORDER.index(account_key),
        "_provider": PROVIDER_ORDER.index(acct.provider),
    }


def priced(
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


FEB, MAR = 4, 5  # billing periods of the over-billed rows and of their correction
CORRECTED_METER = METER_INDEX["aws-apigw-storefront"]
DOUBLED_COLUMNS = (
    "ConsumedQuantity",
    "PricingQuantity",
    "ListCost",
    "ContractedCost",
    "BilledCost",
    "EffectiveCost",
)
_COPIED_COLUMNS = (
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
    EXT,
    "ChargePeriodStart",
    "ChargePeriodEnd",
)


class Corrections:
    """Three API Gateway rows of 2026-02 over-billed (every request counted twice) and
    refunded by Correction rows in the 2026-03 billing period."""

    def __init__(self, draws: Draws) -> None:
        t = CORRECTED_METER
        n = int(draws.layout.counts[t, FEB])
        self.picked = np.linspace(0, n - 1, 3).round().astype(np.int64)  # rows of the group
        self._originals = row_dicts(draws, t, FEB, self.picked.tolist())
        self.rows: list[dict[str, Any]] = []
        for original in self._originals:
            row = base_row("aws", "aws-storefront", MAR)
            for c in _COPIED_COLUMNS:
                row[c] = original[c]
            for c in DOUBLED_COLUMNS:
                row[c] = -original[c]
            row.update(
                ChargeCategory="Usage",
                ChargeClass="Correction",
                ChargeFrequency="Usage-Based",
                PricingCategory="Standard",
                ChargeDescription="Refund of duplicated API Gateway request metering on "
                f"{FIRST_DAY + timedelta(days=original['_day'])}",
            )
            self.rows.append(row)

    def apply(self, r: dict[str, np.ndarray]) -> None:
        """Double the over-billed rows among usage rows `r` (in place)."""
        hit = (r["t"] == CORRECTED_METER) & (r["m"] == FEB) & np.isin(r["i"], self.picked)
        if hit.any():
            for c in DOUBLED_COLUMNS:
                r[c][hit] *= 2

    def adjust(self, sums: dict[str, list[int]]) -> None:
        """Add what the doubling adds to the usage sums per (account, billing period)."""
        for original in self._originals:
            g = original["_account"] * N_MONTHS + FEB
            for c in ("BilledCost", "EffectiveCost", "ListCost", "ContractedCost"):
                sums[c][g] += scaled(original[c], 12)


def usage_sums(
    usage: UsageTotals, adjustments: Sequence[Any]
) -> tuple[dict[str, list[int]], dict[tuple[str, int, int], int]]:
    """Cost of the usage rows per (account, billing period) as written, and the billed cost of
    EC2 and Compute Engine usage per (service, account, billing period)."""
    n = len(ACCOUNTS) * N_MONTHS
    sums: dict[str, list[int]] = {c: [0] * n for c in _SUM_COLUMNS}
    service_billed: dict[tuple[str, int, int], int] = {}
    for t, meter in enumerate(METERS):
        a = ACCOUNT_ORDER.index(meter.account)
        for month in range(N_MONTHS):
            cost = usage.cost(t, month)
            g = a * N_MONTHS + month
            for c in ("BilledCost", "EffectiveCost", "ContractedCost"):
                sums[c][g] += cost
            sums["ListCost"][g] += usage.list_cost[t][month]
            if meter.service in ("Amazon Elastic Compute Cloud", "Compute Engine"):
                key = (meter.service, a, month)
                service_billed[key] = service_billed.get(key, 0) + cost
    for adjustment in adjustments:
        adjustment.adjust(sums)
    return sums, service_billed


def fee_rows(
    usage_cost: dict[str, list[int]],
    usage_service_billed: dict[tuple[str, int, int], int],
    others: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Support fees, credits and tax (computed from the other rows of each invoice).

    `usage_cost` and `usage_service_billed` are the usage rows' sums (see `usage_sums`);
    `others` the rows built one by one so far.
    """
    sums = {c: list(v) for c, v in usage_cost.items()}
    category_usage = list(usage_cost["BilledCost"])
    service_billed = dict(usage_service_billed)

    def add_service(account: int, month: int, service: str, value: int) -> None:
        key = (service, account, month)
        service_billed[key] = service_billed.get(key, 0) + value

    def add_row(row: dict[str, Any]) -> None:
        g = row["_account"] * N_MONTHS + row["_month"]
        # list and contracted cost count either a prepaid purchase or the usage it covers
        prepaid = row["ChargeCategory"] == "Purchase" and row["EffectiveCost"] == 0
        for c in sums:
            if not (prepaid and c in ("ListCost", "ContractedCost")):
                sums[c][g] += scaled(row[c], 12)
        if (
            row.get("ServiceName") == "Amazon Elastic Compute Cloud"
            and row["ChargeCategory"] == "Usage"
        ):
            add_service(
                row["_account"], row["_month"], row["ServiceName"], scaled(row["BilledCost"], 12)
            )

    for row in others:
        add_row(row)

    rows: list[dict[str, Any]] = []
    cent = 10**10  # one cent at scale 12
    # Support: AWS Business (tiered % of monthly usage), Google Cloud Enhanced Support.
    for key in SUPPORT_ACCOUNTS:
        a = ACCOUNT_ORDER.index(key)
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
            row = base_row(key, sub, month)
            priced(row, amount, amount, Decimal(1), "Month")
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
                SkuId=code(sku, 16) if key == "aws" else sku_code_gcp(sku),
                SkuMeter=f"{meter} Support",
            )
            row["SkuPriceId"] = f"{row['SkuId']}.MONTHLY"
            rows.append(row)
            add_row(row)
    # Credits: negative, applied after the fact, untagged.
    for key, months in CREDIT_PLAN:
        a = ACCOUNT_ORDER.index(key)
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
                service, cat, subcat = NIMBUS_SERVICE.values()
                sub = None
            amount = -Decimal(round_half_up(base * pct, 100 * cent)) / 100
            row = base_row(key, sub, month)
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
    for key in ACCOUNT_ORDER:
        acct = ACCOUNTS[key]
        a = ACCOUNT_ORDER.index(key)
        for month in range(N_MONTHS):
            g = a * N_MONTHS + month
            row = base_row(key, None, month)
            for c in ("BilledCost", "EffectiveCost", "ListCost", "ContractedCost"):
                row[c] = Decimal(round_half_up(sums[c][g] * acct.tax_bp, 10_000 * cent)) / 100
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
