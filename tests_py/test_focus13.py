"""FOCUS 1.3 in depth (issue 11), on a small hand-made 1.3 export that follows the spec's
examples (tests_py/fixtures/focus-1.3-split/): provider split allocations, contract
commitments, Recency metadata (provisional vs final) and units seeds/units.csv does not know.

The fixture, worked by hand:
- an EKS node-day (ResourceId i-0node1, Tags team=platform, 20 Hrs: list 12.00, contracted
  and effective 10.00) that the provider split (AllocatedMethodId eks-cpu-request) into
  0.6 for pod/checkout-7d9 (AllocatedTags product=storefront), 0.3 for pod/search-api-5f2
  (product=search) and 0.1 unallocated (no AllocatedResourceId): 6.00, 3.00 and 1.00;
- 100 GB-Mo of S3 at 0.023 (2.30) and 50 "GB-Mnth" (a unit nobody knows) for 0.20, both
  tagged product=data-platform;
- a c6i instance tagged product=search in June and July, list 50.00, contracted 40.00;
- every cost row but the storage applied to the spend commitment commit-spend-2026
  (1,200.00 for 2026): 40.00 in June, 40.00 + 10.00 in July;
- Recency metadata: June complete, July not.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import FIXTURES, query, run_unitcost, write_csv

# Several builds each: in make test-e2e (make test stays under 12 minutes).
pytestmark = pytest.mark.e2e

FIXTURE = FIXTURES / "focus-1.3-split"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    tmp = tmp_path_factory.mktemp("focus13")
    values = write_csv(
        tmp / "values.csv",
        [
            {
                "date": "2026-07",
                "scope": "search",
                "metric": m,
                "value": v,
                "unit": "Count",
                "source": "test",
            }
            for m, v in [("transactions", "1000"), ("api_calls", "2000")]
        ],
    )
    db = tmp / "focus13.duckdb"
    proc = run_unitcost(
        "build",
        "--focus",
        str(FIXTURE / "focus"),
        "--values",
        str(values),
        "--commitments",
        str(FIXTURE / "contract_commitments.csv"),
        "--recency",
        str(FIXTURE / "metadata" / "recency"),
        "--db",
        str(db),
        "--json",
        check=True,
    )
    return db, json.loads(proc.stdout)


def test_every_split_part_lands_in_one_scope_on_its_allocated_tags(built) -> None:
    db, summary = built
    assert summary["status"] == "built"  # every data test passed, the split test included
    rows = query(
        db,
        """
        select coalesce(c.allocated_resource_id, '-'), s.scope_id, s.effective_cost
        from fct_charges as c
        inner join intermediate.int_charges_scoped as s using (charge_key)
        where c.resource_id = 'i-0node1'
        order by 1
        """,
    )
    # The unallocated tenth keeps the node's own team=platform tag, which belongs to
    # data-platform from the July 2026 re-organisation (seeds/scope_rules.csv).
    assert rows == [
        ("-", "data-platform", Decimal("1.000000000000")),
        ("pod/checkout-7d9", "storefront", Decimal("6.000000000000")),
        ("pod/search-api-5f2", "search", Decimal("3.000000000000")),
    ]
    # Nothing counts twice: 7 rows, 7 scoped rows, and the scopes hold the bill.
    (charges, scoped, billed, in_scopes) = query(
        db,
        """
        select (select count(*) from fct_charges),
            (select count(*) from intermediate.int_charges_scoped),
            (select sum(effective_cost) from fct_charges),
            (select sum(effective_cost) from intermediate.int_charges_scoped)
        """,
    )[0]
    assert (charges, scoped) == (7, 7)
    assert billed == in_scopes == Decimal("92.5")  # 10 + 2.30 + 0.20 + 40 + 40


def test_split_test_finds_a_part_that_does_not_sum_to_its_origin(built) -> None:
    """The data test's own logic on the built charges: the parts' ratios sum to 1 and
    each part is its ratio of the origin (here 0.6 x 10 = 6.00)."""
    db, _ = built
    ratios = query(
        db,
        """
        select sum(list_sum(cast(json_extract(allocated_method_details,
            '$.Elements[*].AllocatedRatio') as double[]))), sum(effective_cost)
        from fct_charges where allocated_method_id is not null
        """,
    )[0]
    assert ratios == (pytest.approx(1.0), Decimal("10.000000000000"))


def test_gb_mo_counts_as_gb_months_and_an_unknown_unit_is_named(built) -> None:
    db, summary = built
    rows = dict(
        (sku, (gb, rate, reason))
        for sku, gb, rate, reason in query(
            db,
            """
            select sku_id, gb_months, cost_per_gb_month, null_reason from kpi_cost_per_gb_stored
            where scope_id = 'data-platform' and period_grain = 'month'
                and period_start = date '2026-07-01' and cost_basis = 'effective'
            """,
        )
    )
    assert rows["TimedStorage-ByteHrs"][:2] == (Decimal("100"), Decimal("0.023"))
    gb, rate, reason = rows["TimedStorage-GlacierByteHrs"]
    assert gb is None and rate is None
    assert "'GB-Mnth', a unit seeds/units.csv does not know" in reason
    unknown = query(
        db, "select unit_column, unit, charge_rows, effective_cost from fct_unrecognised_units"
    )
    assert sorted(unknown) == [
        ("ConsumedUnit", "GB-Mnth", 1, Decimal("0.2")),
        ("PricingUnit", "GB-Mnth", 1, Decimal("0.2")),
    ]
    assert {u["unit"] for u in summary["unrecognised_units"]} == {"GB-Mnth"}
    # the unit cost counts the 100 GB-Mo (2.30 / 100) and names the 0.20 it could not count
    [(rate, unit, uncounted)] = query(
        db,
        """
        select unit_cost, unrecognised_unit, unrecognised_unit_cost from fct_unit_costs
        where metric_id = 'cost_per_gb_month' and scope_id = 'data-platform'
            and period_grain = 'month' and period_start = date '2026-07-01'
            and cost_basis = 'effective'
        """,
    )
    assert (rate, unit, uncounted) == (Decimal("0.023"), "GB-Mnth", Decimal("0.2"))


def test_validate_lists_units_the_seed_does_not_know() -> None:
    proc = run_unitcost("validate", str(FIXTURE / "focus"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "units not in seeds/units.csv (1)" in proc.stdout
    assert "'GB-Mnth'" in proc.stdout and "GB-Mo'" not in proc.stdout


def test_recency_makes_july_provisional_and_june_final(built) -> None:
    db, _ = built
    rows = query(
        db,
        """
        select distinct period_start, is_final, finality_reason from fct_unit_costs
        where period_grain = 'month' and period_start in (date '2026-06-01', date '2026-07-01')
        order by 1
        """,
    )
    assert [(r[0].isoformat(), r[1]) for r in rows] == [("2026-06-01", True), ("2026-07-01", False)]
    assert rows[1][2] == (
        "Recency metadata: time sector 2026-07-01 00:00:00 to 2026-08-01 00:00:00 is not complete"
    )
    text = run_unitcost("kpis", "--db", str(db), "--month", "2026-07", check=True).stdout
    assert "PROVISIONAL: 2026-07 is not final (Recency metadata" in text
    doc = json.loads(
        run_unitcost("kpis", "--db", str(db), "--month", "2026-06", "--json", check=True).stdout
    )
    assert doc["is_final"] is True


def test_commitment_burn_down(built) -> None:
    db, _ = built
    july = query(
        db,
        """
        select committed_total, applied_in_month, applied_to_date, remaining, utilisation_pct,
            term_elapsed_pct, straight_line_to_date, ahead_of_straight_line
        from fct_contract_commitments
        where contract_commitment_id = 'commit-spend-2026' and month_start = date '2026-07-01'
        """,
    )[0]
    # 212 of 365 days elapsed by August 1: straight line 1,200 x 212 / 365 = 696.986301...
    assert july[:5] == (1200, 50, 90, 1110, Decimal("7.5"))
    assert july[5] == Decimal("58.0822")
    assert float(july[6]) == pytest.approx(1200 * 212 / 365)
    assert float(july[7]) == pytest.approx(90 - 1200 * 212 / 365)
    assert query(db, "select count(*) from fct_contract_commitments")[0][0] == 12


def test_procurement_view_compares_list_contracted_and_effective(built) -> None:
    db, _ = built
    row = query(
        db,
        """
        select list_cost, contracted_cost, effective_cost, list_unit_cost, contracted_unit_cost,
            effective_unit_cost, negotiated_savings, savings_rate_pct
        from kpi_procurement_unit_costs
        where metric_id = 'cost_per_transaction' and scope_id = 'search'
            and period_grain = 'month' and period_start = date '2026-07-01'
        """,
    )[0]
    # search in July: c6i list 50.00 + the pod's list share 0.3 x 12.00 = 53.60; contracted
    # 40.00 + 3.00 = 43.00 = effective (no commitment discount); 1,000 transactions.
    assert row[:3] == (Decimal("53.6"), Decimal("43"), Decimal("43"))
    assert row[3:6] == (Decimal("0.0536"), Decimal("0.043"), Decimal("0.043"))
    assert row[6] == Decimal("10.6")
    assert row[7] == Decimal("19.7761")  # (53.60 - 43.00) / 53.60
