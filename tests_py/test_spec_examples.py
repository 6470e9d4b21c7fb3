"""The FOCUS 1.2 specification's examples build, and their cost semantics hold.

The examples are column subsets that illustrate cost logic. To load them as exports,
the fixture adds the mandatory columns an example omits (empty, except the values a
charge cannot do without: BillingAccountId, BillingCurrency USD, the provider names,
ServiceCategory and ServiceName) and gives each example file its own billing account,
because several examples reuse one account and billing period for different scenarios
(loaded together they would otherwise be taken as re-exports of each other).
"""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SAMPLES, focus_row, query, run_unitcost, write_csv

# End to end (several builds each): `make test-e2e`, which CI runs too.
pytestmark = pytest.mark.e2e

SPEC = SAMPLES / "spec-examples-v1.2"
MANDATORY_DEFAULTS = {
    "BillingAccountName": "",
    "BillingCurrency": "USD",
    "ChargeClass": "",
    "ChargeDescription": "",
    "ContractedCost": "",
    "InvoiceIssuerName": "FOCUS spec example",
    "ListCost": "",
    "PricingQuantity": "",
    "PricingUnit": "",
    "ProviderName": "FOCUS spec example",
    "PublisherName": "FOCUS spec example",
    "ServiceCategory": "Compute",
    "ServiceName": "Virtual Machines",
}


def read_spec(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return [row for row in csv.DictReader(handle) if any(v.strip() for v in row.values())]


def complete(rows: list[dict], account: str) -> list[dict]:
    """Add the omitted mandatory columns; one billing account per example file."""
    out = []
    for row in rows:
        filled = dict(MANDATORY_DEFAULTS)
        filled.update(row)
        filled["BillingAccountId"] = f"{row.get('BillingAccountId') or 'spec'}-{account}"
        out.append(filled)
    return out


@pytest.fixture(scope="module")
def spec_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("spec")
    exports = root / "exports"
    for path in sorted(SPEC.rglob("*.csv")):
        rows = read_spec(path)
        relative = path.relative_to(SPEC)
        write_csv(exports / relative, complete(rows, path.stem))
    db = root / "spec.duckdb"
    run_unitcost(
        "build",
        "--focus",
        str(exports),
        "--db",
        str(db),
        "--timestamp-format",
        "%m/%d/%y",
        check=True,
    )
    return exports, db


def test_every_example_row_is_staged_or_rejected(spec_build: tuple[Path, Path]) -> None:
    exports, db = spec_build
    for path in sorted(exports.rglob("*.csv")):
        with path.open(newline="") as handle:
            expected = sum(1 for _ in csv.DictReader(handle))
        staged = query(db, "select count(*) from fct_charges where source_file = ?", [str(path)])[
            0
        ][0]
        rejected = query(
            db, "select count(*) from fct_charge_rejects where source_file = ?", [str(path)]
        )[0][0]
        assert staged + rejected == expected, path.name


def test_spec_defects_are_rejected_with_reasons(spec_build: tuple[Path, Path]) -> None:
    _, db = spec_build
    # MANIFEST: scenario 3 writes the impossible ChargePeriodEnd 2023-02-01T30:00:00Z.
    rows = query(
        db,
        """
        select source_row_number, reject_rule, reject_reason from fct_charge_rejects
        where source_file like '%commitment_discount_purchase_scenario_3.csv'
        """,
    )
    assert rows == [
        (
            4,
            "unparseable_timestamp",
            "ChargePeriodEnd '2023-02-01T30:00:00Z' is not an ISO 8601 date/time "
            "(other formats: --timestamp-format)",
        )
    ]
    # Simple SaaS agreements write amounts as "$10,000.00 ": rejected, never guessed.
    money = query(
        db,
        """
        select
            count(*),
            count(*) filter (where reject_reason like 'BilledCost ''$%'' is not a number%')
        from fct_charge_rejects where source_file like '%simple_saas_agreements_%'
        """,
    )[0]
    assert money == (7, 7)


def test_prepaid_tokens_are_amortized_not_double_counted(spec_build: tuple[Path, Path]) -> None:
    _, db = spec_build
    # virtual_currency_pricing_model_a1: 200,000 USD token purchase (EffectiveCost 0);
    # a2: consumption billed 0, effective 490 + 20 + 720 = 1,230.
    purchase = query(
        db,
        """
        select sum(billed_cost), sum(effective_cost), bool_and(is_prepaid_purchase)
        from fct_charges where source_file like '%virtual_currency_pricing_model_a1.csv'
        """,
    )[0]
    usage = query(
        db,
        """
        select sum(billed_cost), sum(effective_cost), bool_or(is_prepaid_purchase)
        from fct_charges where source_file like '%virtual_currency_pricing_model_a2.csv'
        """,
    )[0]
    assert purchase == (Decimal("200000"), Decimal("0"), True)
    assert usage == (Decimal("0"), Decimal("1230"), False)


def test_flexible_commitment_amortization_equals_its_purchase(
    spec_build: tuple[Path, Path],
) -> None:
    _, db = spec_build
    # Each flexibility example is one hour of a no-upfront commitment: the recurring
    # purchase (BilledCost) equals the amortized cost of the usage it covers (EffectiveCost
    # of the Committed rows, Used or Unused).
    rows = query(
        db,
        """
        select
            regexp_extract(source_file, '([^/]+)\\.csv$', 1),
            sum(billed_cost) filter (where is_prepaid_purchase),
            sum(effective_cost) filter (where commitment_discount_status is not null),
            sum(effective_cost) filter (where is_unused_commitment)
        from fct_charges
        where source_file like '%commitment_discount_flexibility%'
        group by 1 order by 1
        """,
    )
    assert rows == [
        (
            "one_hundred_percent_utilization_with_commitment_discount_flexibility_with_1_resource",
            Decimal("0.5"),
            Decimal("0.5"),
            None,
        ),
        (
            "one_hundred_percent_utilization_with_commitment_discount_flexibility_with_2_resources",
            Decimal("2"),
            Decimal("2"),
            None,
        ),
        (
            "one_hundred_percent_utilization_without_commitment_discount_flexibility",
            Decimal("1.5"),
            Decimal("1.5"),
            None,
        ),
        (
            "zero_percent_utilization_without_commitment_discount_flexibility",
            Decimal("1.5"),
            Decimal("1.5"),
            Decimal("1.5"),
        ),
    ]


# --- A whole commitment term, built from the purchase and usage scenarios ----------------

TERM_START = datetime(2023, 1, 1)
TERM_HOURS = 8760  # 2023-01-01 to 2024-01-01; the all-upfront purchase is 8,760 USD


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def month_start(moment: datetime) -> datetime:
    return moment.replace(day=1, hour=0)


def next_month(moment: datetime) -> datetime:
    return (moment.replace(day=1) + timedelta(days=32)).replace(day=1, hour=0)


def term_rows(account: str, purchase: str, usage: str) -> list[dict]:
    """A year of hourly rows: the spec's purchase scenario, and its usage scenario every hour.

    One-Time purchase rows are kept as they are; Recurring purchase rows (whose spec
    ChargePeriodEnd values are malformed) are repeated every hour with a one-hour period.
    Usage rows are the scenario's rows repeated every hour.
    """
    out = []
    purchase_rows = read_spec(SPEC / "commitment_discount_scenarios" / f"{purchase}.csv")
    usage_rows = read_spec(SPEC / "commitment_discount_scenarios" / f"{usage}.csv")
    recurring = [r for r in purchase_rows if r["ChargeFrequency"] == "Recurring"][:1]
    for row in purchase_rows:
        if row["ChargeFrequency"] == "One-Time":
            out.append(row)
    for hour in range(TERM_HOURS):
        start = TERM_START + timedelta(hours=hour)
        period = {
            "BillingPeriodStart": iso(month_start(start)),
            "BillingPeriodEnd": iso(next_month(start)),
            "ChargePeriodStart": iso(start),
            "ChargePeriodEnd": iso(start + timedelta(hours=1)),
        }
        for row in recurring + usage_rows:
            out.append({**row, **period})
    return [
        focus_row(
            **{
                **r,
                "BillingAccountId": account,
                "BilledCost": r["BilledCost"],
                "EffectiveCost": r["EffectiveCost"],
                "ListCost": "",
                "ContractedCost": "",
            }
        )
        for r in out
    ]


@pytest.fixture(scope="module")
def term_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("term")
    scenarios = {
        # all upfront, 100 % utilisation
        "upfront-full": (
            "commitment_discount_purchase_scenario_1",
            "commitment_discount_usage_scenario_1",
        ),
        # all upfront, 75 % utilisation: 0.25 an hour unused
        "upfront-75": (
            "commitment_discount_purchase_scenario_1",
            "commitment_discount_usage_scenario_3",
        ),
        # no upfront (1.00 an hour recurring), 0 % utilisation
        "no-upfront-0": (
            "commitment_discount_purchase_scenario_2",
            "commitment_discount_usage_scenario_2",
        ),
        # partial upfront (4,380 + 0.50 an hour), over-utilised: on-demand overage
        "partial-over": (
            "commitment_discount_purchase_scenario_3",
            "commitment_discount_usage_scenario_4",
        ),
    }
    for account, (purchase, usage) in scenarios.items():
        write_csv(root / "exports" / account / "term.csv", term_rows(account, purchase, usage))
    db = root / "term.duckdb"
    run_unitcost("build", "--focus", str(root / "exports"), "--db", str(db), check=True)
    return db


def test_amortized_cost_equals_purchase_price_over_the_term(term_build: Path) -> None:
    rows = query(
        term_build,
        """
        select
            billing_account_id,
            sum(billed_cost) filter (where is_prepaid_purchase) as purchase_price,
            sum(effective_cost) filter (where commitment_discount_id is not null
                                        and not is_prepaid_purchase) as amortized,
            sum(effective_cost) filter (where is_unused_commitment) as unused,
            sum(effective_cost) filter (where commitment_discount_id is null) as on_demand,
            sum(billed_cost) as invoice,
            sum(effective_cost) as accrual
        from fct_charges group by 1 order by 1
        """,
    )
    hours = Decimal(TERM_HOURS)
    expected = {
        # purchase price, amortized, unused, on-demand
        "no-upfront-0": (hours * 1, hours * 1, hours * 1, None),
        "partial-over": (
            Decimal(4380) + hours * Decimal("0.5"),
            hours * 1,
            None,
            hours * Decimal("0.5"),
        ),
        "upfront-75": (hours * 1, hours * 1, hours * Decimal("0.25"), None),
        "upfront-full": (hours * 1, hours * 1, None, None),
    }
    assert [r[0] for r in rows] == sorted(expected)
    for account, price, amortized, unused, on_demand, invoice, accrual in rows:
        e_price, e_amortized, e_unused, e_on_demand = expected[account]
        assert price == e_price, account
        assert amortized == e_amortized == price, account
        assert unused == e_unused, account
        assert on_demand == e_on_demand, account
        # Nothing counts twice: cash and accrual agree over the whole term.
        assert invoice == accrual, account
