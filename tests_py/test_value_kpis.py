"""Data value density and cost to revenue, built for real from the demo data.

`unitcost demo` writes the demo company's bills and value data; one more value file adds a
monthly revenue in EUR; `unitcost build` builds everything. The KPIs of one scope and month
are then worked out here, in Python, from the demo value files and the seeds (scopes, FX
rates, TCO lines, scope rules, KPI cost selections), and compared with the marts.

What is read back from the build instead of recomputed: the typed, currency-converted
charges (`fct_charges`: ingestion is tested elsewhere), the allocated shared costs
(`fct_cost_allocations`) and, for cost to revenue, the cloud cost of a scope
(`fct_scope_costs` with cost_source 'focus': direct plus allocated shared). The non-cloud
TCO lines, the revenue and units, the currency conversion of the EUR revenue, the scope
rules and the data platform selection are evaluated here.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from conftest import VARIANT_EUR_REVENUE, query, scope_subtree, seed_rows

MONTH = date.fromisoformat(VARIANT_EUR_REVENUE["date"] + "-01")
NEXT_MONTH = date(2026, 4, 1)
EUR_REVENUE = Decimal(VARIANT_EUR_REVENUE["value"])
CENT = Decimal("0.01")


@pytest.fixture(scope="module")
def built(demo_variant_build: dict) -> dict:
    """The demo data plus 1000 EUR of storefront revenue for March 2026
    (conftest.demo_variant_build, which also leaves out the workloads metric), built once."""
    return demo_variant_build


# --------------------------------------------------------------------------------------------
# Inputs, read and evaluated independently of the models
# --------------------------------------------------------------------------------------------


def fx_to_usd(currency: str, day: date) -> Decimal:
    """Rate from seeds/fx_rates.csv valid on the day (1 for USD)."""
    if currency.upper() == "USD":
        return Decimal(1)
    for row in seed_rows("fx_rates"):
        if (
            row["from_currency"] == currency.upper()
            and row["to_currency"] == "USD"
            and date.fromisoformat(row["valid_from"]) <= day < date.fromisoformat(row["valid_to"])
        ):
            return Decimal(row["rate"])
    raise AssertionError(f"no rate for {currency} on {day}")


CURRENCIES = {"USD"} | {r["from_currency"] for r in seed_rows("fx_rates")}


def value_rows(demo: Path) -> list[dict[str, str]]:
    rows = []
    for path in sorted((demo / "values").rglob("*.csv")):
        with path.open(newline="") as handle:
            rows.extend(csv.DictReader(handle))
    return rows


def metric_in_month(demo: Path, scopes: set[str], metric: str) -> Decimal:
    """Sum of a metric over the scopes in March 2026, money converted to USD."""
    total = Decimal(0)
    for row in value_rows(demo):
        if row["scope"] not in scopes or row["metric"] != metric:
            continue
        written = row["date"]
        first_day = date.fromisoformat(written if len(written) == 10 else f"{written}-01")
        if not MONTH <= first_day < NEXT_MONTH:
            continue
        rate = fx_to_usd(row["unit"], first_day) if row["unit"].upper() in CURRENCIES else 1
        total += Decimal(row["value"]) * rate
    return total


def tco_in_month(scopes: set[str]) -> Decimal:
    """Non-cloud TCO of the scopes in March 2026: each line spread evenly over its days
    (12 decimals, the remainder on the last day), converted at each day's rate."""
    total = Decimal(0)
    for line in seed_rows("tco_lines"):
        if line["scope_id"] not in scopes:
            continue
        start, end = (
            date.fromisoformat(line["period_start"]),
            date.fromisoformat(line["period_end"]),
        )
        days = (end - start).days
        amount = Decimal(line["amount"])
        share = (amount / days).quantize(Decimal("1e-12"), rounding=ROUND_HALF_UP)
        day = start
        while day < end:
            daily = amount - share * (days - 1) if day == end - timedelta(days=1) else share
            if MONTH <= day < NEXT_MONTH:
                total += daily * fx_to_usd(line["currency"], day)
            day += timedelta(days=1)
    return total


def _matches(value: object, operator: str, expected: str) -> bool:
    text = None if value is None or value == "" else str(value)
    operator = operator.strip().lower()
    if operator == "present":
        return text is not None
    if operator == "missing":
        return text is None
    if text is None:
        return False
    if operator == "equals":
        return text.lower() == expected.strip().lower()
    if operator == "in":
        return text.lower() in {v.strip().lower() for v in expected.split("|")}
    if operator == "like":
        pattern = "".join(
            ".*" if c == "%" else "." if c == "_" else re.escape(c) for c in expected.strip()
        )
        return re.fullmatch(pattern, text, flags=re.IGNORECASE | re.DOTALL) is not None
    if operator == "regex":
        return re.search(expected, text) is not None
    raise AssertionError(f"operator {operator} not handled by this test")


def _charge_value(charge: dict, column: str) -> object:
    """The value a rule on `column` sees (docs/focus-1.3.md): `tag:<key>` sees Tags together
    with a FOCUS 1.3 split part's AllocatedTags (they never share a key)."""
    column = column.strip()
    if column.startswith("tag:"):
        tags = json.loads(charge["tags"]) if charge["tags"] else {}
        tags.update(json.loads(charge["allocated_tags"]) if charge["allocated_tags"] else {})
        return tags.get(column[4:])
    return charge[column]


def condition_matches(charge: dict, condition: dict[str, str]) -> bool:
    value = _charge_value(charge, condition["match_column"])
    return _matches(value, condition["match_operator"], condition["match_value"])


def charge_scope(charge: dict, rules: dict[str, list[dict[str, str]]]) -> str:
    """The scope of seeds/scope_rules.csv's matching rule with the lowest priority."""
    best = None
    for rule_id, conditions in rules.items():
        first = conditions[0]
        valid_from, valid_to = first["valid_from"].strip(), first["valid_to"].strip()
        if valid_from and charge["charge_date"] < date.fromisoformat(valid_from):
            continue
        if valid_to and charge["charge_date"] >= date.fromisoformat(valid_to):
            continue
        if all(condition_matches(charge, c) for c in conditions):
            key = (int(first["priority"]), rule_id)
            if best is None or key < best[0]:
                best = (key, first["scope_id"].strip())
    return best[1] if best else "unallocated"


def data_platform_cloud_cost(db: Path, scopes: set[str]) -> Decimal:
    """Effective cost in March 2026 of the charges of the data_platform selection borne by
    the scopes: charged to them by the scope rules, plus their allocated shares."""
    match_columns = {
        c["match_column"].strip()
        for c in seed_rows("scope_rules") + seed_rows("kpi_cost_selections")
    }
    columns = sorted(
        {c for c in match_columns if not c.startswith("tag:")} | {"tags", "allocated_tags"}
    )
    names = ["charge_key", "charge_date", "effective_cost", *columns]
    charges = [
        dict(zip(names, row, strict=True))
        for row in query(
            db,
            f"select {', '.join(names)} from fct_charges "
            "where charge_date >= ? and charge_date < ?",
            [MONTH, NEXT_MONTH],
        )
    ]
    conditions = [
        c for c in seed_rows("kpi_cost_selections") if c["selection_id"] == "data_platform"
    ]
    selected = [
        charge for charge in charges if any(condition_matches(charge, c) for c in conditions)
    ]
    rules: dict[str, list[dict[str, str]]] = defaultdict(list)
    for condition in seed_rows("scope_rules"):
        rules[condition["rule_id"]].append(condition)
    direct = sum(
        (c["effective_cost"] for c in selected if charge_scope(c, rules) in scopes), Decimal(0)
    )
    selected_keys = [c["charge_key"] for c in selected]
    shared = query(
        db,
        "select coalesce(sum(allocated_effective_cost), 0) from fct_cost_allocations "
        "where recipient_scope_id in (select unnest(?)) and charge_key in (select unnest(?))",
        [sorted(scopes), selected_keys],
    )[0][0]
    return direct + shared


def kpi_row(db: Path, model: str, scope_id: str) -> dict:
    cursor_rows = query(
        db,
        f"select * from {model} where scope_id = ? and period_grain = 'month' "
        "and period_start = ? and cost_basis = 'effective'",
        [scope_id, MONTH],
    )
    assert len(cursor_rows) == 1, f"{model}: {len(cursor_rows)} rows for {scope_id} {MONTH}"
    names = [r[0] for r in query(db, f"select column_name from (describe {model})")]
    return dict(zip(names, cursor_rows[0], strict=True))


def close(actual: object, expected: Decimal, tolerance: Decimal = CENT) -> bool:
    return actual is not None and abs(Decimal(str(actual)) - expected) <= tolerance


# --------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------


def test_cost_to_revenue_of_storefront_in_march(built: dict) -> None:
    """Storefront's technology cost as % of revenue, unit revenue, unit cost and margin per
    transaction, from the value files, the TCO seed and its allocated cloud cost."""
    demo, db = built["demo"], built["db"]
    scopes = scope_subtree("storefront")
    row = kpi_row(db, "kpi_cost_to_revenue", "storefront")

    revenue = metric_in_month(demo, scopes, "revenue")
    transactions = metric_in_month(demo, scopes, "transactions")
    tco = tco_in_month(scopes)
    cloud = query(
        db,
        "select sum(cost) from fct_scope_costs where scope_id in (select unnest(?)) "
        "and cost_basis = 'effective' and cost_source = 'focus' "
        "and cost_date >= ? and cost_date < ?",
        [sorted(scopes), MONTH, NEXT_MONTH],
    )[0][0]
    cost = cloud + tco

    assert tco > 0, "the storefront's GBP licence runs January to June 2026"
    assert close(row["revenue"], revenue)
    assert close(row["tco_cost"], tco)
    assert close(row["cloud_cost"], cloud)
    assert close(row["technology_cost"], cost)
    assert close(row["cost_to_revenue_pct"], 100 * cost / revenue, Decimal("0.0001"))
    assert close(row["contribution_margin"], revenue - cost)
    assert close(
        row["contribution_margin_pct"], 100 * (revenue - cost) / revenue, Decimal("0.0001")
    )
    assert row["unit_metric"] == "transactions"
    assert close(row["units"], transactions, Decimal(0))
    assert close(row["unit_revenue"], revenue / transactions, Decimal("1e-9"))
    assert close(row["unit_cost"], cost / transactions, Decimal("1e-9"))
    assert close(
        row["contribution_margin_per_unit"], (revenue - cost) / transactions, Decimal("1e-9")
    )
    assert row["null_reason"] is None and row["unit_null_reason"] is None
    assert row["denominator_completeness_pct"] == 100


def test_revenue_in_eur_is_converted_at_the_month_rate(built: dict) -> None:
    """The 1000 EUR row reaches the KPI as 1000 x the March 2026 EUR/USD rate of the seed."""
    demo, db = built["demo"], built["db"]
    row = kpi_row(db, "kpi_cost_to_revenue", "storefront")
    usd_only = sum(
        (
            Decimal(r["value"])
            for r in value_rows(demo)
            if r["scope"] == "storefront"
            and r["metric"] == "revenue"
            and r["unit"] == "USD"
            and r["date"].startswith("2026-03")
        ),
        Decimal(0),
    )
    rate = fx_to_usd("EUR", MONTH)
    assert rate == Decimal("1.1650")
    assert close(Decimal(str(row["revenue"])) - usd_only, EUR_REVENUE * rate)


def test_attributed_revenue_is_not_counted_twice(built: dict) -> None:
    """data-platform's attributed revenue shows on its own row, marked attributed, and
    no ancestor adds it: digital-commerce is storefront + search, data-and-platform has none."""
    demo, db = built["demo"], built["db"]
    platform = kpi_row(db, "kpi_cost_to_revenue", "data-platform")
    attributed = metric_in_month(demo, {"data-platform"}, "revenue")
    assert attributed > 0
    assert close(platform["revenue"], attributed)
    assert close(platform["attributed_revenue"], attributed)

    commerce = kpi_row(db, "kpi_cost_to_revenue", "digital-commerce")
    assert close(
        commerce["revenue"], metric_in_month(demo, scope_subtree("digital-commerce"), "revenue")
    )
    assert close(commerce["attributed_revenue"], Decimal(0))

    parent = kpi_row(db, "kpi_cost_to_revenue", "data-and-platform")
    assert parent["revenue"] is None
    assert parent["cost_to_revenue_pct"] is None
    assert parent["null_reason"] == "no revenue in the period"
    assert parent["technology_cost"] is not None and parent["technology_cost"] > 0

    pools = query(
        db,
        "select count(*) from kpi_cost_to_revenue k join dim_scopes d using (scope_id) "
        "where d.is_shared_pool",
    )[0][0]
    assert pools == 0


def test_data_value_density_of_the_data_platform_in_march(built: dict) -> None:
    """Attributed revenue / (selected cloud cost + non-cloud TCO), and the value-leak flag."""
    demo, db = built["demo"], built["db"]
    scopes = scope_subtree("data-platform")
    row = kpi_row(db, "kpi_data_value_density", "data-platform")

    value = metric_in_month(demo, scopes, "revenue")
    tco = tco_in_month(scopes)
    cloud = data_platform_cloud_cost(db, scopes)
    density = value / (cloud + tco)

    assert cloud > 0 and tco > 0
    assert row["value_metric"] == "revenue"
    assert close(row["data_value"], value)
    assert close(row["non_cloud_tco"], tco)
    assert close(row["cloud_data_cost"], cloud)
    assert close(row["data_platform_tco"], cloud + tco)
    assert close(row["data_value_density"], density, Decimal("1e-9"))
    assert row["value_leak"] is (density <= 1)
    assert row["null_reason"] is None


def test_only_data_products_have_a_density(built: dict) -> None:
    db = built["db"]
    scopes = {r[0] for r in query(db, "select distinct scope_id from kpi_data_value_density")}
    assert scopes == scope_subtree("data-platform")
