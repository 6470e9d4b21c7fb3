"""FOCUS 1.3 split cost allocation in the demo (issue 11): Nimbus AI's shared inference deployment.

Nimbus AI bills one provisioned-throughput deployment, shared by three workloads, once a month:
its unit-hours (12 % of the month's token spend at the price of a unit-hour, so the demo keeps its
proportions at any size).
Following the specification's *Data Generator-Calculated Split Cost Allocation Handling*, the
origin charge (one deployment-month) is not a row of the files: it is replaced by one allocated
charge per workload plus one for the unused capacity. Each allocated charge repeats the origin's
dimensions, unit prices and Tags ({"team": "ml", ...}, no product), carries AllocatedMethodId
`nimbus-token-share`, AllocatedMethodDetails (its AllocatedRatio, the workload's tokens) and,
for a workload, AllocatedResourceId / AllocatedResourceName / AllocatedTags with the workload's
product; the unused part has AllocatedResourceId null. Ratios are whole percents that change
month by month; quantities and costs are the ratio of the origin's, exact to the cent, so the
allocated charges add up to the origin charge.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from unitcost.demo.catalog import code, hex_id
from unitcost.demo.charges import NIMBUS_SERVICE, base_row, priced
from unitcost.demo.schema import round_half_up
from unitcost.demo.timeline import MONTH_FIRST, N_MONTHS, period_label, us

METHOD_ID = "nimbus-token-share"
DEPLOYMENT_ID = f"deploy_{hex_id('shared-ptu', 10)}"
DEPLOYMENT_NAME = "shared-inference-ptu"
ORIGIN_TAGS = '{"team":"ml","environment":"prod","cost_center":"CC-300"}'
PTU_HOUR_PRICE = Decimal("4.00")  # list = contracted: Nimbus AI gives no negotiated discount
TOKENS_PER_PTU_HOUR = 1_000_000
DEPLOYMENT_SHARE_PCT = 12  # the deployment's cost, as a % of the month's token spend
# (product, workload resource id, workload name); None: the capacity no workload used
WORKLOADS: tuple[tuple[str, str, str] | None, ...] = (
    ("data-platform", "wl_catalog-embeddings", "data-catalog-embeddings"),
    ("search", "wl_query-rewrite", "search-query-rewrite"),
    ("assistant", "wl_assistant-batch", "assistant-batch-summaries"),
    None,
)
N_SPLIT_ROWS = N_MONTHS * len(WORKLOADS)


def ratios_pct(month: int) -> tuple[int, ...]:
    """Whole-percent shares of the workloads and the unused capacity in `month` (sum 100):
    search's share grows as its traffic does, the unused capacity shrinks."""
    search = 25 + month
    unused = max(3, 15 - month)
    data = 30 - month // 3
    return (data, search, 100 - data - search - unused, unused)


def split_rows(nimbus_usage_cost: list[int]) -> list[dict[str, Any]]:
    """The allocated charges of every month (see the module docstring); `nimbus_usage_cost` is
    Nimbus AI's usage EffectiveCost per billing period, at 12 decimals."""
    rows: list[dict[str, Any]] = []
    sku = "NMB-" + code("provisioned throughput", 8)
    cents_per_hour = int(PTU_HOUR_PRICE * 100)
    for month in range(N_MONTHS):
        target_cents = round_half_up(nimbus_usage_cost[month] * DEPLOYMENT_SHARE_PCT, 100 * 10**10)
        hundredths = max(1, round_half_up(target_cents * 100, cents_per_hour))  # unit-hours x 100
        for workload, pct in zip(WORKLOADS, ratios_pct(month), strict=True):
            quantity = Decimal(hundredths * pct).scaleb(-4)
            ratio = Decimal(pct) / 100
            details = {
                "Elements": [
                    {
                        "AllocatedRatio": float(ratio),
                        "UsageUnit": "Tokens",
                        "UsageQuantity": hundredths * pct * TOKENS_PER_PTU_HOUR // 10_000,
                    }
                ]
            }
            row = base_row("nimbus", None, month)
            priced(row, PTU_HOUR_PRICE, PTU_HOUR_PRICE, quantity, "Hours")
            row.update(
                ChargeCategory="Usage",
                ChargeFrequency="Recurring",
                PricingCategory="Standard",
                BilledCost=row["ContractedCost"],
                EffectiveCost=row["ContractedCost"],
                ConsumedQuantity=quantity,
                ConsumedUnit="Hours",
                ChargePeriodStart=int(us(MONTH_FIRST[month])),
                ChargePeriodEnd=int(us(MONTH_FIRST[month + 1])),
                ChargeDescription=(
                    f"Provisioned throughput unit-hours, {period_label(month)} (allocated share)"
                ),
                **NIMBUS_SERVICE,
                ResourceId=DEPLOYMENT_ID,
                ResourceName=DEPLOYMENT_NAME,
                ResourceType="Provisioned Throughput Deployment",
                SkuId=sku,
                SkuPriceId=f"{sku}-USD",
                SkuMeter="Provisioned Throughput Unit Hours",
                Tags=ORIGIN_TAGS,
                AllocatedMethodId=METHOD_ID,
                AllocatedMethodDetails=json.dumps(details),
            )
            if workload is not None:
                product, resource_id, name = workload
                row.update(
                    AllocatedResourceId=resource_id,
                    AllocatedResourceName=name,
                    AllocatedTags=json.dumps({"product": product}),
                )
            rows.append(row)
    return rows
