{{ config(materialized='table') }}

{#- Leadership: the trend within each FinOps scope (grain: scope_id;
    scopes with a primary unit metric, effective
    basis): over the last 12 months of the scope's primary unit cost
    (var kpi_primary_unit_metrics), how many months were economies of scale,
    productivity gains, runaway cost drivers, value-backed growth or stable,
    the year-on-year change and the latest month's class. -#}

with

current_month as (

    {{ unitcost_latest_cost_month() }}

),

primary_units as (

    {{ unitcost_primary_unit_rows() }}

),

primary_metrics as (

    {#- one metric per unit: the one on all the scope's cost when there are several -#}
    select
        scope_id,
        metric_id
    from (
        select
            primary_units.scope_id,
            metrics.metric_id,
            row_number() over (
                partition by primary_units.scope_id
                order by case when metrics.cost_numerator = 'scope_cost' then 0 else 1 end, metrics.metric_id
            ) as metric_rank
        from primary_units
        inner join {{ ref('dim_metrics') }} as metrics
            on primary_units.denominator_metric = metrics.denominator_metric
                and metrics.status <> 'retired'
                and metrics.metric_kind = 'business'
    ) as ranked
    where metric_rank = 1

),

trends as (

    select
        trends.*,
        current_month.period_start as current_period_start
    from {{ ref('kpi_unit_cost_trends') }} as trends
    inner join primary_metrics
        on trends.scope_id = primary_metrics.scope_id
            and trends.metric_id = primary_metrics.metric_id
    cross join current_month
    where trends.cost_basis = 'effective'
        and trends.period_start <= current_month.period_start
        and trends.period_start > cast({{ dbt.dateadd('month', -12, 'current_month.period_start') }} as date)

),

final as (

    select
        scope_id,
        max(metric_id) as metric_id,
        max(current_period_start) as period_start,
        max(case when period_start = current_period_start then unit_cost end) as unit_cost,
        max(case when period_start = current_period_start then unit_cost_yoy_change_pct end)
            as unit_cost_yoy_change_pct,
        max(case when period_start = current_period_start then trend_class end) as latest_trend_class,
        cast(sum(case when trend_class = 'economies_of_scale' then 1 else 0 end) as integer)
            as months_economies_of_scale,
        cast(sum(case when trend_class = 'productivity_gain' then 1 else 0 end) as integer)
            as months_productivity_gain,
        cast(sum(case when trend_class = 'runaway_cost_driver' then 1 else 0 end) as integer)
            as months_runaway_cost_driver,
        cast(sum(case when trend_class = 'value_backed_growth' then 1 else 0 end) as integer)
            as months_value_backed_growth,
        cast(sum(case when trend_class = 'stable' then 1 else 0 end) as integer) as months_stable
    from trends
    group by 1

)

select * from final
