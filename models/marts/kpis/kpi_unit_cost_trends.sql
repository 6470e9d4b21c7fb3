{{ config(materialized='table') }}

{#- Unit-cost trends per metric, scope, month and cost basis (grain: metric_id
    x scope_id x period_start x cost_basis): the change against the previous
    month, the same month a year earlier and a baseline month, a rolling
    average, the cost-to-volume elasticity and a classification of the
    change. Changes are measured on per-day rates (int_kpi_unit_cost_monthly)
    so that month lengths do not count as change. See the docs block
    kpi_unit_cost_trends. -#}

{%- set dbl = unitcost_double_type() %}
{%- set flat_pct = var('kpi_trend_flat_pct', 2) %}
{%- set rolling_periods = var('kpi_trend_rolling_periods', 3) %}
{%- set baseline_period = var('kpi_trend_baseline_period', '') %}

with

series as (

    select * from {{ ref('int_kpi_unit_cost_monthly') }}

),

with_previous as (

    select
        cur.*,
        prev.cost_per_day as previous_cost_per_day,
        prev.volume_rate as previous_volume_rate,
        prev.comparable_unit_cost as previous_unit_cost,
        year_ago.comparable_unit_cost as year_ago_unit_cost
    from series as cur
    left join series as prev
        on cur.metric_id = prev.metric_id
            and cur.scope_id = prev.scope_id
            and cur.cost_basis = prev.cost_basis
            and prev.period_start = cast({{ dbt.dateadd('month', -1, 'cur.period_start') }} as date)
    left join series as year_ago
        on cur.metric_id = year_ago.metric_id
            and cur.scope_id = year_ago.scope_id
            and cur.cost_basis = year_ago.cost_basis
            and year_ago.period_start = cast({{ dbt.dateadd('month', -12, 'cur.period_start') }} as date)

),

rolling as (

    select
        cur.metric_id,
        cur.scope_id,
        cur.cost_basis,
        cur.period_start,
        {#- a sum of decimals, then one division: the same on every run -#}
        cast(sum(past.comparable_unit_cost) as {{ dbl }})
        / count(past.comparable_unit_cost) as rolling_average_unit_cost,
        count(past.comparable_unit_cost) as rolling_periods
    from series as cur
    inner join series as past
        on cur.metric_id = past.metric_id
            and cur.scope_id = past.scope_id
            and cur.cost_basis = past.cost_basis
            and cur.period_start >= past.period_start
            and past.period_start > cast({{ dbt.dateadd('month', -rolling_periods, 'cur.period_start') }} as date)
    group by 1, 2, 3, 4

),

baseline_periods as (

    {%- if baseline_period %}
    select
        metric_id,
        scope_id,
        cost_basis,
        cast('{{ baseline_period }}' as date) as baseline_period_start
    from series
    group by 1, 2, 3
    {%- else %}
    select
        metric_id,
        scope_id,
        cost_basis,
        min(period_start) as baseline_period_start
    from series
    where comparable_unit_cost is not null
    group by 1, 2, 3
    {%- endif %}

),

baselines as (

    select
        baseline_periods.metric_id,
        baseline_periods.scope_id,
        baseline_periods.cost_basis,
        baseline_periods.baseline_period_start,
        series.comparable_unit_cost as baseline_unit_cost
    from baseline_periods
    left join series
        on baseline_periods.metric_id = series.metric_id
            and baseline_periods.scope_id = series.scope_id
            and baseline_periods.cost_basis = series.cost_basis
            and baseline_periods.baseline_period_start = series.period_start

),

combined as (

    select
        with_previous.*,
        rolling.rolling_average_unit_cost,
        rolling.rolling_periods,
        baselines.baseline_period_start,
        baselines.baseline_unit_cost
    from with_previous
    left join rolling
        on with_previous.metric_id = rolling.metric_id
            and with_previous.scope_id = rolling.scope_id
            and with_previous.cost_basis = rolling.cost_basis
            and with_previous.period_start = rolling.period_start
    left join baselines
        on with_previous.metric_id = baselines.metric_id
            and with_previous.scope_id = baselines.scope_id
            and with_previous.cost_basis = baselines.cost_basis

),

changes as (

    select
        *,
        case
            when previous_unit_cost > 0 and comparable_unit_cost is not null
                then 100 * (comparable_unit_cost - previous_unit_cost) / previous_unit_cost
        end as unit_cost_change,
        case
            when previous_cost_per_day > 0 and cost_per_day is not null
                then 100 * (cost_per_day - previous_cost_per_day) / previous_cost_per_day
        end as cost_change,
        case
            when previous_volume_rate > 0 and volume_rate is not null
                then 100 * (volume_rate - previous_volume_rate) / previous_volume_rate
        end as volume_change,
        case
            when year_ago_unit_cost > 0 and comparable_unit_cost is not null
                then 100 * (comparable_unit_cost - year_ago_unit_cost) / year_ago_unit_cost
        end as yoy_change,
        case
            when baseline_unit_cost > 0 and comparable_unit_cost is not null
                then 100 * (comparable_unit_cost - baseline_unit_cost) / baseline_unit_cost
        end as baseline_change
    from combined

),

classified as (

    select
        *,
        case
            when comparable_unit_cost is null then null
            when previous_unit_cost is null then null
            when previous_unit_cost <= 0 or comparable_unit_cost <= 0 then null
            when cost_change is null or volume_change is null then null
            when unit_cost_change > {{ flat_pct }} then 'runaway_cost_driver'
            when unit_cost_change < -{{ flat_pct }} and volume_change > {{ flat_pct }} then 'economies_of_scale'
            when unit_cost_change < -{{ flat_pct }} then 'productivity_gain'
            when cost_change > {{ flat_pct }} then 'value_backed_growth'
            else 'stable'
        end as trend_class
    from changes

),

final as (

    select
        metric_id,
        scope_id,
        period_start,
        period_end,
        days_in_period,
        cost_basis,
        reporting_currency,
        metric_status,
        unit_label,
        cast(cost as {{ unitcost_money_type() }}) as cost,
        cast(volume as {{ unitcost_quantity_type() }}) as volume,
        cast(unit_cost as {{ unitcost_money_type() }}) as unit_cost,
        comparable_unit_cost,
        previous_unit_cost,
        cast(unit_cost_change as decimal(38, 4)) as unit_cost_change_pct,
        cast(cost_change as decimal(38, 4)) as cost_change_pct,
        cast(volume_change as decimal(38, 4)) as volume_change_pct,
        year_ago_unit_cost,
        cast(yoy_change as decimal(38, 4)) as unit_cost_yoy_change_pct,
        baseline_period_start,
        baseline_unit_cost,
        cast(baseline_change as decimal(38, 4)) as unit_cost_vs_baseline_pct,
        cast(rolling_average_unit_cost as {{ unitcost_money_type() }}) as rolling_average_unit_cost,
        cast(rolling_periods as integer) as rolling_periods,
        case
            when volume_change is not null and abs(volume_change) > {{ flat_pct }}
                then cast(cost_change / volume_change as decimal(38, 6))
        end as cost_volume_elasticity,
        trend_class,
        case
            when comparable_unit_cost is null then coalesce(null_reason, 'no unit cost in the period')
            when previous_unit_cost is null then 'no unit cost in the previous month'
            when previous_unit_cost <= 0 or comparable_unit_cost <= 0 then 'unit cost is not positive'
            when cost_change is null or volume_change is null
                then 'cost or volume of the previous month is not positive'
            when trend_class = 'runaway_cost_driver'
                then 'unit cost up more than {{ flat_pct }} %: cost grows faster than volume'
            when trend_class = 'economies_of_scale'
                then 'volume up and unit cost down, each more than {{ flat_pct }} %'
            when trend_class = 'productivity_gain'
                then 'unit cost down more than {{ flat_pct }} % at flat or falling volume'
            when trend_class = 'value_backed_growth'
                then 'cost up more than {{ flat_pct }} %, unit cost within {{ flat_pct }} %: volume grew with it'
            else 'unit cost within {{ flat_pct }} % and cost not up'
        end as trend_reason
    from classified

)

select * from final
