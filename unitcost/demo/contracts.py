"""FOCUS 1.3 side datasets of the demo (issue 11): Nimbus AI's Contract Commitment dataset and
its Recency metadata.

Nimbus AI's files carry ContractApplied (writer.py): every usage row with a cost applies its
EffectiveCost to one spend commitment, `nimbus-spend-2025-26`, for the demo's first twelve
months. The commitment is 110 % of Nimbus AI's EffectiveCost over the demo's thirteen months,
scaled to twelve and rounded up to a thousand; usage grows, so the first twelve months fall
short of it (about 79 % used at the default size), a shortfall Procurement would want to see.
The Recency metadata marks every month complete but the last: the latest month is provisional.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from unitcost.demo.timeline import MONTH_STARTS, N_MONTHS
from unitcost.demo.writer import CONTRACT_COMMITMENT_ID, CONTRACT_ID

COMMITMENT_COLUMNS = (
    "ContractCommitmentId",
    "ContractCommitmentType",
    "ContractCommitmentCategory",
    "ContractCommitmentCost",
    "ContractCommitmentQuantity",
    "ContractCommitmentUnit",
    "ContractCommitmentPeriodStart",
    "ContractCommitmentPeriodEnd",
    "ContractId",
    "ContractPeriodStart",
    "ContractPeriodEnd",
    "BillingCurrency",
    "PricingCurrency",
    "InvoiceIssuerName",
)


def _ts(day) -> str:
    return f"{day:%Y-%m-%d}T00:00:00Z"


def write_contract_commitments(path: Path, applied_scaled: int, currency: str) -> Path:
    """The Contract Commitment dataset (one spend commitment); `applied_scaled` is the
    EffectiveCost the commitment's rows apply over the demo, at 12 decimals."""
    twelve_months = applied_scaled * 12 * 110 // (N_MONTHS * 100)
    thousand = 1000 * 10**12
    committed = -(-twelve_months // thousand) * 1000
    start, end = MONTH_STARTS[0], MONTH_STARTS[12]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COMMITMENT_COLUMNS)
        writer.writerow(
            [CONTRACT_COMMITMENT_ID, "Minimum spend", "Spend", f"{committed}.00", "", "",
             _ts(start), _ts(end), CONTRACT_ID, _ts(start), _ts(end), currency, currency,
             "Nimbus AI"]
        )  # fmt: skip
    return path


def write_recency(path: Path) -> Path:
    """FOCUS 1.3 Recency metadata: one time sector per month, the last one not complete."""
    sectors = [
        {
            "TimeSectorStart": _ts(MONTH_STARTS[m]),
            "TimeSectorEnd": _ts(MONTH_STARTS[m + 1]),
            "TimeSectorComplete": m < N_MONTHS - 1,
            "TimeSectorLastUpdated": _ts(MONTH_STARTS[min(m + 1, N_MONTHS)]),
        }
        for m in range(N_MONTHS)
    ]
    document = {
        "DatasetInstanceId": "nimbus-ai-focus-cost-and-usage",
        "RecencyLastUpdated": _ts(MONTH_STARTS[N_MONTHS]),
        "TimeSectors": sectors,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return path
