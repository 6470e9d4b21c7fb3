"""The demo generator at larger sizes: cardinality that grows with the rows, bounded memory,
partitions split into part files, and money that does not fit in 64 bits.

Expected values come from the requirements (resources and tag sets per row, memory that does not
grow with the rows) or from an independent generation, never from this generator's output.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from unitcost import demo
from unitcost.demo import resources, writer

# End to end (several builds, a browser): `make test-e2e`, which CI runs too.
pytestmark = pytest.mark.e2e

BIG = 500_000  # large enough for the estate's full turnover, small enough for CI
PRODUCTS = {"storefront", "search", "assistant", "data-platform"}
TEAM_COST_CENTER = {
    "web": "CC-100",
    "search": "CC-200",
    "ml": "CC-300",
    "data": "CC-400",
    "platform": "CC-500",
}
IDENTITY_COLUMNS = {"ResourceId", "ResourceName", "Tags"}


def _focus(root: Path) -> str:
    return (root / "focus" / "**" / "*.parquet").as_posix()


def _connect(*roots: tuple[str, Path]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for name, root in roots:
        con.execute(
            f"create view {name} as select *, "
            f"replace(filename, '{root.as_posix()}', '') as file, file_row_number as rn "
            f"from read_parquet('{_focus(root)}', hive_partitioning = true, "
            "union_by_name = true, filename = true, file_row_number = true)"
        )
    return con


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo-big")
    demo.generate(path, rows=BIG, seed=5)
    return path


# ----------------------------------------------------------------------------- cardinality


def test_resources_and_tag_sets_grow_with_the_rows(big: Path) -> None:
    con = _connect(("focus", big))
    rows, resources_, tag_sets = con.execute(
        "select count(*), count(distinct ResourceId), count(distinct Tags) from focus"
    ).fetchone()
    assert rows == BIG
    assert resources_ >= BIG / 100  # a real estate: a resource per 50 to 80 rows
    assert tag_sets >= BIG / 10_000
    # resources are replaced over time: many live far less than the 13 months
    short_lived = con.execute(
        "select count(*) from (select ResourceId from focus where ChargeCategory = 'Usage' "
        "group by 1 having max(ChargePeriodStart) - min(ChargePeriodStart) < interval 100 days)"
    ).fetchone()[0]
    assert short_lived >= resources_ / 2


def test_tags_keep_their_vocabulary_and_add_a_service(big: Path) -> None:
    con = _connect(("focus", big))
    tags = [
        json.loads(r[0])
        for r in con.execute("select distinct Tags from focus where Tags is not null").fetchall()
    ]
    services = set()
    for t in tags:
        assert set(t) <= {"team", "product", "environment", "cost_center", "service"}, t
        if "product" in t:
            assert t["product"] in PRODUCTS
        if "team" in t:
            assert t["cost_center"] == TEAM_COST_CENTER[t["team"]]
        if t:
            assert t["environment"] in {"prod", "staging", "dev"}
        if "service" in t:  # a service belongs to the resource's product, else its team
            owner = t.get("product") or t["team"]
            assert t["service"].startswith(owner + "-"), t
            services.add(t["service"])
    assert {t["product"] for t in tags if "product" in t} == PRODUCTS
    assert {} in tags  # still an explicitly empty tag set
    assert len(services) >= 10
    # the same share of cost is untagged: null, {} or without a product
    share = con.execute(
        "select sum(EffectiveCost) filter (where Tags is null or Tags = '{}' "
        "or json_extract_string(Tags, '$.product') is null) / sum(EffectiveCost) "
        "from focus where BillingCurrency = 'USD'"
    ).fetchone()[0]
    assert Decimal("0.05") <= share <= Decimal("0.30")


def test_turnover_and_service_tags_change_identities_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Against the same size generated with a static estate (no turnover, no service tag):
    every cost, quantity, date and every team, product, environment and cost centre tag is
    the same row for row, so each scope gets the same cost."""
    rows = 200_000
    demo.generate(tmp_path / "estate", rows=rows, seed=3)
    static = resources.Estate(lifetimes=(0,) * len(demo.METERS), services=0)
    monkeypatch.setattr(resources.Estate, "for_rows", classmethod(lambda cls, *a: static))
    demo.generate(tmp_path / "static", rows=rows, seed=3)

    con = _connect(("a", tmp_path / "estate"), ("b", tmp_path / "static"))
    columns = [
        r[0]
        for r in con.execute("describe a").fetchall()
        if r[0] not in {"file", "rn", "filename", "file_row_number", *IDENTITY_COLUMNS}
    ]
    differing = ", ".join(
        f'count(*) filter (where a."{c}" is distinct from b."{c}")' for c in columns
    )
    tag_keys = ("team", "product", "environment", "cost_center")
    tag_differing = ", ".join(
        f"count(*) filter (where json_extract_string(a.Tags, '$.{k}') "
        f"is distinct from json_extract_string(b.Tags, '$.{k}'))"
        for k in tag_keys
    )
    result = con.execute(
        f"select count(*), count(a.rn), count(b.rn), {differing}, {tag_differing}, "
        "count(*) filter (where (a.Tags is null) <> (b.Tags is null) "
        "or (a.Tags = '{}') <> (b.Tags = '{}')), "
        "count(*) filter (where a.ResourceId <> b.ResourceId), "
        "count(*) filter (where a.Tags like '%\"service\"%'), "
        "count(*) filter (where b.Tags like '%\"service\"%') "
        "from a full join b using (file, rn)"
    ).fetchone()
    n, in_a, in_b, *diffs, renamed, with_service, static_service = result
    assert n == in_a == in_b == rows
    assert diffs == [0] * (len(columns) + len(tag_keys) + 1), dict(
        zip([*columns, *tag_keys, "untagged"], diffs, strict=True)
    )
    assert renamed > rows / 4 and with_service > rows / 2  # the estate did change identities
    assert static_service == 0


# ----------------------------------------------------------------------------- memory

_PEAK = textwrap.dedent(
    """
    import resource, subprocess, sys
    subprocess.run(sys.argv[1:], check=True)
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    """
)
_GENERATE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from unitcost import demo
    demo.generate(Path(sys.argv[1]), rows=int(sys.argv[2]), chunk_rows=int(sys.argv[3]))
    """
)


def _peak_rss_kib(out: Path, rows: int, chunk_rows: int) -> int:
    """Peak resident memory (KiB) of a fresh process generating `rows` rows."""
    generate = [sys.executable, "-c", _GENERATE, str(out), str(rows), str(chunk_rows)]
    result = subprocess.run(
        [sys.executable, "-c", _PEAK, *generate], capture_output=True, text=True, check=True
    )
    return int(result.stdout.strip())


def test_peak_memory_does_not_grow_with_the_rows(tmp_path: Path) -> None:
    # small chunks, so that the small size fills them too (chunks cap memory, not rows)
    chunk = 1 << 13
    small = _peak_rss_kib(tmp_path / "small", 300_000, chunk)
    large = _peak_rss_kib(tmp_path / "large", 2_000_000, chunk)
    written = sum(pq.read_metadata(f).num_rows for f in (tmp_path / "large").rglob("*.parquet"))
    assert written == 2_000_000
    # Holding the 1.7 M extra rows would take at least their 13 decimal columns of 16 bytes
    # (about 340 MiB); streaming adds only what a bigger estate needs (a few MiB of ids).
    extra_rows_decimals_kib = 1_700_000 * 13 * 16 / 1024
    assert large - small < extra_rows_decimals_kib / 4, (small, large)
    assert large < 1024 * 1024  # well under a GiB


# ----------------------------------------------------------------------------- files


def test_large_partitions_are_split_into_part_files(tmp_path: Path) -> None:
    rows, file_rows, chunk_rows = 60_000, 2_000, 700
    demo.generate(tmp_path / "one", rows=rows, seed=9)
    demo.generate(tmp_path / "split", rows=rows, seed=9, file_rows=file_rows, chunk_rows=chunk_rows)
    for folder in sorted((tmp_path / "one" / "focus").glob("provider=*/billing_period=*")):
        (single,) = sorted(folder.glob("*.parquet"))
        assert single.name == "part-00000.parquet"
        expected = pq.read_table(single)
        parts = sorted((tmp_path / "split" / folder.relative_to(tmp_path / "one")).iterdir())
        n_files = math.ceil(expected.num_rows / file_rows)
        assert [p.name for p in parts] == [f"part-{i:05d}.parquet" for i in range(n_files)]
        sizes = [pq.read_metadata(p).num_rows for p in parts]
        assert max(sizes) <= file_rows and max(sizes) - min(sizes) <= 1, (folder, sizes)
        for p in parts:
            meta = pq.read_metadata(p)
            groups = [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]
            assert max(groups) <= chunk_rows, (p, groups)
        # the same rows in the same order, only cut into files
        assert pa.concat_tables([pq.read_table(p) for p in parts]).equals(expected), folder
    values = "values/business_metrics.csv"
    assert (tmp_path / "one" / values).read_bytes() == (tmp_path / "split" / values).read_bytes()


# ----------------------------------------------------------------------------- money


def test_amounts_beyond_64_bit_fixed_point_are_written_exactly() -> None:
    # 12 decimals in a signed 64-bit integer hold at most 9,223,372.036854775807
    values = [
        Decimal("131500000.000000000000"),
        Decimal("-98765432109.123456789012"),
        None,
        Decimal("9223372.036854775808"),
    ]
    ints = [None if v is None else int(v.scaleb(12)) for v in values]
    arr = writer._decimal_array_of_ints(ints, 12)
    assert arr.type == pa.decimal128(38, 12)
    assert arr.to_pylist() == values
