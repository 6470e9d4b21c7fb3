{{ config(materialized='table') }}

{#- One row per KPI period (grain: period_grain x period_start): every day
    and every calendar month from the first to the last date that has cost
    or value data, with the number of days in the period and how many of
    them have any cost in the bill (0: the bill does not cover the period,
    so its cost is unknown, not zero). -#}

with

cost_days as (

    select distinct cost_date
    from {{ ref('fct_scope_costs') }}
    where cost_source = 'focus'

),

dates as (

    select cost_date as date_day from {{ ref('fct_scope_costs') }}
    union all
    select period_start as date_day from {{ ref('fct_business_metrics') }}

),

bounds as (

    select
        min(date_day) as first_day,
        max(date_day) as last_day
    from dates

),

days as (

    {{ unitcost_date_series(
        '(select first_day from bounds)',
        "(select " ~ dbt.dateadd('day', 1, 'last_day') ~ " from bounds)"
    ) }}

),

day_periods as (

    select
        'day' as period_grain,
        date_day as period_start,
        cast({{ dbt.dateadd('day', 1, 'date_day') }} as date) as period_end,
        1 as days_in_period
    from days

),

month_periods as (

    select
        'month' as period_grain,
        {{ unitcost_month_start('date_day') }} as period_start,
        cast({{ dbt.dateadd('month', 1, unitcost_month_start('date_day')) }} as date) as period_end,
        count(*) as days_in_period_seen
    from days
    group by 1, 2, 3

),

all_periods as (

    select
        period_grain,
        period_start,
        period_end,
        days_in_period
    from day_periods
    union all
    select
        period_grain,
        period_start,
        period_end,
        cast({{ unitcost_days_between('period_start', 'period_end') }} as integer) as days_in_period
    from month_periods

),

final as (

    select
        all_periods.period_grain,
        all_periods.period_start,
        all_periods.period_end,
        all_periods.days_in_period,
        count(cost_days.cost_date) as days_with_cost
    from all_periods
    left join cost_days
        on all_periods.period_start <= cost_days.cost_date
            and all_periods.period_end > cost_days.cost_date
    group by 1, 2, 3, 4

)

select * from final
