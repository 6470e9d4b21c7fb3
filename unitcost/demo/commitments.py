"""Commitments: an AWS Savings Plan (all upfront), an Azure reservation (monthly) and Nimbus AI
prepaid credits, with their used and unused amortization adding up to the purchase price."""

from __future__ import annotations

import bisect
import itertools
from decimal import Decimal
from typing import Any

import numpy as np

from unitcost.demo.catalog import (
    ACCOUNT_ORDER,
    ACCOUNTS,
    METERS,
    REGIONS,
    SUB_ACCOUNTS,
    code,
    guid,
    hex_id,
)
from unitcost.demo.charges import NIMBUS_SERVICE, base_row, priced
from unitcost.demo.resources import tags_json
from unitcost.demo.schema import EXT
from unitcost.demo.timeline import DAYS_IN_MONTH, MONTH_FIRST, N_DAYS, N_MONTHS, month_of_day, us
from unitcost.demo.usage import METER_ACCOUNT, Draws, UsageTotals, row_dicts, rows_range

SP_START, SP_DAYS = 0, 365  # Savings Plan term: 2025-10-01 .. 2026-10-01
RI_FIRST_MONTH = 3  # Azure reservation starts 2026-01-01, paid monthly
N_SP_ROWS = SP_DAYS * 3 + (N_DAYS - SP_DAYS) * 2 + 1
RI_START = int(MONTH_FIRST[RI_FIRST_MONTH])
N_RI_ROWS = RI_START + (N_DAYS - RI_START) + 2 * (N_MONTHS - RI_FIRST_MONTH)


SP_ID = "arn:aws:savingsplans::210987654321:savingsplan/" + guid(
    "storefront-ec2-instance-savings-plan"
)
SP_NAME = "storefront-m7g-us-east-1-1yr-all-upfront"
SP_HOURLY = Decimal("3.50")
SP_PRICE = SP_HOURLY * 24 * SP_DAYS  # all upfront, 365 days
RI_ID = (
    f"/providers/Microsoft.Capacity/reservationOrders/{guid('ri-order-shop-eu')}"
    f"/reservations/{guid('ri-shop-eu')}"
)
RI_NAME = "vm-shop-eu-d4s-v5-1yr-monthly"
RI_HOURLY = Decimal("0.1270")


def commitment_rows(rng: np.random.Generator) -> list[dict[str, Any]]:
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
    purchase = base_row("aws", "aws-payer", 0)
    purchase.update(sp_common)
    priced(purchase, SP_HOURLY, SP_HOURLY, Decimal(24 * SP_DAYS), "Hours")
    purchase.update(
        ChargeCategory="Purchase",
        ChargeFrequency="One-Time",
        PricingCategory="Standard",
        ChargeDescription="1 year All Upfront EC2 Instance Savings Plan (m7g, us-east-1), "
        f"${SP_HOURLY}/hour commitment",
        ChargePeriodStart=int(us(SP_START)),
        ChargePeriodEnd=int(us(SP_START + SP_DAYS)),
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
        SkuId=code("ComputeSavingsPlans EC2Instance m7g", 16),
        SkuPriceId=code("ComputeSavingsPlans EC2Instance m7g", 16) + ".VKUJBPZ7B3.6YS6EN2CT7",
        SkuMeter="Savings Plan Upfront Fee",
        SkuPriceDetails='{"x_PurchaseOption":"All Upfront","x_TermYears":1}',
        Tags=tags_json(None, "platform", "prod"),
        **{EXT: "SavingsPlanUpfrontFee"},
    )
    rows.append(purchase)

    od_list = Decimal("2.6112")  # m7g.16xlarge on-demand, us-east-1
    od_contracted = od_list * (100 - ACCOUNTS["aws"].discount_pct) / 100
    sp_rate = Decimal("1.6450")
    daily_commitment = SP_HOURLY * 24
    sku = code("AmazonEC2 m7g.16xlarge us-east-1 Linux", 16)
    second = np.clip(
        14.0 + 0.9 * np.arange(N_DAYS) / 30.4 + rng.normal(0.0, 1.5, N_DAYS), 4.0, 24.0
    )
    for day in range(N_DAYS):
        month = month_of_day(day)
        covered = day < SP_START + SP_DAYS
        used_total = Decimal(0)
        for n, hours_f in ((1, 24.0), (2, float(second[day]))):
            hours = Decimal(round(hours_f * 4) / 4).quantize(Decimal("0.01"))
            row = base_row("aws", "aws-storefront", month)
            priced(row, od_list, od_contracted, hours, "Hours")
            res = f"arn:aws:ec2:us-east-1:345678901234:instance/i-0{hex_id(f'sp-{n}', 16)}"
            row.update(
                ChargeCategory="Usage",
                ChargeFrequency="Usage-Based",
                ChargePeriodStart=int(us(day)),
                ChargePeriodEnd=int(us(day + 1)),
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
                Tags=tags_json("storefront", "web", "prod"),
                **{EXT: "RunInstances"},
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
            row = base_row("aws", "aws-payer", month)
            row.update(sp_common)
            priced(row, Decimal(1), Decimal(1), unused, "USD")
            row.update(
                ChargeCategory="Usage",
                ChargeFrequency="Usage-Based",
                PricingCategory="Committed",
                CommitmentDiscountStatus="Unused",
                CommitmentDiscountQuantity=unused,
                BilledCost=Decimal(0),
                EffectiveCost=unused,
                ChargePeriodStart=int(us(day)),
                ChargePeriodEnd=int(us(day + 1)),
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
                **{EXT: "SavingsPlanRecurringFee"},
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
    vm_sku = "DZH3" + code("Virtual Machines Dsv5 Series D4s v5", 8)
    vm_common = {
        "ServiceName": "Virtual Machines",
        "ServiceCategory": "Compute",
        "ServiceSubcategory": "Virtual Machines",
        "RegionId": "westeurope",
        "RegionName": REGIONS["westeurope"],
        "SkuId": vm_sku,
        "SkuMeter": "D4s v5",
        "SkuPriceDetails": '{"InstanceType":"Standard_D4s_v5","CoreCount":4}',
        EXT: "rg-shop-eu-prod",
    }
    ri_sku_id = "DZH3" + code("Reserved VM Instance Dsv5 Series D4s v5 1 Year", 8)
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
    for month in range(RI_FIRST_MONTH, N_MONTHS):
        hours = Decimal(int(DAYS_IN_MONTH[month]) * 24)
        row = base_row("azure-eur", "az-shop-eu", month)
        row.update(ri_common)
        row.update(vm_common)
        priced(row, RI_HOURLY, RI_HOURLY, hours, "Hours")
        row.update(
            ChargeCategory="Purchase",
            ChargeFrequency="Recurring",
            PricingCategory="Standard",
            ChargePeriodStart=int(us(MONTH_FIRST[month])),
            ChargePeriodEnd=int(us(MONTH_FIRST[month + 1])),
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
        month = month_of_day(day)
        reserved = day >= RI_START
        hours = Decimal(20) if reserved and day == MONTH_FIRST[month] + 14 else Decimal(24)
        row = base_row("azure-eur", "az-shop-eu", month)
        row.update(vm_common)
        priced(row, vm_list, vm_list, hours, "Hours")
        row.update(
            ChargeCategory="Usage",
            ChargeFrequency="Usage-Based",
            ChargePeriodStart=int(us(day)),
            ChargePeriodEnd=int(us(day + 1)),
            ConsumedQuantity=hours,
            ConsumedUnit="Hours",
            ResourceId=vm_id,
            ResourceName="vm-shop-eu-core",
            ResourceType="Virtual machine",
            SkuPriceId=f"{vm_sku}/0001",
            Tags=tags_json("storefront", "web", "prod"),
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
            row = base_row("azure-eur", "az-shop-eu", month)
            row.update(ri_common)
            row.update(vm_common)
            priced(row, RI_HOURLY, RI_HOURLY, unused_h, "Hours")
            row.update(
                ChargeCategory="Usage",
                ChargeFrequency="Usage-Based",
                PricingCategory="Committed",
                CommitmentDiscountStatus="Unused",
                CommitmentDiscountQuantity=unused_h,
                BilledCost=Decimal(0),
                EffectiveCost=unused_h * RI_HOURLY,
                ChargePeriodStart=int(us(day)),
                ChargePeriodEnd=int(us(day + 1)),
                ChargeDescription="Unused reservation hours, Standard_D4s_v5, EU West",
                ResourceId=RI_ID,
                ResourceName=RI_NAME,
                ResourceType="Reservation",
                **ri_sku,
            )
            rows.append(row)
    return rows


JAN = 3  # Nimbus AI prepaid credits bought in billing period 2026-01
_CREDIT_UNIT = 10**12 * 1000  # the credits are a multiple of $1,000 (scale 12)
_NIMBUS = ACCOUNT_ORDER.index("nimbus")
_NIMBUS_METERS = [t for t, m in enumerate(METERS) if m.account == "nimbus"]


class Prepaid:
    """Nimbus AI prepaid credits bought 2026-01, drawn down by usage until used up.

    The credits are a quarter of the Nimbus AI usage cost from 2026-01 on (in $1,000). Usage
    rows are drawn down in the order day, meter, row: drawn-down rows keep their costs but have
    BilledCost 0 (paid by the purchase). The row during which the credits run out is split in
    two: the covered part (a new row) and the billed rest (the usage row, changed in place).
    `rows` are the purchase and the covered part.
    """

    def __init__(self, draws: Draws, usage: UsageTotals) -> None:
        segments = [  # (day, meter, cost) in drawdown order
            (day, t, usage.day_cost[t][day])
            for day in range(int(MONTH_FIRST[JAN]), N_DAYS)
            for t in _NIMBUS_METERS
            if usage.day_rows[t, day]
        ]
        total = sum(cost for _, _, cost in segments)
        amount = max(_CREDIT_UNIT, (total // 4) // _CREDIT_UNIT * _CREDIT_UNIT)
        while True:
            day, t, i, before, row = self._first_row_beyond(draws, segments, amount)
            covered_qty = (amount - before) // int(row["ContractedUnitPrice"][0])
            if covered_qty > 0:
                break
            amount += _CREDIT_UNIT
        self.amount, self.before = amount, before
        self.cut_day, self.cut_t, self.cut_i = day, t, i
        self.cut_month = month_of_day(day)
        self._old = {c: int(v[0]) for c, v in row.items()}
        per_unit = self._old["ConsumedQuantity"] // self._old["PricingQuantity"]
        rest_qty = self._old["PricingQuantity"] - covered_qty
        self._new = {
            "PricingQuantity": rest_qty,
            "ConsumedQuantity": rest_qty * per_unit,
            "ListCost": self._old["ListUnitPrice"] * rest_qty,
            "ContractedCost": self._old["ContractedUnitPrice"] * rest_qty,
        }
        self._new["BilledCost"] = self._new["EffectiveCost"] = self._new["ContractedCost"]
        self._covered_before_cut = [  # usage cost drawn down per billing period, before the cut
            sum(usage.cost(tt, month) for tt in _NIMBUS_METERS)
            for month in range(JAN, self.cut_month)
        ]

        # the covered part of the split row
        part = row_dicts(draws, t, self.cut_month, [i])[0]
        covered = Decimal(covered_qty).scaleb(-6)
        part.update(
            PricingQuantity=covered,
            ConsumedQuantity=Decimal(covered_qty * per_unit).scaleb(-6),
            ListCost=part["ListUnitPrice"] * covered,
            ContractedCost=part["ContractedUnitPrice"] * covered,
            BilledCost=Decimal(0),
            EffectiveCost=Decimal(amount - before).scaleb(-12),
        )
        self.rows = [self._purchase(amount), part]

    @staticmethod
    def _first_row_beyond(
        draws: Draws, segments: list[tuple[int, int, int]], amount: int
    ) -> tuple[int, int, int, int, dict[str, np.ndarray]]:
        """(day, meter, row, cost of the rows before it, the row) of the first usage row at
        which the cumulated cost exceeds `amount`."""
        acc = 0
        for day, t, cost in segments:
            if acc + cost > amount:
                month = month_of_day(day)
                bounds = draws.layout.day_bounds(t, month)
                j = day - int(MONTH_FIRST[month])
                lo, hi = int(bounds[j]), int(bounds[j + 1])
                r = rows_range(draws, t, month, lo, hi)
                cum = list(itertools.accumulate(r["EffectiveCost"].tolist(), initial=acc))
                k = bisect.bisect_right(cum, amount, lo=1) - 1  # rows 0..k-1 are covered
                one = {c: v[k : k + 1] for c, v in r.items()}
                return day, t, lo + k, cum[k], one
            acc += cost
        raise AssertionError("prepaid credits must run out within the data")

    def apply(self, r: dict[str, np.ndarray]) -> None:
        """Draw down usage rows `r` (in place): BilledCost 0 before the cut, the rest at it."""
        t, day, i = r["t"], r["day"], r["i"]
        nimbus = (METER_ACCOUNT[t] == _NIMBUS) & (r["m"] >= JAN)
        earlier = (day < self.cut_day) | (
            (day == self.cut_day) & ((t < self.cut_t) | ((t == self.cut_t) & (i < self.cut_i)))
        )
        r["BilledCost"][nimbus & earlier] = 0
        at = (t == self.cut_t) & (r["m"] == self.cut_month) & (i == self.cut_i)
        if at.any():
            for c, v in self._new.items():
                r[c][at] = v

    def adjust(self, sums: dict[str, list[int]]) -> None:
        """Change the usage sums per (account, billing period) as `apply` changes the rows."""
        base = _NIMBUS * N_MONTHS
        for month, cost in zip(range(JAN, self.cut_month), self._covered_before_cut, strict=True):
            sums["BilledCost"][base + month] -= cost
        g = base + self.cut_month
        sums["BilledCost"][g] -= self.before - sum(self._covered_before_cut)
        for c in ("BilledCost", "EffectiveCost", "ListCost", "ContractedCost"):
            sums[c][g] += self._new[c] - self._old[c]

    @staticmethod
    def _purchase(amount: int) -> dict[str, Any]:
        jan = JAN
        total = Decimal(amount).scaleb(-12)
        purchase = base_row("nimbus", None, jan)
        priced(purchase, Decimal(1), Decimal(1), total, "Credits")
        purchase.update(
            ChargeCategory="Purchase",
            ChargeFrequency="One-Time",
            PricingCategory="Standard",
            ChargePeriodStart=int(us(MONTH_FIRST[jan])),
            ChargePeriodEnd=int(us(MONTH_FIRST[jan] + 365)),
            ChargeDescription=f"Prepaid token credits, USD {total:,.2f}, valid 12 months",
            BilledCost=total,
            EffectiveCost=Decimal(0),
            **NIMBUS_SERVICE,
            ResourceId=f"grant_{hex_id('prepaid-2026', 12)}",
            ResourceName="Prepaid credits 2026",
            ResourceType="Credit Grant",
            SkuId="NMB-" + code("prepaid credits", 8),
            SkuPriceId="NMB-" + code("prepaid credits", 8) + "-USD",
            SkuMeter="Prepaid Credits",
            SkuPriceDetails='{"x_ValidityMonths":12}',
        )
        return purchase
