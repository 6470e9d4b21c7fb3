"""The demo data generator: what a user of `unitcost demo` relies on.

Expected values are worked out here from the issue's requirements and the FOCUS 1.2
specification, never read back from the generator.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from unitcost import demo

ROWS = 5_000
SEED = 7
PROVIDER_SLUGS = {"aws", "azure", "gcp", "nimbus-ai"}
PROVIDER_NAMES = {"AWS", "Microsoft", "Google Cloud", "Nimbus AI"}
PERIODS = [f"{y}-{m:02d}" for y, m in [(2025, 10), (2025, 11), (2025, 12)]] + [
    f"2026-{m:02d}" for m in range(1, 11)
]
PRODUCTS = {"storefront", "search", "assistant", "data-platform"}
TEAM_COST_CENTER = {
    "web": "CC-100",
    "search": "CC-200",
    "ml": "CC-300",
    "data": "CC-400",
    "platform": "CC-500",
}

# FOCUS 1.2 Cost and Usage columns and their data types (specification, 57 columns).
FOCUS_1_2 = {
    "AvailabilityZone": "String",
    "BilledCost": "Decimal",
    "BillingAccountId": "String",
    "BillingAccountName": "String",
    "BillingAccountType": "String",
    "BillingCurrency": "String",
    "BillingPeriodEnd": "Date/Time",
    "BillingPeriodStart": "Date/Time",
    "CapacityReservationId": "String",
    "CapacityReservationStatus": "String",
    "ChargeCategory": "String",
    "ChargeClass": "String",
    "ChargeDescription": "String",
    "ChargeFrequency": "String",
    "ChargePeriodEnd": "Date/Time",
    "ChargePeriodStart": "Date/Time",
    "CommitmentDiscountCategory": "String",
    "CommitmentDiscountId": "String",
    "CommitmentDiscountName": "String",
    "CommitmentDiscountQuantity": "Decimal",
    "CommitmentDiscountStatus": "String",
    "CommitmentDiscountType": "String",
    "CommitmentDiscountUnit": "String",
    "ConsumedQuantity": "Decimal",
    "ConsumedUnit": "String",
    "ContractedCost": "Decimal",
    "ContractedUnitPrice": "Decimal",
    "EffectiveCost": "Decimal",
    "InvoiceId": "String",
    "InvoiceIssuerName": "String",
    "ListCost": "Decimal",
    "ListUnitPrice": "Decimal",
    "PricingCategory": "String",
    "PricingCurrency": "String",
    "PricingCurrencyContractedUnitPrice": "Decimal",
    "PricingCurrencyEffectiveCost": "Decimal",
    "PricingCurrencyListUnitPrice": "Decimal",
    "PricingQuantity": "Decimal",
    "PricingUnit": "String",
    "ProviderName": "String",
    "PublisherName": "String",
    "RegionId": "String",
    "RegionName": "String",
    "ResourceId": "String",
    "ResourceName": "String",
    "ResourceType": "String",
    "ServiceCategory": "String",
    "ServiceName": "String",
    "ServiceSubcategory": "String",
    "SkuId": "String",
    "SkuMeter": "String",
    "SkuPriceDetails": "JSON",
    "SkuPriceId": "String",
    "SubAccountId": "String",
    "SubAccountName": "String",
    "SubAccountType": "String",
    "Tags": "JSON",
}
# The FOCUS 1.3 split allocation columns Nimbus AI's files add after ContractApplied.
FOCUS_1_3_ALLOCATED = [
    "AllocatedMethodId",
    "AllocatedMethodDetails",
    "AllocatedResourceId",
    "AllocatedResourceName",
    "AllocatedTags",
]
ARROW_TYPES = {
    "String": pa.string(),
    "JSON": pa.string(),
    "Decimal": pa.decimal128(38, 12),
    "Date/Time": pa.timestamp("us", tz="UTC"),
}
# FOCUS 1.2 allowed ServiceSubcategory values of the categories a cloud bill commonly uses.
SUBCATEGORIES = {
    "AI and Machine Learning": {
        "AI Platforms",
        "Bots",
        "Generative AI",
        "Machine Learning",
        "Natural Language Processing",
        "Other (AI and Machine Learning)",
    },
    "Compute": {
        "Containers",
        "End User Computing",
        "Quantum Compute",
        "Serverless Compute",
        "Virtual Machines",
        "Other (Compute)",
    },
    "Databases": {
        "Caching",
        "Data Warehouses",
        "Ledger Databases",
        "NoSQL Databases",
        "Relational Databases",
        "Time Series Databases",
        "Other (Databases)",
    },
    "Integration": {"API Management", "Messaging", "Workflow Orchestration", "Other (Integration)"},
    "Management and Governance": {
        "Architecture",
        "Compliance",
        "Cost Management",
        "Data Governance",
        "Disaster Recovery",
        "Endpoint Management",
        "Observability",
        "Support",
        "Other (Management and Governance)",
    },
    "Networking": {
        "Application Networking",
        "Content Delivery",
        "Network Connectivity",
        "Network Infrastructure",
        "Network Routing",
        "Network Security",
        "Other (Networking)",
    },
    "Storage": {
        "Backup Storage",
        "Block Storage",
        "File Storage",
        "Object Storage",
        "Storage Platforms",
        "Other (Storage)",
    },
    "Other": {"Other (Other)"},
}
VALUE_METRICS = {  # scope -> {metric: unit}
    "storefront": {
        "api_calls": "Requests",
        "revenue": "USD",
        "customers": "Count",
        "active_users": "Count",
        "transactions": "Count",
        "authorized_users": "Count",
    },
    "search": {
        "api_calls": "Requests",
        "revenue": "USD",
        "customers": "Count",
        "active_users": "Count",
        "seats": "Count",
        "authorized_users": "Count",
    },
    "assistant": {
        "api_calls": "Requests",
        "tokens": "Tokens",
        "revenue": "USD",
        "customers": "Count",
        "active_users": "Count",
        "assists": "Count",
        "cases_resolved": "Count",
        "cases_deflected": "Count",
        "ai_financial_benefit": "USD",
        "alternative_daily_cost": "USD",
        "service_requests": "Count",
        "agent_actions": "Count",
        "seats": "Count",
        "authorized_users": "Count",
    },
    "data-platform": {
        "gb_stored": "GB",
        "active_users": "Count",
        "data_value_index": "Index",
        "revenue": "USD",
        "workloads": "Count",
        "authorized_users": "Count",
    },
}
# Stocks counted once a month and reported as each day's snapshot.
MONTHLY_STOCKS = {("search", "seats"), ("assistant", "seats")} | {
    (scope, "authorized_users") for scope in PRODUCTS
}
FIRST_DAY, LAST_DAY = date(2025, 10, 1), date(2026, 10, 31)


def _utc(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=UTC)


def _next_month(d: date) -> date:
    return date(d.year + d.month // 12, d.month % 12 + 1, 1)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo")
    demo.generate(path, rows=ROWS, seed=SEED)
    return path


@pytest.fixture(scope="module")
def con(out: Path) -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    files = (out / "focus" / "**" / "*.parquet").as_posix()
    c.execute(
        f"create view focus as select * from read_parquet('{files}', "
        "hive_partitioning = true, union_by_name = true)"
    )
    return c


def one(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    return con.execute(sql).fetchone()[0]


def parquet_files(root: Path) -> list[Path]:
    return sorted((root / "focus").rglob("*.parquet"))


# ----------------------------------------------------------------------------- layout, size


def test_layout_is_one_file_per_provider_and_billing_period(out: Path) -> None:
    expected = {
        out / "focus" / f"provider={slug}" / f"billing_period={p}" / "part-00000.parquet"
        for slug in PROVIDER_SLUGS
        for p in PERIODS
    }
    assert set(parquet_files(out)) == expected
    assert (out / "values" / "business_metrics.csv").is_file()
    assert "synthetic" in (out / "README.md").read_text(encoding="utf-8")


def test_row_count_is_exactly_what_was_asked(out: Path, tmp_path: Path) -> None:
    assert sum(pq.read_metadata(f).num_rows for f in parquet_files(out)) == ROWS
    summary = demo.generate(tmp_path, rows=demo.MIN_ROWS, seed=1)
    assert sum(pq.read_metadata(f).num_rows for f in parquet_files(tmp_path)) == demo.MIN_ROWS
    text = demo.format_summary(summary)  # what `unitcost demo` prints
    assert f"{demo.MIN_ROWS:,}" in text
    for name in (
        "AWS",
        "Microsoft",
        "Google Cloud",
        "Nimbus AI",
        "USD",
        "EUR",
        "2025-10",
        "2026-10",
        str(tmp_path),
    ):
        assert name in text


def test_too_few_rows_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="rows must be at least"):
        demo.generate(tmp_path, rows=demo.MIN_ROWS - 1)
    with pytest.raises(ValueError, match="rows must be at least"):
        demo.generate(tmp_path, rows=100)
    assert not (tmp_path / "focus").exists()


def test_default_size_is_documented_and_builds(tmp_path: Path) -> None:
    summary = demo.generate(tmp_path)  # rows=None: the default
    assert summary["rows"] == demo.DEFAULT_ROWS
    assert 20_000 <= demo.DEFAULT_ROWS <= 50_000
    assert sum(pq.read_metadata(f).num_rows for f in parquet_files(tmp_path)) == summary["rows"]


def test_same_seed_same_bytes_other_seed_other_data(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    demo.generate(a, rows=4_000, seed=11)
    demo.generate(b, rows=4_000, seed=11)
    demo.generate(c, rows=4_000, seed=12)

    def files(root: Path) -> dict[str, bytes]:
        return {
            str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
        }

    fa, fb, fc = files(a), files(b), files(c)
    assert fa.keys() == fb.keys() == fc.keys()
    assert fa == fb
    differing = [name for name in fa if fa[name] != fc[name]]
    assert "values/business_metrics.csv" in differing
    assert sum(name.endswith(".parquet") for name in differing) >= 40


# ----------------------------------------------------------------------------- schema


def test_every_file_has_the_57_focus_1_2_columns_with_focus_types(out: Path) -> None:
    assert len(FOCUS_1_2) == 57
    for path in parquet_files(out):
        schema = pq.read_schema(path)
        names = schema.names
        assert names[:57] == sorted(FOCUS_1_2), path
        for name, focus_type in FOCUS_1_2.items():
            assert schema.field(name).type == ARROW_TYPES[focus_type], (path, name)
        extra = names[57:]
        if "provider=nimbus-ai" in str(path):  # FOCUS 1.3 (issue 11)
            added = ["ContractApplied", *FOCUS_1_3_ALLOCATED]
            assert extra[: len(added)] == added, (path, extra)
            for name in added:
                assert schema.field(name).type == pa.string(), (path, name)
            extra = extra[len(added) :]
        assert len(extra) == 1 and extra[0].startswith("x_"), (path, extra)
        assert schema.field(extra[0]).type == pa.string()


def test_json_columns_hold_json_objects(con: duckdb.DuckDBPyConnection) -> None:
    for col in ("Tags", "SkuPriceDetails"):
        values = [
            r[0]
            for r in con.execute(
                f"select distinct {col} from focus where {col} is not null"
            ).fetchall()
        ]
        assert values
        assert all(isinstance(json.loads(v), dict) for v in values)


# ----------------------------------------------------------------------------- providers, time


def test_four_providers_with_consistent_names(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        "select provider, count(distinct ProviderName), count(distinct PublisherName), "
        "count(distinct InvoiceIssuerName), any_value(ProviderName), "
        "count(distinct BillingAccountId), count(distinct SubAccountId) "
        "from focus group by provider"
    ).fetchall()
    assert {r[0] for r in rows} == PROVIDER_SLUGS
    assert {r[4] for r in rows} == PROVIDER_NAMES
    for slug, n_prov, n_pub, n_issuer, _, n_accounts, n_subs in rows:
        assert (n_prov, n_pub, n_issuer) == (1, 1, 1), slug
        assert 1 <= n_accounts <= 2, slug
        assert n_subs >= 3, slug


def test_thirteen_monthly_billing_periods(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        "select distinct billing_period, BillingPeriodStart, BillingPeriodEnd from focus order by 1"
    ).fetchall()
    assert [r[0] for r in rows] == PERIODS
    for label, start, end in rows:
        first = date(int(label[:4]), int(label[5:]), 1)
        assert start == _utc(first)
        assert end == _utc(_next_month(first))


def test_usage_is_daily_within_its_billing_period(con: duckdb.DuckDBPyConnection) -> None:
    """Usage is daily, but for Nimbus AI's shared deployment: one deployment-month, split."""
    bad = one(
        con,
        """
        select count(*) from focus
        where ChargeCategory = 'Usage' and ChargeClass is null and (
            ChargePeriodEnd - ChargePeriodStart <> case
                when AllocatedMethodId is null then interval 1 day
                else BillingPeriodEnd - BillingPeriodStart end
            or ChargePeriodStart < BillingPeriodStart or ChargePeriodEnd > BillingPeriodEnd
            or ChargePeriodStart <> date_trunc('day', ChargePeriodStart))""",
    )
    assert bad == 0
    days = one(
        con, "select count(distinct ChargePeriodStart) from focus where ChargeCategory = 'Usage'"
    )
    assert days == (LAST_DAY - FIRST_DAY).days + 1


def test_at_least_two_billing_currencies(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute("select distinct BillingCurrency from focus").fetchall()
    currencies = {r[0] for r in rows}
    assert {"USD", "EUR"} <= currencies <= {"USD", "EUR", "GBP"}
    assert one(con, "select count(*) from focus where PricingCurrency <> BillingCurrency") == 0
    # one Azure billing account bills in EUR
    assert (
        one(
            con,
            "select count(distinct BillingAccountId) from focus "
            "where ProviderName = 'Microsoft' and BillingCurrency = 'EUR'",
        )
        == 1
    )


# ----------------------------------------------------------------------------- row kinds


def test_every_kind_of_row_is_present(con: duckdb.DuckDBPyConnection) -> None:
    def count(where: str) -> int:
        return one(con, f"select count(*) from focus where {where}")

    assert count("ChargeCategory = 'Purchase' and BilledCost > 0 and EffectiveCost = 0") >= 2
    assert count("ChargeCategory = 'Credit' and BilledCost < 0 and EffectiveCost < 0") >= 1
    assert count("ChargeCategory = 'Tax' and BilledCost > 0") >= 13
    assert (
        count(
            "CommitmentDiscountStatus = 'Unused' and ChargeCategory = 'Usage' "
            "and EffectiveCost > 0 and BilledCost = 0"
        )
        >= 1
    )
    assert (
        count(
            "CommitmentDiscountStatus = 'Used' and PricingCategory = 'Committed' "
            "and BilledCost = 0 and EffectiveCost > 0"
        )
        >= 1
    )
    # a correction arriving in a later billing period than the charge it corrects
    assert (
        count(
            "ChargeClass = 'Correction' and ChargePeriodStart < BillingPeriodStart "
            "and BilledCost < 0"
        )
        >= 1
    )
    assert count("ChargeClass is not null and ChargeClass <> 'Correction'") == 0


def test_nulls_where_focus_requires_them(con: duckdb.DuckDBPyConnection) -> None:
    def count(where: str) -> int:
        return one(con, f"select count(*) from focus where {where}")

    assert (
        count(
            "ChargeCategory = 'Tax' and (PricingCategory is not null or SkuId is not null "
            "or PricingQuantity is not null or ListUnitPrice is not null)"
        )
        == 0
    )
    assert (
        count(
            "ChargeCategory <> 'Usage' and (ConsumedQuantity is not null "
            "or ConsumedUnit is not null)"
        )
        == 0
    )
    assert count("CommitmentDiscountStatus = 'Unused' and ConsumedQuantity is not null") == 0
    assert (
        count(
            "CommitmentDiscountId is null and (CommitmentDiscountStatus is not null "
            "or CommitmentDiscountType is not null or CommitmentDiscountCategory is not null "
            "or CommitmentDiscountQuantity is not null or CommitmentDiscountName is not null)"
        )
        == 0
    )
    assert (
        count(
            "ChargeCategory = 'Usage' and ChargeClass is null and "
            "coalesce(CommitmentDiscountStatus, '') <> 'Unused' and "
            "(ConsumedQuantity is null or ConsumedUnit is null)"
        )
        == 0
    )
    assert (
        count(
            "ChargeCategory in ('Usage', 'Purchase') and ChargeClass is null and "
            "(SkuId is null or SkuPriceId is null or PricingCategory is null "
            "or ListUnitPrice is null or ContractedUnitPrice is null "
            "or PricingQuantity is null or PricingUnit is null)"
        )
        == 0
    )
    assert count("CapacityReservationId is not null or CapacityReservationStatus is not null") == 0


def test_costs_are_consistent_with_prices_and_quantities(con: duckdb.DuckDBPyConnection) -> None:
    def count(where: str) -> int:
        return one(con, f"select count(*) from focus where {where}")

    assert (
        count(
            "ChargeClass is null and ListUnitPrice is not null "
            "and ListCost <> ListUnitPrice * PricingQuantity"
        )
        == 0
    )
    assert (
        count(
            "ChargeClass is null and ContractedUnitPrice is not null "
            "and ContractedCost <> ContractedUnitPrice * PricingQuantity"
        )
        == 0
    )
    # on-demand usage billed as incurred: effective cost is the billed cost
    assert (
        count(
            "ChargeCategory = 'Usage' and PricingCategory = 'Standard' "
            "and CommitmentDiscountId is null and BilledCost <> 0 "
            "and EffectiveCost <> BilledCost"
        )
        == 0
    )
    assert (
        count(
            "PricingCurrencyEffectiveCost <> EffectiveCost "
            "or PricingCurrencyListUnitPrice <> ListUnitPrice "
            "or PricingCurrencyContractedUnitPrice <> ContractedUnitPrice"
        )
        == 0
    )
    assert count("ContractedUnitPrice > ListUnitPrice") == 0
    assert (
        count(
            "ChargeCategory = 'Credit' and not (ListCost = BilledCost "
            "and ContractedCost = BilledCost and EffectiveCost = BilledCost)"
        )
        == 0
    )


def test_commitment_amortization_equals_purchase_price(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute("""
        select CommitmentDiscountId,
               sum(BilledCost) filter (where ChargeCategory = 'Purchase'),
               sum(EffectiveCost) filter (where CommitmentDiscountStatus in ('Used', 'Unused')),
               sum(EffectiveCost) filter (where ChargeCategory = 'Purchase'),
               sum(BilledCost) filter (where ChargeCategory = 'Usage')
        from focus where CommitmentDiscountId is not null group by 1""").fetchall()
    assert len(rows) >= 1
    for cid, purchased, amortized, purchase_effective, usage_billed in rows:
        assert purchased > 0, cid
        assert amortized == purchased, cid  # to the last decimal, not only the cent
        assert purchase_effective == 0 and usage_billed == 0, cid

    # The AWS Savings Plan: $3.50/hour for 365 days, all upfront, bought in 2025-10.
    sp = con.execute("""
        select CommitmentDiscountId, BilledCost, ChargeFrequency, billing_period
        from focus where ChargeCategory = 'Purchase' and ProviderName = 'AWS'
          and CommitmentDiscountType = 'Savings Plan'""").fetchall()
    assert len(sp) == 1
    sp_id, price, frequency, period = sp[0]
    assert price == Decimal("3.50") * 24 * 365
    assert (frequency, period) == ("One-Time", "2025-10")
    daily = con.execute(
        """
        select ChargePeriodStart, sum(EffectiveCost) from focus
        where CommitmentDiscountId = ? and ChargeCategory = 'Usage' group by 1""",
        [sp_id],
    ).fetchall()
    assert len(daily) == 365
    assert {v for _, v in daily} == {Decimal("3.50") * 24}


def test_prepaid_tokens_are_drawn_down(con: duckdb.DuckDBPyConnection) -> None:
    purchase = con.execute("""
        select BilledCost, EffectiveCost, ChargePeriodStart from focus
        where ProviderName = 'Nimbus AI' and ChargeCategory = 'Purchase'""").fetchall()
    assert len(purchase) == 1
    price, effective, start = purchase[0]
    assert price > 0 and effective == 0
    drawn = con.execute("""
        select sum(EffectiveCost), count(distinct billing_period), min(ChargePeriodStart)
        from focus where ProviderName = 'Nimbus AI' and ChargeCategory = 'Usage'
          and BilledCost = 0 and EffectiveCost > 0""").fetchone()
    assert drawn[0] == price
    assert drawn[1] >= 1 and drawn[2] >= start


# ----------------------------------------------------------------------------- services, units


def test_services_and_units_a_model_author_converts(con: duckdb.DuckDBPyConnection) -> None:
    pairs = set(
        con.execute("select distinct ServiceCategory, ServiceSubcategory from focus").fetchall()
    )
    for category, sub in pairs:
        assert sub in SUBCATEGORIES[category], (category, sub)
    categories = {c for c, _ in pairs}
    assert {
        "Compute",
        "Storage",
        "Databases",
        "Networking",
        "Integration",
        "AI and Machine Learning",
    } <= categories

    units = set(
        con.execute(
            "select distinct ProviderName, ConsumedUnit, PricingUnit from focus "
            "where ConsumedUnit is not null"
        ).fetchall()
    )
    assert ("AWS", "Hours", "Hours") in units
    assert ("AWS", "GB-Months", "GB-Months") in units
    assert ("Microsoft", "GB/Month", "GB/Month") in units
    assert ("AWS", "Requests", "1000000 Requests") in units
    assert ("Nimbus AI", "Tokens", "1000000 Tokens") in units
    assert (
        one(
            con,
            "select count(*) from focus where PricingUnit = '1000000 Requests' "
            "and ChargeClass is null and "
            "PricingQuantity * 1000000 <> ConsumedQuantity",
        )
        == 0
    )
    tiers = {
        r[0]
        for r in con.execute(
            "select distinct SkuMeter from focus where ServiceCategory = 'Storage'"
        ).fetchall()
    }
    assert any("Standard" in t for t in tiers)
    assert any("Infrequent" in t for t in tiers)
    assert any("Archive" in t for t in tiers)
    ai = con.execute(
        "select distinct ServiceCategory, ServiceSubcategory from focus "
        "where ProviderName = 'Nimbus AI' and ChargeCategory = 'Usage'"
    ).fetchall()
    assert ai == [("AI and Machine Learning", "Generative AI")]


def test_usage_grows_and_one_price_is_cut(con: duckdb.DuckDBPyConnection) -> None:
    def month_total(where: str, period: str) -> Decimal:
        return one(
            con,
            f"select sum(ConsumedQuantity) from focus where {where} "
            f"and billing_period = '{period}' and ChargeClass is null",
        )

    tokens = "ProviderName = 'Nimbus AI' and ConsumedUnit = 'Tokens'"
    requests = "ConsumedUnit = 'Requests'"
    assert month_total(tokens, "2026-10") > 2 * month_total(tokens, "2025-10")
    assert month_total(requests, "2026-10") > month_total(requests, "2025-10")
    cuts = con.execute("""
        select SkuId, min(ListUnitPrice), max(ListUnitPrice),
               max(ChargePeriodStart) filter (where ListUnitPrice = (
                   select max(ListUnitPrice) from focus f2 where f2.SkuId = focus.SkuId
                     and f2.ChargeCategory = 'Usage')),
               min(ChargePeriodStart) filter (where ListUnitPrice = (
                   select min(ListUnitPrice) from focus f2 where f2.SkuId = focus.SkuId
                     and f2.ChargeCategory = 'Usage'))
        from focus where ChargeCategory = 'Usage' and ChargeClass is null
        group by SkuId having min(ListUnitPrice) < max(ListUnitPrice)""").fetchall()
    assert len(cuts) == 1  # prices are stable except one cut
    _, low, high, last_high, first_low = cuts[0]
    assert low < high and last_high < first_low


# ----------------------------------------------------------------------------- tags


def test_tags_use_the_agreed_keys_and_values(con: duckdb.DuckDBPyConnection) -> None:
    tags = [
        json.loads(r[0])
        for r in con.execute("select distinct Tags from focus where Tags is not null").fetchall()
    ]
    for t in tags:
        assert set(t) <= {"team", "product", "environment", "cost_center"}, t
        if "product" in t:
            assert t["product"] in PRODUCTS
        if "team" in t:
            assert t["cost_center"] == TEAM_COST_CENTER[t["team"]]
        if t:
            assert t["environment"] in {"prod", "staging", "dev"}
    assert {t["product"] for t in tags if "product" in t} == PRODUCTS
    assert {} in tags  # an explicitly empty tag set exists


def test_untagged_share_of_cost_is_realistic(con: duckdb.DuckDBPyConnection) -> None:
    share = one(
        con,
        """
        select sum(EffectiveCost) filter (
                   where json_extract_string(Tags, '$.product') is null
                       and json_extract_string(AllocatedTags, '$.product') is null)
               / sum(EffectiveCost)
        from focus where BillingCurrency = 'USD'""",
    )
    assert Decimal("0.05") <= share <= Decimal("0.30")
    # shared items carry no tags: tax, support fees, internet egress
    shared = one(
        con,
        "select count(*) from focus where Tags is not null and ("
        "ChargeCategory = 'Tax' or ServiceSubcategory = 'Support' "
        "or ServiceSubcategory = 'Network Connectivity')",
    )
    assert shared == 0


# ----------------------------------------------------------------------------- value data


def test_value_data_covers_every_day_scope_and_metric(out: Path) -> None:
    with (out / "values" / "business_metrics.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        assert next(reader) == ["date", "scope", "metric", "value", "unit", "source"]
        rows = list(reader)
    n_days = (LAST_DAY - FIRST_DAY).days + 1
    expected = {
        ((FIRST_DAY + timedelta(days=d)).isoformat(), scope, metric)
        for d in range(n_days)
        for scope, metrics in VALUE_METRICS.items()
        for metric in metrics
    }
    keys = [(r[0], r[1], r[2]) for r in rows]
    assert len(keys) == len(set(keys)) == len(expected) == n_days * 32
    assert set(keys) == expected
    for day, scope, metric, value, unit, source in rows:
        assert unit == VALUE_METRICS[scope][metric], (scope, metric)
        assert Decimal(value) >= 0, (day, scope, metric)
        assert source


def test_seats_and_authorized_users_are_monthly_whole_numbers(out: Path) -> None:
    by_month: dict[tuple[str, str, str], set[Decimal]] = defaultdict(set)
    busiest_day: dict[tuple[str, str], Decimal] = defaultdict(Decimal)  # (scope, month)
    with (out / "values" / "business_metrics.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            value = Decimal(row["value"])
            if (row["scope"], row["metric"]) in MONTHLY_STOCKS:
                by_month[row["scope"], row["metric"], row["date"][:7]].add(value)
            elif row["metric"] == "active_users":
                key = (row["scope"], row["date"][:7])
                busiest_day[key] = max(busiest_day[key], value)
    assert len(by_month) == len(MONTHLY_STOCKS) * len(PERIODS)
    for key, values in by_month.items():
        assert len(values) == 1, key  # one figure for the whole month
        (value,) = values
        assert value > 0 and value == value.to_integral_value(), key

    def month(scope: str, metric: str, period: str) -> Decimal:
        return next(iter(by_month[scope, metric, period]))

    for period in PERIODS:
        for scope in PRODUCTS:  # a user must be allowed to sign in to be active
            assert month(scope, "authorized_users", period) > busiest_day[scope, period]
        for scope in ("search", "assistant"):  # seats: their customers' staff, fewer
            assert month(scope, "seats", period) < month(scope, "authorized_users", period)
    for scope in ("search", "assistant"):
        assert month(scope, "seats", "2026-10") > month(scope, "seats", "2025-10"), scope


def test_value_data_grows_with_usage(out: Path, con: duckdb.DuckDBPyConnection) -> None:
    values = (out / "values" / "business_metrics.csv").as_posix()
    con.execute(f"create or replace view v as select * from read_csv('{values}', header = true)")

    def monthly(scope: str, metric: str, month: str) -> float:
        return one(
            con,
            f"select sum(value) from v where scope = '{scope}' and "
            f"metric = '{metric}' and strftime(date, '%Y-%m') = '{month}'",
        )

    for scope, metric in [
        ("storefront", "api_calls"),
        ("assistant", "tokens"),
        ("assistant", "assists"),
        ("data-platform", "gb_stored"),
    ]:
        assert monthly(scope, metric, "2026-10") > monthly(scope, metric, "2025-10"), metric
    billed_tokens = one(
        con,
        "select sum(ConsumedQuantity) from focus where "
        "ProviderName = 'Nimbus AI' and ConsumedUnit = 'Tokens' and "
        "Tags like '%assistant%' and billing_period = '2026-06'",
    )
    logged_tokens = monthly("assistant", "tokens", "2026-06")
    assert 0.97 < logged_tokens / float(billed_tokens) < 1.03  # logs vs bill


# ----------------------------------------------------------------------------- FOCUS 1.3 splits


def test_nimbus_splits_its_shared_deployment_as_focus_1_3_says(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """Split cost allocation (FOCUS 1.3, Data Generator-Calculated Split Cost Allocation
    Handling): each month one origin charge of Nimbus AI's shared deployment appears only as
    allocated charges (AllocatedMethodId set) whose ratios sum to 1, whose costs and
    quantities are their ratio of the origin's, that repeat the origin's dimensions and Tags,
    whose AllocatedTags never repeat a key of Tags, and of which the unallocated part alone has
    no AllocatedResourceId."""
    parts = con.execute(
        """
        select billing_period, ProviderName, ResourceId, Tags, AllocatedMethodId,
               AllocatedMethodDetails, AllocatedResourceId, AllocatedResourceName, AllocatedTags,
               EffectiveCost, BilledCost, ListCost, PricingQuantity, ConsumedQuantity,
               ChargePeriodStart, SkuPriceId
        from focus where AllocatedMethodId is not null
        """
    ).fetchall()
    by_month: dict[str, list[tuple]] = defaultdict(list)
    for row in parts:
        by_month[row[0]].append(row)
    assert sorted(by_month) == PERIODS
    for month, rows in by_month.items():
        assert len({(r[1], r[2], r[3], r[4], r[14], r[15]) for r in rows}) == 1, month
        assert rows[0][1] == "Nimbus AI"
        ratios = [Decimal(str(json.loads(r[5])["Elements"][0]["AllocatedRatio"])) for r in rows]
        assert sum(ratios) == 1, month
        origin = {k: sum(r[k] for r in rows) for k in (9, 10, 11, 12, 13)}
        for r, ratio in zip(rows, ratios, strict=True):
            for k in (9, 10, 11, 12, 13):
                assert r[k] == ratio * origin[k], (month, k)
            tags = json.loads(r[3])
            if r[6] is None:  # the unallocated part
                assert r[7] is None and r[8] is None
            else:
                allocated = json.loads(r[8])
                assert allocated["product"] in PRODUCTS
                assert not set(allocated) & set(tags), (month, allocated, tags)
        assert sum(r[6] is None for r in rows) == 1, month
    # no origin row beside its parts: nothing else is billed on the deployment
    assert (
        one(
            con,
            "select count(*) from focus where AllocatedMethodId is null and ResourceId in "
            "(select ResourceId from focus where AllocatedMethodId is not null)",
        )
        == 0
    )
