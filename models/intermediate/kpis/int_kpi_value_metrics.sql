{{ config(materialized='table') }}

{#- One row per scope, metric and KPI period (grain: scope_id x metric x
    period_grain x period_start): the value data summed in canonical units,
    the scope's descendants included. Daily values feed day and month
    periods; a value reported for a whole month feeds only its month (there
    is no honest daily figure). days_with_data counts the days of the period
    covered (a monthly value covers the whole month). -#}

with

metrics as (

    select * from {{ ref('fct_business_metrics') }}

),

ancestors as (

    select * from {{ ref('int_scope_ancestors') }}

),

periods as (

    select * from {{ ref('int_kpi_periods') }}
    where period_grain = 'month'

),

rolled_up as (

    select
        ancestors.ancestor_scope_id as scope_id,
        metrics.metric,
        metrics.canonical_unit,
        metrics.period_grain as source_grain,
        metrics.period_start,
        metrics.period_end,
        metrics.canonical_value
    from metrics
    inner join ancestors
        on metrics.scope_id = ancestors.scope_id

),

by_day as (

    select
        scope_id,
        metric,
        'day' as period_grain,
        period_start,
        min(canonical_unit) as canonical_unit,
        sum(canonical_value) as metric_value,
        1 as days_with_data
    from rolled_up
    where source_grain = 'day'
    group by scope_id, metric, period_start

),

by_month as (

    select
        scope_id,
        metric,
        'month' as period_grain,
        {{ unitcost_month_start('period_start') }} as period_start,
        min(canonical_unit) as canonical_unit,
        sum(canonical_value) as metric_value,
        count(distinct case when source_grain = 'day' then period_start end) as days_with_data,
        max(case when source_grain = 'month' then 1 else 0 end) as has_monthly_value
    from rolled_up
    group by scope_id, metric, {{ unitcost_month_start('period_start') }}

),

final as (

    select
        scope_id,
        metric,
        period_grain,
        period_start,
        canonical_unit,
        cast(metric_value as {{ unitcost_money_type() }}) as metric_value,
        days_with_data
    from by_day
    union all
    select
        by_month.scope_id,
        by_month.metric,
        by_month.period_grain,
        by_month.period_start,
        by_month.canonical_unit,
        cast(by_month.metric_value as {{ unitcost_money_type() }}) as metric_value,
        case
            when by_month.has_monthly_value = 1 then periods.days_in_period
            else by_month.days_with_data
        end as days_with_data
    from by_month
    inner join periods
        on by_month.period_start = periods.period_start

)

select * from final
