"""Write the YAML docs of the FOCUS charge models from the FOCUS column list.

The FOCUS columns (65 of them) repeat across stg_focus__rows, stg_focus__charges
and fct_charges; this script keeps their descriptions and contract types in step.
Run from the repository root: `python scripts/dev/write_charge_docs.py`.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from focus_descriptions import FOCUS_DESCRIPTIONS  # noqa: E402

COLUMNS_CSV = ROOT / "tests_py/fixtures/focus-samples/focus_columns.csv"
CONVERTED = {
    "billed_cost",
    "effective_cost",
    "list_cost",
    "contracted_cost",
    "list_unit_price",
    "contracted_unit_price",
}
TYPES = {
    "String": "varchar",
    "JSON": "varchar",
    "Decimal": "decimal(38,12)",
    "Date/Time": "timestamp",
}


def snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def focus_columns() -> list[dict]:
    with COLUMNS_CSV.open() as handle:
        return list(csv.DictReader(handle))


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# Columns that may not be null: proven by one model-level test (one scan of the
# view for all of them, not one scan per column), filled in by column().
NOT_NULL: list[str] = []


def column(
    name: str, description: str, data_type: str | None = None, tests: list[str] | None = None
) -> str:
    if tests and "not_null" in tests:
        NOT_NULL.append(name)
        tests = [t for t in tests if t != "not_null"]
    lines = [f"      - name: {name}", f"        description: {quote(description)}"]
    if data_type:
        lines.append(f"        data_type: {data_type}")
    if tests:
        lines.append("        data_tests:")
        lines += [f"          - {t}" for t in tests]
    return "\n".join(lines)


def fct_charges_columns() -> list[str]:
    cols = [
        column(
            "charge_key",
            "Stable key of the charge: a 64-bit hash of its typed FOCUS values, a dash and "
            "its row number in its file (unchanged by rebuilds, file moves and renames, and "
            "CSV vs Parquet).",
            "varchar",
            ["not_null"],
        )
    ]
    for c in focus_columns():
        s = snake(c["column"])
        desc = f"{c['column']}: {FOCUS_DESCRIPTIONS[c['column']]}"
        if s in CONVERTED:
            desc += (
                " In the reporting currency (billing-currency amount in billing_currency_"
                + s
                + ")."
            )
        tests = (
            ["not_null"]
            if c["column"]
            in {
                "BilledCost",
                "EffectiveCost",
                "BillingAccountId",
                "BillingCurrency",
                "BillingPeriodStart",
                "ChargeCategory",
                "ChargePeriodStart",
                "ProviderName",
            }
            else None
        )
        if c["column"] == "ChargeCategory":
            tests = [
                "not_null",
                "accepted_values:\n              arguments:\n                values: "
                "['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment']",
            ]
        cols.append(column(s, desc, TYPES[c["data_type"]], tests))
    cols += [
        column(
            "reporting_currency",
            "ISO 4217 currency every converted cost is in (var reporting_currency).",
            "varchar",
            ["not_null"],
        ),
        column(
            "fx_rate",
            "Rate from the billing currency to the reporting currency on the charge date "
            "(seed fx_rates; 1 when they are the same).",
            "decimal(28,12)",
            ["not_null"],
        ),
    ]
    for c in sorted(
        CONVERTED,
        key=[
            "billed_cost",
            "effective_cost",
            "list_cost",
            "contracted_cost",
            "list_unit_price",
            "contracted_unit_price",
        ].index,
    ):
        cols.append(
            column(
                f"billing_currency_{c}", f"{c} as billed, in billing_currency.", "decimal(38,12)"
            )
        )
    cols += [
        column(
            "charge_date",
            "UTC date of charge_period_start: the day the cost belongs to.",
            "date",
            ["not_null"],
        ),
        column(
            "billing_period",
            "First day of the billing period (date of billing_period_start); "
            "corrections stay in the period they arrive in.",
            "date",
            ["not_null"],
        ),
        column(
            "is_prepaid_purchase",
            "A commitment or prepayment purchase (ChargeCategory Purchase, "
            "BilledCost <> 0, EffectiveCost 0): its cost reaches EffectiveCost through the usage "
            "it "
            "covers, so it is excluded from the list and contracted cost bases.",
            "boolean",
            ["not_null"],
        ),
        column(
            "is_unused_commitment",
            "CommitmentDiscountStatus is Unused: the EffectiveCost is unused commitment (waste).",
            "boolean",
            ["not_null"],
        ),
        column(
            "is_correction",
            "ChargeClass is Correction: corrects a charge of an earlier billing period.",
            "boolean",
            ["not_null"],
        ),
        column(
            "extension_columns",
            "Columns of the file that are not FOCUS columns (x_ columns and others), "
            "as a JSON object of text values; null when there are none.",
            "varchar",
        ),
        column(
            "data_quality_notes",
            "Values kept as written although FOCUS does not allow them "
            "(e.g. an unknown ServiceCategory); null when none.",
            "varchar",
        ),
        column(
            "source_file",
            "Path of the file the row was read from (absolute when loaded by the runner).",
            "varchar",
            ["not_null"],
        ),
        column(
            "source_row_number",
            "Row number within the file (1 = first data row).",
            "bigint",
            ["not_null"],
        ),
        column(
            "focus_version",
            "FOCUS version detected for the file: the oldest version whose columns "
            "explain it (0.5 for pre-1.0 names).",
            "varchar",
            ["not_null"],
        ),
        column(
            "export_id",
            "The export the row belongs to: its folder (var export_grouping directory) or file.",
            "varchar",
            ["not_null"],
        ),
    ]
    return cols


def main() -> None:
    charges = "\n".join(fct_charges_columns())
    not_null = "\n".join(f"              - {name}" for name in NOT_NULL)
    text = f"""version: 2

# Generated by scripts/dev/write_charge_docs.py for the FOCUS columns; edit the
# model descriptions here, the FOCUS column descriptions in that script.

models:
  - name: fct_charges
    description: >
      One row per staged FOCUS charge (grain: one input row of the newest
      export of its billing period and billing account). Every FOCUS 1.0-1.3
      column is present, typed, under its snake_case name (absent ones null);
      costs and unit prices are in the reporting currency, with the
      billing-currency amounts alongside. EffectiveCost is the default cost
      basis; see docs/decisions.md for the list and contracted bases.
    config:
      contract:
        enforced: true
    # per billing period rebuilt (unitcost_tested_partitions): a charge key
    # hashes the billing period, so equal keys share one
    data_tests:
      - unitcost_unique_combination:
          arguments:
            columns: [charge_key]
            partition_column: billing_period
      - unitcost_not_null_columns:
          arguments:
            partition_column: billing_period
            columns:
{not_null}
    columns:
{charges}
"""
    (ROOT / "models/marts/charges/_charges__fct_charges.yml").write_text(text)


if __name__ == "__main__":
    main()
