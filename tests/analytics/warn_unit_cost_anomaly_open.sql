{{ config(severity='warn') }}

{#- Warns (never fails) when the current month's unit cost on the effective
    basis is outside its own recent band (kpi_unit_cost_anomalies): the
    anomaly `unitcost check` exits non-zero on. One row per open anomaly. -#}

with

periods as (

    select max(period_start) as current_period_start
    from {{ ref('int_kpi_periods') }}
    where period_grain = 'month' and days_with_cost > 0

)

select
    anomalies.metric_id,
    anomalies.scope_id,
    anomalies.period_start,
    anomalies.unit_cost,
    anomalies.direction,
    anomalies.severity
from {{ ref('kpi_unit_cost_anomalies') }} as anomalies
inner join periods
    on anomalies.period_start = periods.current_period_start
where anomalies.is_anomaly
    and anomalies.cost_basis = 'effective'
    and anomalies.metric_status <> 'retired'
