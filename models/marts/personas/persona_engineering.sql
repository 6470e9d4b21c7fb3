{{ config(materialized='table') }}

{#- Engineering: resource-efficiency unit costs (per VM-hour, per GB-month,
    per 1M requests, per 1M tokens) as controllable signals (grain:
    metric_id x scope_id; the latest month with cost, effective basis,
    current metrics, product scopes): the month against its rolling
    average, the change class and whether it is outside its own band. -#}

with

current_month as (

    {{ unitcost_latest_cost_month() }}

),

trends as (

    select trends.*
    from {{ ref('kpi_unit_cost_trends') }} as trends
    inner join current_month
        on trends.period_start = current_month.period_start
    inner join {{ ref('dim_metrics') }} as metrics
        on trends.metric_id = metrics.metric_id
    inner join {{ ref('dim_scopes') }} as scopes
        on trends.scope_id = scopes.scope_id
    where trends.cost_basis = 'effective'
        and metrics.metric_kind = 'resource_efficiency'
        and trends.metric_status <> 'retired'
        and scopes.scope_type = 'product'
        and trends.unit_cost is not null

),

anomalies as (

    select * from {{ ref('kpi_unit_cost_anomalies') }}

),

final as (

    select
        trends.metric_id,
        trends.scope_id,
        trends.period_start,
        trends.unit_label,
        trends.unit_cost,
        trends.rolling_average_unit_cost,
        trends.unit_cost_change_pct,
        trends.trend_class,
        anomalies.is_anomaly,
        anomalies.direction as anomaly_direction,
        anomalies.band_lower,
        anomalies.band_upper
    from trends
    left join anomalies
        on trends.metric_id = anomalies.metric_id
            and trends.scope_id = anomalies.scope_id
            and trends.period_start = anomalies.period_start
            and trends.cost_basis = anomalies.cost_basis

)

select * from final
