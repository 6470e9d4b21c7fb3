"""The report's data: SQL against the public marts of a built database, nothing else.

Every function takes a read-only DuckDB connection and returns plain rows (dicts).
The marts already hold every KPI with its null_reason; the queries here only pick
the month, the basis and the scopes to show, and aggregate where a section shows
a total (the same aggregations `unitcost kpis` prints).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

REQUIRED_TABLES = {
    "fct_charges",
    "fct_charge_rejects",
    "fct_value_rejects",
    "fct_scope_costs",
    "fct_allocation_coverage",
    "fct_unit_costs",
    "dim_metrics",
    "dim_scopes",
    "kpi_cost_per_api_call",
    "kpi_cost_to_revenue",
    "kpi_ai_roi",
    "kpi_ai_time_to_value",
    "kpi_ai_time_to_value_summary",
    "kpi_cost_per_gb_stored",
    "kpi_data_value_density",
}


@dataclass
class ReportContext:
    """What the report is about: the month, the one before, the basis, the currency."""

    db: Path
    month: date
    previous: date
    basis: str
    currency: str
    months: list[date] = field(default_factory=list)


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    """The rows of a query as dicts keyed by column name."""
    result = con.execute(sql, params or [])
    names = [d[0] for d in result.description]
    return [dict(zip(names, r, strict=True)) for r in result.fetchall()]


def missing_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    present = {
        r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()
    }
    return REQUIRED_TABLES - present


def months_with_cost(con: duckdb.DuckDBPyConnection, basis: str) -> list[date]:
    """Calendar months with bill cost on the basis, oldest first."""
    return [
        r[0]
        for r in con.execute(
            """
            select distinct cast(date_trunc('month', cost_date) as date) as month
            from fct_scope_costs
            where cost_source = 'focus' and cost_basis = ?
            order by month
            """,
            [basis],
        ).fetchall()
    ]


def reporting_currency(con: duckdb.DuckDBPyConnection) -> str:
    row = con.execute(
        """
        select coalesce(
            (select any_value(reporting_currency) from fct_charges),
            (select any_value(reporting_currency) from fct_unit_costs)
        )
        """
    ).fetchone()
    return row[0] if row and row[0] else ""


# --- Headline -------------------------------------------------------------------


def total_cost(con: duckdb.DuckDBPyConnection, ctx: ReportContext) -> list[dict]:
    """All cost (bill + non-cloud TCO lines) in the month and the one before."""
    return rows(
        con,
        """
        select
            cast(date_trunc('month', cost_date) as date) as month,
            sum(cost) as total_cost,
            sum(case when cost_source = 'focus' then cost else 0 end) as bill_cost,
            sum(case when cost_source = 'tco' then cost else 0 end) as tco_cost
        from fct_scope_costs
        where cost_basis = ? and cost_date >= ? and cost_date < ? + interval 1 month
        group by 1
        """,
        [ctx.basis, ctx.previous, ctx.month],
    )


def coverage_months(con: duckdb.DuckDBPyConnection, ctx: ReportContext) -> list[dict]:
    """The month's direct / shared / unallocated split (effective basis), every month up to it."""
    return rows(
        con,
        """
        select
            cost_month as month,
            any_value(month_direct_pct) as direct_pct,
            any_value(month_shared_pct) as shared_pct,
            any_value(month_unallocated_pct) as unallocated_pct
        from fct_allocation_coverage
        where cost_month <= ?
        group by cost_month
        order by cost_month
        """,
        [ctx.month],
    )


def top_scopes(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Top-level scopes that bear cost themselves (business units), in path order."""
    return rows(
        con,
        """
        select scope_id, scope_name
        from dim_scopes
        where depth = 0 and not is_shared_pool
        order by scope_path
        """,
    )


def business_unit_kpis(con: duckdb.DuckDBPyConnection, ctx: ReportContext) -> list[dict]:
    """Cost to revenue and cost per API call of each top-level scope, this month and the last."""
    return rows(
        con,
        """
        with periods as (
            select unnest([cast(? as date), cast(? as date)]) as period_start
        ),

        units as (
            select scopes.scope_id, scopes.scope_name, scopes.scope_path, periods.period_start
            from dim_scopes as scopes
            cross join periods
            where scopes.depth = 0 and not scopes.is_shared_pool
        )

        select
            units.scope_id,
            units.scope_name,
            units.period_start,
            revenue.cost_to_revenue_pct,
            coalesce(
                revenue.null_reason, case when revenue.scope_id is null then 'no row' end
            ) as revenue_null_reason,
            api.cost_per_api_call,
            coalesce(
                api.null_reason, case when api.scope_id is null then 'no API cost or calls' end
            ) as api_null_reason
        from units
        left join kpi_cost_to_revenue as revenue
            on units.scope_id = revenue.scope_id
            and revenue.period_grain = 'month'
            and revenue.period_start = units.period_start
            and revenue.cost_basis = ?
        left join kpi_cost_per_api_call as api
            on units.scope_id = api.scope_id
            and api.period_grain = 'month'
            and api.period_start = units.period_start
            and api.cost_basis = ?
        order by units.scope_path, units.period_start
        """,
        [ctx.month, ctx.previous, ctx.basis, ctx.basis],
    )


# --- Unit costs -------------------------------------------------------------------


def unit_cost_trends(con: duckdb.DuckDBPyConnection, ctx: ReportContext) -> list[dict]:
    """Monthly unit cost of every active metric for every product scope, up to the month."""
    return rows(
        con,
        """
        select
            scopes.scope_id,
            scopes.scope_name,
            metrics.metric_id,
            metrics.metric_name,
            costs.unit_label,
            costs.period_start as month,
            costs.unit_cost,
            costs.null_reason
        from fct_unit_costs as costs
        inner join dim_metrics as metrics on costs.metric_id = metrics.metric_id
        inner join dim_scopes as scopes on costs.scope_id = scopes.scope_id
        where costs.period_grain = 'month'
            and costs.cost_basis = ?
            and costs.period_start <= ?
            and scopes.scope_type = 'product'
            and metrics.status = 'active'
        order by scopes.scope_path, metrics.metric_name, costs.period_start
        """,
        [ctx.basis, ctx.month],
    )


# --- Cost to revenue -----------------------------------------------------------------


def cost_to_revenue(con: duckdb.DuckDBPyConnection, ctx: ReportContext) -> list[dict]:
    """Every scope's cost to revenue and margin per unit in the month, with last month's %."""
    return rows(
        con,
        """
        select
            scopes.scope_id,
            scopes.scope_name,
            scopes.depth,
            current_month.technology_cost,
            current_month.revenue,
            current_month.attributed_revenue,
            current_month.cost_to_revenue_pct,
            current_month.null_reason,
            previous_month.cost_to_revenue_pct as previous_cost_to_revenue_pct,
            current_month.contribution_margin,
            current_month.unit_metric,
            current_month.units,
            current_month.unit_revenue,
            current_month.unit_cost,
            current_month.contribution_margin_per_unit,
            current_month.unit_null_reason
        from kpi_cost_to_revenue as current_month
        inner join dim_scopes as scopes on current_month.scope_id = scopes.scope_id
        left join kpi_cost_to_revenue as previous_month
            on current_month.scope_id = previous_month.scope_id
            and previous_month.period_grain = 'month'
            and previous_month.period_start = ?
            and previous_month.cost_basis = current_month.cost_basis
        where current_month.period_grain = 'month'
            and current_month.period_start = ?
            and current_month.cost_basis = ?
        order by scopes.scope_path
        """,
        [ctx.previous, ctx.month, ctx.basis],
    )


def cost_to_revenue_trend(con: duckdb.DuckDBPyConnection, ctx: ReportContext) -> list[dict]:
    """Monthly cost to revenue % of the product scopes, up to the month (nulls left out)."""
    return rows(
        con,
        """
        select scopes.scope_name as series, revenue.period_start as month,
            revenue.cost_to_revenue_pct as value
        from kpi_cost_to_revenue as revenue
        inner join dim_scopes as scopes on revenue.scope_id = scopes.scope_id
        where revenue.period_grain = 'month' and revenue.cost_basis = ?
            and revenue.period_start <= ? and scopes.scope_type = 'product'
            and revenue.cost_to_revenue_pct is not null
        order by scopes.scope_path, revenue.period_start
        """,
        [ctx.basis, ctx.month],
    )


# --- AI and data products -------------------------------------------------------------


def ai_roi(con: duckdb.DuckDBPyConnection, ctx: ReportContext) -> list[dict]:
    """Monthly ROI, period and cumulative, of each AI initiative up to the month."""
    return rows(
        con,
        """
        select
            roi.scope_id,
            coalesce(summary.initiative_name, scopes.scope_name) as initiative_name,
            roi.period_start as month,
            roi.benefits,
            roi.total_cost,
            roi.roi_pct,
            roi.null_reason,
            roi.cumulative_since,
            roi.cumulative_roi_pct,
            roi.cumulative_null_reason
        from kpi_ai_roi as roi
        inner join dim_scopes as scopes on roi.scope_id = scopes.scope_id
        left join kpi_ai_time_to_value_summary as summary
            on roi.scope_id = summary.scope_id and roi.cost_basis = summary.cost_basis
        where roi.period_grain = 'month' and roi.cost_basis = ? and roi.period_start <= ?
        order by scopes.scope_path, roi.period_start
        """,
        [ctx.basis, ctx.month],
    )


def ai_time_to_value(con: duckdb.DuckDBPyConnection, ctx: ReportContext) -> list[dict]:
    """Monthly time to value (days) of each AI initiative up to the month."""
    return rows(
        con,
        """
        select scope_id, initiative_name, period_start as month, time_to_value_days, null_reason
        from kpi_ai_time_to_value
        where period_grain = 'month' and cost_basis = ? and period_start <= ?
        order by scope_id, period_start
        """,
        [ctx.basis, ctx.month],
    )


def ai_time_to_value_summary(con: duckdb.DuckDBPyConnection, ctx: ReportContext) -> list[dict]:
    """The time-to-value scorecard of each AI initiative (as of its last day with data)."""
    return rows(
        con,
        """
        select
            scope_id, initiative_name, owner, start_date, as_of_date, cumulative_benefits,
            cumulative_ai_cost, time_to_value_days, time_to_value_null_reason,
            forecast_days_to_full_benefit, actual_days_to_full_benefit, days_vs_forecast,
            full_benefit_status, full_benefit_null_reason, break_even_date,
            days_to_break_even, break_even_null_reason
        from kpi_ai_time_to_value_summary
        where cost_basis = ?
        order by scope_id
        """,
        [ctx.basis],
    )


def data_value_density(con: duckdb.DuckDBPyConnection, ctx: ReportContext) -> list[dict]:
    """Monthly data value density of each data product up to the month."""
    return rows(
        con,
        """
        select
            density.scope_id,
            scopes.scope_name,
            density.period_start as month,
            density.data_value,
            density.data_platform_tco,
            density.data_value_density,
            density.value_leak,
            density.null_reason
        from kpi_data_value_density as density
        inner join dim_scopes as scopes on density.scope_id = scopes.scope_id
        where density.period_grain = 'month' and density.cost_basis = ?
            and density.period_start <= ?
        order by scopes.scope_path, density.period_start
        """,
        [ctx.basis, ctx.month],
    )


# --- Storage ---------------------------------------------------------------------------


def storage_by_tier(con: duckdb.DuckDBPyConnection, ctx: ReportContext) -> list[dict]:
    """Cost per GB-month by storage tier and month over all top-level scopes, up to the month."""
    return rows(
        con,
        """
        select
            period_start as month,
            storage_tier,
            sum(storage_cost) as storage_cost,
            sum(gb_months) as gb_months,
            sum(storage_cost) / nullif(sum(gb_months), 0) as cost_per_gb_month
        from kpi_cost_per_gb_stored
        where period_grain = 'month' and cost_basis = ? and period_start <= ?
            and scope_id in (select scope_id from dim_scopes where depth = 0)
            and gb_months is not null
            and storage_tier is not null and storage_tier <> ''
        group by period_start, storage_tier
        order by period_start, storage_tier
        """,
        [ctx.basis, ctx.month],
    )


def storage_total(con: duckdb.DuckDBPyConnection, ctx: ReportContext) -> list[dict]:
    """Cost per GB-month over all tiers and top-level scopes, in the month and the one before."""
    return rows(
        con,
        """
        select
            period_start as month,
            sum(storage_cost) as storage_cost,
            sum(gb_months) as gb_months,
            sum(storage_cost) / nullif(sum(gb_months), 0) as cost_per_gb_month
        from kpi_cost_per_gb_stored
        where period_grain = 'month' and cost_basis = ? and period_start in (?, ?)
            and scope_id in (select scope_id from dim_scopes where depth = 0)
            and gb_months is not null
        group by period_start
        """,
        [ctx.basis, ctx.month, ctx.previous],
    )


# --- Allocation and conservation ---------------------------------------------------------


def conservation(con: duckdb.DuckDBPyConnection, ctx: ReportContext) -> list[dict]:
    """Per billing period: the bill's total (fct_charges) against the cost of all scopes.

    The same comparison as the dbt test assert_scope_costs_conserve_charges, on the
    report's basis: list and contracted cost leave out prepaid purchases.
    """
    return rows(
        con,
        """
        with staged as (
            select
                billing_period,
                case ?
                    when 'effective' then sum(effective_cost)
                    when 'billed' then sum(billed_cost)
                    when 'list' then sum(
                        case when is_prepaid_purchase then 0 else coalesce(list_cost, 0) end
                    )
                    when 'contracted' then sum(
                        case when is_prepaid_purchase then 0 else coalesce(contracted_cost, 0) end
                    )
                end as bill_cost
            from fct_charges
            group by billing_period
        ),

        allocated as (
            select billing_period, sum(cost) as scope_cost
            from fct_scope_costs
            where cost_source = 'focus' and cost_basis = ?
            group by billing_period
        )

        select
            coalesce(staged.billing_period, allocated.billing_period) as billing_period,
            staged.bill_cost,
            allocated.scope_cost,
            coalesce(allocated.scope_cost, 0) - coalesce(staged.bill_cost, 0) as difference,
            abs(coalesce(allocated.scope_cost, 0) - coalesce(staged.bill_cost, 0)) <= 0.01
                as conserved
        from staged
        full outer join allocated on staged.billing_period = allocated.billing_period
        order by billing_period
        """,
        [ctx.basis, ctx.basis],
    )


# --- Rejects -------------------------------------------------------------------------------


def rejects(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Rejected input rows by source and rule, with an example reason."""
    return rows(
        con,
        """
        select
            'FOCUS charges' as source,
            reject_rule,
            count(*) as row_count,
            count(distinct source_file) as file_count,
            sum(billed_cost_as_read) as billed_cost_as_read,
            min(reject_reason) as example_reason
        from fct_charge_rejects
        group by reject_rule

        union all

        select
            'Value data' as source,
            reject_rule,
            count(*) as row_count,
            count(distinct source_file) as file_count,
            null as billed_cost_as_read,
            min(reject_reason) as example_reason
        from fct_value_rejects
        group by reject_rule

        order by source, row_count desc, reject_rule
        """,
    )


def staged_row_count(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute("select count(*) from fct_charges").fetchone()[0])
