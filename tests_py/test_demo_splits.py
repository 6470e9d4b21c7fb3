"""FOCUS 1.3 split cost allocation on the demo (issue 11): Nimbus AI's shared deployment lands in
the scopes of its workloads' AllocatedTags, each part once, its unallocated part by the origin's
values. Expected values come from the demo's Parquet files and seeds/scope_rules.csv (read
directly), never from the build under test."""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import duckdb
from conftest import query, seed_rows


def _parts(demo: Path) -> list[tuple]:
    files = (demo / "focus" / "**" / "*.parquet").as_posix()
    return duckdb.sql(
        f"""
        select billing_period, AllocatedTags, EffectiveCost
        from read_parquet('{files}', hive_partitioning = true, union_by_name = true)
        where AllocatedMethodId is not null
        """
    ).fetchall()


def test_split_parts_land_in_their_workloads_scopes_once(demo_build: tuple[Path, Path]) -> None:
    demo, db = demo_build
    rules = seed_rows("scope_rules")
    product_scope = {
        r["match_value"]: r["scope_id"]
        for r in rules
        if r["match_column"] == "tag:product" and r["match_operator"] == "equals"
    }
    [provider_scope] = [
        r["scope_id"]
        for r in rules
        if r["match_column"] == "provider_name" and r["match_value"] == "Nimbus AI"
    ]
    expected: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for period, allocated_tags, cost in _parts(demo):
        product = json.loads(allocated_tags)["product"] if allocated_tags else None
        # the unallocated part keeps the origin's Tags (team=ml, no rule) and falls to the
        # provider's rule
        scope = product_scope[product] if product else provider_scope
        expected[(f"{period}-01", scope)] += cost
    assert len({scope for _, scope in expected}) == 3
    got = {
        (str(period), scope): cost
        for period, scope, cost in query(
            db,
            """
            select c.billing_period, s.scope_id, sum(s.effective_cost)
            from fct_charges as c
            inner join intermediate.int_charges_scoped as s using (charge_key)
            where c.allocated_method_id is not null
            group by 1, 2
            """,
        )
    }
    assert got == dict(expected)
    # every part is one charge in one scope: the scope costs of those charges add up to the
    # parts once (fct_scope_costs conserves each charge, tests/allocation)
    [(rows, charges)] = query(
        db,
        "select count(*), count(distinct charge_key) from intermediate.int_charges_scoped "
        "where charge_key in (select charge_key from fct_charges "
        "where allocated_method_id is not null)",
    )
    assert rows == charges == len(_parts(demo))
