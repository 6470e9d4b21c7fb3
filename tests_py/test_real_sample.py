"""The real, anonymized multi-provider FOCUS 1.0 sample builds end to end, nothing lost."""

from __future__ import annotations

import csv
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from conftest import SAMPLES, query

SAMPLE = SAMPLES / "multi-provider_aws-azure-oci" / "focus_sample.csv"


def provider_totals_from_file() -> dict[str, tuple[int, Decimal, Decimal, Decimal]]:
    """Rows, BilledCost, EffectiveCost and ListCost per provider, read with the csv module."""
    totals: dict[str, list] = defaultdict(lambda: [0, Decimal(0), Decimal(0), Decimal(0)])
    with SAMPLE.open(newline="") as handle:
        for row in csv.DictReader(handle):
            t = totals[row["ProviderName"]]
            t[0] += 1
            t[1] += Decimal(row["BilledCost"])
            t[2] += Decimal(row["EffectiveCost"])
            t[3] += Decimal(row["ListCost"])
    return {k: tuple(v) for k, v in totals.items()}


def test_every_row_is_staged_or_rejected(real_sample_db: Path) -> None:
    staged = query(real_sample_db, "select count(*) from fct_charges")[0][0]
    rejected = query(real_sample_db, "select count(*) from fct_charge_rejects")[0][0]
    rejects_without_reason = query(
        real_sample_db,
        "select count(*) from fct_charge_rejects where reject_reason is null or reject_reason = ''",
    )[0][0]
    assert staged + rejected == 1000
    assert rejects_without_reason == 0


def test_provider_totals_match_the_file(real_sample_db: Path) -> None:
    expected = provider_totals_from_file()
    # Sanity of the independent computation: the manifest's row counts.
    assert {k: v[0] for k, v in expected.items()} == {"AWS": 942, "Microsoft": 51, "Oracle": 7}
    rows = query(
        real_sample_db,
        """
        select provider_name, count(*), sum(billed_cost), sum(effective_cost), sum(list_cost)
        from fct_charges group by 1
        """,
    )
    staged = {r[0]: r[1:] for r in rows}
    rejected = dict(
        query(
            real_sample_db,
            "select raw_values::json->>'ProviderName', count(*) from fct_charge_rejects group by 1",
        )
    )
    for provider, (n, billed, effective, listed) in expected.items():
        got = staged.get(provider, (0, Decimal(0), Decimal(0), Decimal(0)))
        assert got[0] + rejected.get(provider, 0) == n
        # All sample rows are usable: every cost arrives, to the 1e-9.
        assert abs(got[1] - billed) < Decimal("1e-9"), provider
        assert abs(got[2] - effective) < Decimal("1e-9"), provider
        assert abs(got[3] - listed) < Decimal("1e-9"), provider


def test_the_sample_quirks_are_handled(real_sample_db: Path) -> None:
    # Oracle writes ChargeFrequency "Usage-based": normalised to the FOCUS spelling.
    freqs = {
        r[0] for r in query(real_sample_db, "select distinct charge_frequency from fct_charges")
    }
    assert freqs == {"Usage-Based", "One-Time"}
    # Microsoft tags carry the key " org": trimmed.
    keys = query(
        real_sample_db,
        """
        select
            count(*) filter (where tags like '%" org"%'),
            count(*) filter (where tags like '%"org"%')
        from fct_charges where provider_name = 'Microsoft'
        """,
    )[0]
    assert keys[0] == 0 and keys[1] > 0
    # NULL text is a real null: 893 AvailabilityZone values are NULL in the file.
    assert (
        query(real_sample_db, "select count(*) from fct_charges where availability_zone is null")[
            0
        ][0]
        == 893
    )
    # The unprefixed extra column "Id" is kept as an extension column.
    ids = query(
        real_sample_db, "select count(distinct extension_columns::json->>'Id') from fct_charges"
    )[0][0]
    assert ids == 1000
    # "YYYY-MM-DD HH:MM:SS" read as UTC.
    first = query(
        real_sample_db,
        "select charge_period_start from fct_charges where source_row_number = 1",
    )[0][0]
    assert str(first) == "2024-09-18 22:00:00"
    version = query(real_sample_db, "select distinct focus_version from fct_charges")
    assert version == [("1.0",)]


def test_charge_keys_are_unique_and_stable(real_sample_db: Path, tmp_path: Path) -> None:
    from conftest import run_unitcost

    # The same file under another name and folder gives the same keys.
    copy = tmp_path / "elsewhere" / "renamed.csv"
    copy.parent.mkdir()
    copy.write_bytes(SAMPLE.read_bytes())
    db = tmp_path / "again.duckdb"
    run_unitcost("build", "--focus", str(copy), "--db", str(db), check=True)
    first = {r[0] for r in query(real_sample_db, "select charge_key from fct_charges")}
    second = {r[0] for r in query(db, "select charge_key from fct_charges")}
    assert len(first) == 1000
    assert first == second
