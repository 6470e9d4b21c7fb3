{{ config(materialized='table') }}

{#- Finance: technology cost as % of revenue per product, contribution
    margin, break-even volume (grain: scope_id; the latest month with cost,
    effective basis, scopes with revenue). -#}

with

current_month as (

    {{ unitcost_latest_cost_month() }}

),

revenue as (

    select kpis.*
    from {{ ref('kpi_cost_to_revenue') }} as kpis
    inner join current_month
        on kpis.period_start = current_month.period_start
    where kpis.period_grain = 'month'
        and kpis.cost_basis = 'effective'
        and kpis.revenue is not null

),

metrics as (

    {{ unitcost_metric_per_denominator() }}

),

marginal as (

    select * from {{ ref('kpi_marginal_economics') }}
    where cost_basis = 'effective'

),

final as (

    select
        revenue.scope_id,
        revenue.period_start,
        revenue.technology_cost,
        revenue.revenue,
        revenue.cost_to_revenue_pct,
        revenue.contribution_margin,
        revenue.contribution_margin_pct,
        revenue.unit_metric,
        revenue.units,
        marginal.fixed_cost,
        marginal.break_even_volume,
        marginal.break_even_status,
        marginal.null_reason as break_even_null_reason
    from revenue
    left join metrics
        on revenue.unit_metric = metrics.denominator_metric
    left join marginal
        on metrics.metric_id = marginal.metric_id
            and revenue.scope_id = marginal.scope_id
            and revenue.period_start = marginal.period_start

)

select * from final
