{{ config(materialized='table') }}

{#- Product: what does one unit (customer, transaction, assist, call) cost
    us, and what is the margin per unit? (grain: scope_id; the latest month
    with cost, effective basis, scopes with a primary unit in var
    kpi_primary_unit_metrics). Average and marginal cost per unit side by
    side with the unit revenue and the margin. -#}

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
        and kpis.unit_metric is not null

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
        revenue.unit_metric,
        revenue.units,
        revenue.unit_cost,
        marginal.marginal_cost_per_unit,
        revenue.unit_revenue,
        revenue.contribution_margin_per_unit,
        marginal.contribution_margin_per_unit as marginal_margin_per_unit,
        marginal.r_squared,
        marginal.fit_trusted
    from revenue
    left join metrics
        on revenue.unit_metric = metrics.denominator_metric
    left join marginal
        on metrics.metric_id = marginal.metric_id
            and revenue.scope_id = marginal.scope_id
            and revenue.period_start = marginal.period_start

)

select * from final
