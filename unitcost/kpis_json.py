"""`unitcost kpis --json`: the month's KPI rows as one JSON document, for scripts.

Rows are read from the KPI marts as they are (numbers as JSON numbers, dates as
ISO strings, nulls with the mart's null_reason); nothing is computed here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:
    from unitcost.kpis import Selection


def _value(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> list[dict]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, map(_value, row), strict=True)) for row in cursor.fetchall()]


MONTH = "period_grain = 'month' and period_start = ? and cost_basis = ?"


def _month(alias: str) -> str:
    """MONTH with every column qualified by a table alias."""
    return f"{alias}." + MONTH.replace(" and ", f" and {alias}.")


def document(con: duckdb.DuckDBPyConnection, selection: Selection) -> dict:
    """month, basis, currency and the KPI rows of the selection."""
    params = [selection.period, selection.basis]
    currency = con.execute(
        f"select any_value(reporting_currency) from kpi_cost_to_revenue where {MONTH}", params
    ).fetchone()[0]
    doc: dict = {
        "month": f"{selection.period:%Y-%m}",
        "basis": selection.basis,
        "currency": currency,
        "scope": selection.scope,
        "metric": selection.metric,
    }
    from unitcost.kpis import period_finality

    doc["is_final"], doc["finality_reason"] = period_finality(con, selection.period)
    where, extra = selection.scope_filter("scope_id")
    if selection.metric is None:
        doc["scopes"] = _rows(
            con,
            f"""
            select scopes.scope_id, scopes.scope_path, scopes.scope_type,
                revenue.technology_cost, revenue.revenue, revenue.cost_to_revenue_pct,
                revenue.null_reason as cost_to_revenue_null_reason,
                api.api_cost, api.api_calls, api.cost_per_api_call,
                api.null_reason as cost_per_api_call_null_reason,
                revenue.unit_metric, revenue.unit_cost, revenue.contribution_margin_per_unit,
                revenue.unit_null_reason
            from dim_scopes as scopes
            left join kpi_cost_to_revenue as revenue
                on scopes.scope_id = revenue.scope_id and {_month("revenue")}
            left join kpi_cost_per_api_call as api
                on scopes.scope_id = api.scope_id and {_month("api")}
            where true{where.replace("scope_id", "scopes.scope_id")}
            order by scopes.scope_path
            """,
            params + params + extra,
        )
        doc["ai_initiatives"] = _rows(
            con,
            "select scope_id, benefits, total_cost, roi_pct, null_reason, cumulative_since, "
            "cumulative_roi_pct, cumulative_null_reason "
            f"from kpi_ai_roi where {MONTH}{where} order by scope_id",
            params + extra,
        )
        doc["data_products"] = _rows(
            con,
            "select scope_id, data_value, data_platform_tco, data_value_density, value_leak, "
            f"null_reason from kpi_data_value_density where {MONTH}{where} order by scope_id",
            params + extra,
        )
    metric = (" and metric_id = ?", [selection.metric]) if selection.metric else ("", [])
    doc["unit_costs"] = _rows(
        con,
        "select scope_id, metric_id, numerator_cost, denominator_value, denominator_unit, "
        "unit_cost, unit_label, null_reason "
        f"from fct_unit_costs where {MONTH}{where}{metric[0]} order by scope_id, metric_id",
        params + extra + metric[1],
    )
    if selection.scope is None and selection.metric is None:
        coverage = _rows(
            con,
            "select any_value(month_direct_pct) as direct_pct, "
            "any_value(month_shared_pct) as shared_pct, "
            "any_value(month_unallocated_pct) as unallocated_pct "
            "from fct_allocation_coverage where cost_month = ?",
            [selection.period],
        )
        doc["allocation"] = coverage[0] if coverage else None
    return doc
