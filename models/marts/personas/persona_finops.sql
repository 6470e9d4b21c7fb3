{{ config(materialized='table') }}

{#- FinOps: which unit costs are rising, why, and is allocation complete?
    (grain: metric_id x scope_id; the latest month with cost, effective
    basis, current metrics, product scopes). Every unit cost whose change
    class is runaway_cost_driver, with its drivers and the scope's
    allocation coverage. -#}

with

current_month as (

    {{ unitcost_latest_cost_month() }}

),

trends as (

    select trends.*
    from {{ ref('kpi_unit_cost_trends') }} as trends
    inner join current_month
        on trends.period_start = current_month.period_start
    where trends.cost_basis = 'effective'
        and trends.metric_status <> 'retired'
        and trends.trend_class = 'runaway_cost_driver'

),

products as (

    select scope_id
    from {{ ref('dim_scopes') }}
    where scope_type = 'product'

),

drivers as (

    select * from {{ ref('kpi_unit_cost_drivers') }}

),

coverage as (

    select * from {{ ref('fct_allocation_coverage') }}

),

final as (

    select
        trends.metric_id,
        trends.scope_id,
        trends.period_start,
        trends.unit_label,
        trends.unit_cost,
        trends.unit_cost_change_pct,
        trends.cost_change_pct,
        trends.volume_change_pct,
        drivers.main_driver,
        drivers.rate_effect,
        drivers.usage_intensity_effect,
        drivers.mix_effect,
        drivers.currency_effect,
        drivers.allocation_effect,
        drivers.other_effect,
        coverage.direct_pct as scope_direct_pct,
        coverage.unallocated_pct as scope_unallocated_pct,
        coverage.month_unallocated_pct
    from trends
    inner join products
        on trends.scope_id = products.scope_id
    left join drivers
        on trends.metric_id = drivers.metric_id
            and trends.scope_id = drivers.scope_id
            and trends.period_start = drivers.period_start
            and trends.cost_basis = drivers.cost_basis
    left join coverage
        on trends.scope_id = coverage.scope_id
            and trends.period_start = coverage.cost_month

)

select * from final
