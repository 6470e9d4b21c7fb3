{#- The time-to-value scorecard of each AI initiative per cost basis
    (grain: scope_id x cost_basis), as of the last day with data: value to
    date, time to value, forecast against actual days to full benefit
    (seeds/ai_initiatives.csv), and the break-even date of the AI cost
    against the cost of the alternative. Every initiative has its rows,
    with null facts and their reasons when its data does not allow them.
    Built from int_ai_daily. See the docs block kpi_ai_time_to_value. -#}

{%- set benefit_metric = var('kpi_ai_benefit_metric') | lower %}
{%- set alternative_metric = var('kpi_ai_alternative_cost_metric') | lower %}

with

initiatives as (

    select * from {{ ref('int_ai_initiatives') }}

),

daily as (

    select * from {{ ref('int_ai_daily') }}

),

bases as (

    {{ unitcost_cost_bases() }}

),

facts as (

    select
        scope_id,
        cost_basis,
        max(date_day) as as_of_date,
        min(case when is_break_even then date_day end) as break_even_date,
        min(case when is_full_benefit then date_day end) as actual_full_benefit_date
    from daily
    group by
        scope_id,
        cost_basis

),

latest_month as (

    select
        daily.scope_id,
        daily.cost_basis,
        {{ unitcost_ratio('sum(daily.alternative_daily_cost)', 'count(daily.alternative_daily_cost)') }}
            as alternative_daily_cost
    from daily
    inner join facts
        on daily.scope_id = facts.scope_id
            and daily.cost_basis = facts.cost_basis
            and {{ unitcost_month_start('daily.date_day') }} = {{ unitcost_month_start('facts.as_of_date') }}
    group by
        daily.scope_id,
        daily.cost_basis

),

joined as (

    select
        initiatives.scope_id,
        initiatives.initiative_name,
        initiatives.owner,
        bases.cost_basis,
        initiatives.start_date,
        initiatives.start_date_source,
        facts.as_of_date,
        daily.day_number as days_from_start,
        daily.cumulative_benefit,
        daily.cumulative_ai_cost,
        daily.cumulative_alternative_cost,
        latest_month.alternative_daily_cost,
        initiatives.full_benefit_daily,
        initiatives.forecast_days_to_full_benefit,
        cast(
            {{ dbt.dateadd('day', 'initiatives.forecast_days_to_full_benefit', 'initiatives.start_date') }} as date
        ) as forecast_full_benefit_date,
        daily.trailing_7d_avg_benefit,
        facts.actual_full_benefit_date,
        facts.break_even_date
    from initiatives
    cross join bases
    left join facts
        on initiatives.scope_id = facts.scope_id
            and bases.cost_basis = facts.cost_basis
    left join daily
        on facts.scope_id = daily.scope_id
            and facts.cost_basis = daily.cost_basis
            and facts.as_of_date = daily.date_day
    left join latest_month
        on initiatives.scope_id = latest_month.scope_id
            and bases.cost_basis = latest_month.cost_basis

),

measured as (

    select
        *,
        {{ unitcost_days_between('start_date', 'actual_full_benefit_date') }} as actual_days_to_full_benefit,
        {{ unitcost_days_between('start_date', 'break_even_date') }} as days_to_break_even
    from joined

),

final as (

    select
        scope_id,
        initiative_name,
        owner,
        cost_basis,
        '{{ var("reporting_currency") | upper }}' as reporting_currency,
        start_date,
        start_date_source,
        as_of_date,
        cast(days_from_start as integer) as days_from_start,
        cast(cumulative_benefit as {{ unitcost_money_type() }}) as cumulative_benefits,
        cast(cumulative_ai_cost as {{ unitcost_money_type() }}) as cumulative_ai_cost,
        cast(cumulative_alternative_cost as {{ unitcost_money_type() }}) as cumulative_alternative_cost,
        cast(alternative_daily_cost as {{ unitcost_money_type() }}) as alternative_daily_cost,
        {{ unitcost_ratio(
            'cumulative_benefit',
            'case when alternative_daily_cost > 0 then alternative_daily_cost end'
        ) }} as time_to_value_days,
        case
            when as_of_date is null then 'no data since the start date'
            when alternative_daily_cost is null then 'no {{ alternative_metric }} in the month of as_of_date'
            when alternative_daily_cost = 0 then '{{ alternative_metric }} is zero'
            when alternative_daily_cost < 0 then '{{ alternative_metric }} is negative'
            when cumulative_benefit is null then 'no {{ benefit_metric }} since the start date'
        end as time_to_value_null_reason,
        full_benefit_daily,
        forecast_days_to_full_benefit,
        forecast_full_benefit_date,
        cast(trailing_7d_avg_benefit as {{ unitcost_money_type() }}) as latest_trailing_7d_avg_benefit,
        actual_full_benefit_date,
        cast(actual_days_to_full_benefit as integer) as actual_days_to_full_benefit,
        cast(actual_days_to_full_benefit - forecast_days_to_full_benefit as integer) as days_vs_forecast,
        case
            when full_benefit_daily is null then 'no_target'
            when actual_full_benefit_date is not null and forecast_days_to_full_benefit is null then 'reached'
            when actual_full_benefit_date is not null
                and actual_days_to_full_benefit <= forecast_days_to_full_benefit then 'reached_on_time'
            when actual_full_benefit_date is not null then 'reached_late'
            when forecast_full_benefit_date is null then 'not_reached'
            when as_of_date >= forecast_full_benefit_date then 'overdue'
            else 'not_yet_due'
        end as full_benefit_status,
        case
            when actual_full_benefit_date is not null then null
            when full_benefit_daily is null then 'no full_benefit_daily in seeds/ai_initiatives.csv'
            when as_of_date is null then 'no data since the start date'
            when days_from_start < 7 then 'fewer than 7 days since the start date'
            else 'the trailing 7-day average of daily {{ benefit_metric }} has not reached full_benefit_daily'
        end as full_benefit_null_reason,
        break_even_date,
        cast(days_to_break_even as integer) as days_to_break_even,
        case
            when break_even_date is not null then null
            when as_of_date is null then 'no data since the start date'
            when cumulative_alternative_cost is null then 'no {{ alternative_metric }} since the start date'
            when cumulative_ai_cost is null then 'the bill does not cover every day since the start date'
            else 'the cumulative AI cost still exceeds the cumulative cost of the alternative'
        end as break_even_null_reason
    from measured

)

select * from final
