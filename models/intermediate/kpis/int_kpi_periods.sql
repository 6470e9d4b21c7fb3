{{ config(materialized='table') }}

{#- One row per KPI period (grain: period_grain x period_start): every day
    and every calendar month from the first to the last date that has cost
    or value data, with the number of days in the period and how many of
    them have any cost in the bill (0: the bill does not cover the period,
    so its cost is unknown, not zero), and whether its figures are final:
    when Recency metadata (stg_focus__recency) has time sectors overlapping
    the period, it is final when all of them are complete; otherwise when
    every billing period overlapping it is final (int_billing_period_
    finality); a period no billing period overlaps is not final (the bill
    does not cover it). finality_reason says why, in words. -#}

with

recency as (

    select * from {{ ref('stg_focus__recency') }}

),

billing_periods as (

    select * from {{ ref('int_billing_period_finality') }}

),

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

covered as (

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

),

recency_state as (

    select
        covered.period_grain,
        covered.period_start,
        bool_and(coalesce(recency.is_complete, false)) as is_complete,
        min(
            case
                when not coalesce(recency.is_complete, false)
                    then cast(recency.time_sector_start as varchar) || ' to '
                        || cast(recency.time_sector_end as varchar)
            end
        ) as first_incomplete_sector
    from covered
    inner join recency
        on recency.time_sector_start < cast(covered.period_end as {{ dbt.type_timestamp() }})
            and recency.time_sector_end > cast(covered.period_start as {{ dbt.type_timestamp() }})
    group by 1, 2

),

settling_state as (

    select
        covered.period_grain,
        covered.period_start,
        bool_and(billing_periods.is_final) as is_final,
        min(case when not billing_periods.is_final then billing_periods.finality_reason end) as first_reason,
        max(billing_periods.settles_on) as settles_on
    from covered
    inner join billing_periods
        on covered.period_end > billing_periods.billing_period
            and covered.period_start < billing_periods.billing_period_end
    group by 1, 2

),

final as (

    select
        covered.period_grain,
        covered.period_start,
        covered.period_end,
        covered.days_in_period,
        covered.days_with_cost,
        coalesce(recency_state.is_complete, settling_state.is_final, false) as is_final,
        case
            when recency_state.is_complete
                then 'Recency metadata: every time sector of the period is complete'
            when recency_state.period_start is not null
                then 'Recency metadata: time sector ' || recency_state.first_incomplete_sector
                    || ' is not complete'
            when settling_state.is_final
                then 'settled: every billing period of it ended by '
                    || cast(settling_state.settles_on as varchar)
                    || ' less the settling lag, and was delivered since'
            when settling_state.period_start is not null then settling_state.first_reason
            else 'no billing period of the bill covers it'
        end as finality_reason
    from covered
    left join recency_state
        on covered.period_grain = recency_state.period_grain
            and covered.period_start = recency_state.period_start
    left join settling_state
        on covered.period_grain = settling_state.period_grain
            and covered.period_start = settling_state.period_start

)

select * from final
