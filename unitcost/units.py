"""The quantity units of a bill that seeds/units.csv does not know (fct_unrecognised_units).

`unitcost validate` and the build summary print them; `unitcost build --json` lists them.
A charge in such a unit keeps its cost, but no usage-based KPI counts its quantity.
"""

from __future__ import annotations

import duckdb

QUERY = """
    select unit, unit_column, coalesce(provider_name, '') as provider_name,
        charge_rows, effective_cost, reporting_currency
    from {relation}
    order by effective_cost desc nulls last, unit, unit_column, provider_name
"""


def unrecognised_units(con: duckdb.DuckDBPyConnection, relation: str) -> list[dict]:
    """One dict per unit, column and provider: unit, unit_column, provider_name,
    charge_rows, effective_cost (float), reporting_currency."""
    cursor = con.execute(QUERY.format(relation=relation))
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        row["effective_cost"] = float(row["effective_cost"] or 0)
    return rows


def describe(units: list[dict]) -> list[str]:
    """Lines for a terminal: one per unit, or nothing when every unit is known."""
    if not units:
        return []
    lines = [
        f"units not in seeds/units.csv ({len({u['unit'] for u in units})}): their quantities "
        "count in no usage KPI (add them to the seed)"
    ]
    for u in units:
        lines.append(
            f"  {u['unit']!r:<24}{u['unit_column']:<14}{u['provider_name'][:20]:<21}"
            f"{u['charge_rows']:>10,} rows{u['effective_cost']:>16,.2f} {u['reporting_currency']}"
        )
    return lines
