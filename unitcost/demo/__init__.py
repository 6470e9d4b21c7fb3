"""Deterministic demo data: FOCUS 1.2 billing exports and matching business value data.

`generate()` writes 13 monthly billing periods (2025-10 to 2026-10) for four providers, AWS,
Microsoft (Azure), Google Cloud and the fictional AI API provider "Nimbus AI", as hive-style
Parquet folders (one folder per provider and billing period), plus daily business metrics for
four products as long-form CSV. All of it is synthetic: the company "Acme Commerce", its
accounts, resources and numbers are made up.

The same (rows, seed) always gives byte-identical files. Money is exact: every cost is a
decimal product of a unit price and a quantity, computed with integers, so the commitment
amortization adds up to the purchase price to the cent.

Modules, one job each:

- `timeline`: billing periods, days, growth curves
- `catalog`: the company, providers, accounts and usage meters (`catalog_data/*.toml`)
- `schema`: FOCUS 1.2 columns and exact fixed-point money
- `usage`: the bulk usage rows (layout, positioned random streams, quantities and costs)
- `resources`: resource ids, names and tags; turnover and cardinality that grow with the size
- `commitments`: Savings Plan, reservation and prepaid credits
- `charges`: corrections, support fees, credits and tax
- `writer`: Arrow and Parquet output, streamed in chunks, partitions split into part files
- `values`: business value data
- `summary`: what was written, as a dictionary and as text
- `generator`: `generate`, which runs them in order (two passes over the usage rows)
"""

from __future__ import annotations

from unitcost.demo.catalog import (
    ACCOUNTS,
    METERS,
    PRODUCT_TEAMS,
    PROVIDERS,
    REGIONS,
    SUB_ACCOUNTS,
    TEAM_COST_CENTERS,
    invoice_id,
)
from unitcost.demo.commitments import RI_HOURLY, RI_ID, RI_NAME, SP_HOURLY, SP_ID, SP_NAME, SP_PRICE
from unitcost.demo.generator import FIXED_ROWS, MIN_ROWS, generate
from unitcost.demo.schema import DECIMAL_TYPE, FOCUS_COLUMNS, TIMESTAMP_TYPE, focus_schema
from unitcost.demo.summary import format_summary
from unitcost.demo.timeline import FIRST_DAY, N_DAYS, N_MONTHS, period_label
from unitcost.demo.usage import DEFAULT_ROWS
from unitcost.demo.values import VALUE_COLUMNS, VALUE_METRICS

__all__ = [
    "ACCOUNTS",
    "DECIMAL_TYPE",
    "DEFAULT_ROWS",
    "FIRST_DAY",
    "FIXED_ROWS",
    "FOCUS_COLUMNS",
    "METERS",
    "MIN_ROWS",
    "N_DAYS",
    "N_MONTHS",
    "PRODUCT_TEAMS",
    "PROVIDERS",
    "REGIONS",
    "RI_HOURLY",
    "RI_ID",
    "RI_NAME",
    "SP_HOURLY",
    "SP_ID",
    "SP_NAME",
    "SP_PRICE",
    "SUB_ACCOUNTS",
    "TEAM_COST_CENTERS",
    "TIMESTAMP_TYPE",
    "VALUE_COLUMNS",
    "VALUE_METRICS",
    "focus_schema",
    "format_summary",
    "generate",
    "invoice_id",
    "period_label",
]
