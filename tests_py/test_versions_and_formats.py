"""FOCUS 0.5 to 1.3 exports, CSV, gzip CSV, Parquet, hive folders and globs load into one table."""

from __future__ import annotations

import csv
import gzip
import io
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import SAMPLES, focus_row, query, run_unitcost, write_csv


def focus_columns() -> dict[str, str]:
    with (SAMPLES / "focus_columns.csv").open() as handle:
        return {r["column"]: r["introduced"] for r in csv.DictReader(handle)}


def to_parquet(path: Path, rows: list[dict], types: dict[str, pa.DataType]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = list(rows[0])
    arrays = []
    for name in columns:
        values = [r[name] for r in rows]
        kind = types.get(name, pa.string())
        if pa.types.is_decimal(kind):
            values = [Decimal(v) if v not in ("", None) else None for v in values]
        elif pa.types.is_timestamp(kind):
            values = [
                datetime.fromisoformat(v.replace("Z", "+00:00")) if v else None for v in values
            ]
        arrays.append(pa.array(values, type=kind))
    pq.write_table(pa.table(arrays, names=columns), path)
    return path


@pytest.fixture(scope="module")
def mixed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("mixed")
    exports = root / "exports"

    # FOCUS 0.5: pre-1.0 names.
    legacy = focus_row(BillingAccountId="acct-05", BilledCost="5.00")
    for new, old in [
        ("EffectiveCost", "AmortizedCost"),
        ("ChargeCategory", "ChargeType"),
        ("ProviderName", "Provider"),
        ("PublisherName", "Publisher"),
        ("InvoiceIssuerName", "InvoiceIssuer"),
    ]:
        legacy[old] = legacy.pop(new)
    legacy["AmortizedCost"] = "4.00"
    legacy["UsageQuantity"] = "3"
    legacy["UsageUnit"] = "Hours"
    legacy["Region"] = "eu-west-1"
    for dropped in [
        "ChargeClass",
        "ChargeDescription",
        "ChargeFrequency",
        "ContractedCost",
        "ListCost",
        "PricingQuantity",
        "PricingUnit",
    ]:
        legacy.pop(dropped)
    write_csv(exports / "v05" / "legacy.csv", [legacy])

    # FOCUS 1.0 as gzip CSV, headers in other cases.
    v10 = focus_row(
        BillingAccountId="acct-10",
        BilledCost="10.00",
        EffectiveCost="9.00",
        ChargeClass="NULL",
        SkuPriceId="sku-price-1",
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([k.lower() if k in ("BilledCost", "SkuPriceId") else k for k in v10])
    writer.writerow(list(v10.values()))
    (exports / "v10").mkdir(parents=True)
    (exports / "v10" / "export.csv.gz").write_bytes(gzip.compress(buffer.getvalue().encode()))

    # FOCUS 1.1 as typed Parquet (decimals, UTC timestamps).
    v11 = focus_row(
        BillingAccountId="acct-11",
        BilledCost="11.000000000001",
        EffectiveCost="11",
        ServiceSubcategory="Virtual Machines",
        SkuMeter="vCPU hours",
        ConsumedQuantity="2.5",
        ConsumedUnit="Hours",
    )
    types = {
        c: pa.decimal128(38, 12)
        for c in [
            "BilledCost",
            "EffectiveCost",
            "ListCost",
            "ContractedCost",
            "PricingQuantity",
            "ConsumedQuantity",
        ]
    }
    types.update(
        {
            c: pa.timestamp("us", tz="UTC")
            for c in [
                "BillingPeriodStart",
                "BillingPeriodEnd",
                "ChargePeriodStart",
                "ChargePeriodEnd",
            ]
        }
    )
    to_parquet(exports / "v11" / "export.parquet", [v11], types)

    # FOCUS 1.2 in a hive-partitioned folder, with an x_ extension column.
    v12 = focus_row(
        BillingAccountId="acct-12",
        BilledCost="12.00",
        EffectiveCost="12.00",
        InvoiceId="INV-1",
        BillingAccountType="Billing Profile",
        x_Operation="RunInstances",
    )
    to_parquet(
        exports / "v12" / "provider=example" / "billing_period=2024-09" / "part-0.parquet",
        [v12],
        types,
    )

    # FOCUS 1.3: ServiceProviderName and HostProviderName instead of ProviderName/PublisherName.
    v13 = focus_row(
        BillingAccountId="acct-13",
        BilledCost="13.00",
        EffectiveCost="13.00",
        AllocatedMethodId="even-split",
    )
    v13.pop("ProviderName")
    v13.pop("PublisherName")
    v13["ServiceProviderName"] = "Nimbus AI"
    v13["HostProviderName"] = "Example Cloud"
    write_csv(root / "elsewhere" / "focus-1.3-export.csv", [v13])

    db = root / "mixed.duckdb"
    run_unitcost(
        "build",
        "--focus",
        str(exports),
        "--focus",
        str(root / "elsewhere" / "*.csv"),
        "--db",
        str(db),
        check=True,
    )
    return root, db


def test_every_focus_column_is_present(mixed_build: tuple[Path, Path]) -> None:
    _, db = mixed_build
    columns = {
        r[0]
        for r in query(
            db,
            "select column_name from information_schema.columns where table_name = 'fct_charges'",
        )
    }
    import re

    expected = {re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", c).lower() for c in focus_columns()}
    assert len(expected) == 65
    assert expected <= columns


def test_versions_are_detected_per_file(mixed_build: tuple[Path, Path]) -> None:
    _, db = mixed_build
    rows = dict(query(db, "select billing_account_id, focus_version from fct_charges"))
    assert rows == {
        "acct-05": "0.5",
        "acct-10": "1.0",
        "acct-11": "1.1",
        "acct-12": "1.2",
        "acct-13": "1.3",
    }


def test_values_arrive_mapped_and_typed(mixed_build: tuple[Path, Path]) -> None:
    _, db = mixed_build
    got = {
        r[0]: r[1:]
        for r in query(
            db,
            """
        select billing_account_id, billed_cost, effective_cost, consumed_quantity, region_id,
               region_name, provider_name, service_provider_name, charge_class, sku_price_id,
               charge_period_start, extension_columns
        from fct_charges
        """,
        )
    }
    start = datetime(2024, 9, 5)
    assert got["acct-05"] == (
        Decimal("5"),
        Decimal("4"),
        Decimal("3"),
        "eu-west-1",
        "eu-west-1",
        "Example Cloud",
        "Example Cloud",
        None,
        None,
        start,
        None,
    )
    assert got["acct-10"][:2] == (Decimal("10"), Decimal("9"))
    assert got["acct-10"][7:9] == (None, "sku-price-1")  # "NULL" is null; lower-case header matched
    assert got["acct-11"][:3] == (Decimal("11.000000000001"), Decimal("11"), Decimal("2.5"))
    assert got["acct-11"][9] == start  # typed UTC timestamp
    assert got["acct-12"][-1] == '{"x_Operation":"RunInstances"}'
    assert got["acct-13"][5:7] == ("Nimbus AI", "Nimbus AI")


def test_files_are_listed_with_format_and_export(mixed_build: tuple[Path, Path]) -> None:
    root, db = mixed_build
    files = query(
        db,
        "select source_file, file_format, export_id, legacy_columns_mapped "
        "from staging.stg_focus__files order by 1",
    )
    assert len(files) == 5
    by_name = {Path(f[0]).name: f[1:] for f in files}
    assert by_name["export.csv.gz"][0] == "csv"
    assert by_name["part-0.parquet"][0] == "parquet"
    assert by_name["part-0.parquet"][1].endswith("billing_period=2024-09")
    assert "AmortizedCost -> EffectiveCost" in by_name["legacy.csv"][2]
    assert "Region -> RegionName" in by_name["legacy.csv"][2]
