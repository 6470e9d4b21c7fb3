"""`unitcost build --json`: what the build staged, rejected and allocated, as data.

The numbers are read from the built marts (fct_charges, fct_charge_rejects,
fct_allocation_coverage, ...), the same ones the printed summary shows.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from unitcost.marts import open_marts, public_tables
from unitcost.units import unrecognised_units


def _number(value: object) -> object:
    return float(value) if isinstance(value, Decimal) else value


def summary_data(db: Path) -> dict:
    """Rows read, staged and rejected by rule; totals per provider and currency; allocation."""
    with open_marts(db, ("fct_charges", "fct_charge_rejects")) as con:
        read = con.execute(
            "select coalesce(sum(row_count), 0) from staging.stg_focus__file_totals"
        ).fetchone()[0]
        staged, currency = con.execute(
            "select count(*), any_value(reporting_currency) from fct_charges"
        ).fetchone()
        rejects = con.execute(
            "select reject_rule, count(*) from fct_charge_rejects group by 1 order by 2 desc, 1"
        ).fetchall()
        cursor = con.execute(
            """
            select provider_name, billing_currency, count(*) as rows,
                sum(billing_currency_billed_cost) as billed_cost,
                sum(billing_currency_effective_cost) as effective_cost,
                sum(billed_cost) as billed_cost_reporting,
                sum(effective_cost) as effective_cost_reporting
            from fct_charges group by 1, 2 order by 1, 2
            """
        )
        names = [d[0] for d in cursor.description]
        totals = [dict(zip(names, map(_number, r), strict=True)) for r in cursor.fetchall()]
        data: dict = {
            "reporting_currency": currency,
            "rows_read": int(read),
            "rows_staged": staged,
            "rows_rejected": sum(n for _, n in rejects),
            "rejected_by_rule": dict(rejects),
            "totals": totals,
            "allocation": None,
            "unrecognised_units": (
                unrecognised_units(con, "fct_unrecognised_units")
                if "fct_unrecognised_units" in public_tables(con)
                else []
            ),
        }
        if "fct_allocation_coverage" in public_tables(con):
            direct, shared, unallocated, total = con.execute(
                "select sum(direct_cost), sum(shared_cost), sum(unallocated_cost), "
                "sum(total_cost) from fct_allocation_coverage"
            ).fetchone()
            if total:
                data["allocation"] = {
                    "basis": "effective",
                    "direct_cost": float(direct),
                    "shared_cost": float(shared),
                    "unallocated_cost": float(unallocated),
                    "total_cost": float(total),
                    "direct_pct": round(100 * float(direct) / float(total), 4),
                    "shared_pct": round(100 * float(shared) / float(total), 4),
                    "unallocated_pct": round(100 * float(unallocated) / float(total), 4),
                }
    return data
