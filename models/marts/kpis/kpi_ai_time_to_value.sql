{#- Time to value of each AI initiative per month and cost basis (grain:
    scope_id x period_grain x period_start x cost_basis; period_grain is
    always month), for every month from the one holding the initiative's
    start date to the last month with data. Time to value (days) = benefit
    since the start date up to the end of the month / average daily cost of
    the alternative in the month. Also the value per month, the AI cost
    against the alternative's cost since the start date, and the
    break-even and full-benefit dates as known at the end of the month.
    Built from int_ai_daily; whether the month's figures are final from
    int_kpi_periods. See the docs block kpi_ai_time_to_value. -#}

{%- set benefit_metric = var('kpi_ai_benefit_metric') | lower %}
{%- set alternative_metric = var('kpi_ai_alternative_cost_metric') | lower %}

with

daily as (

    select * from {{ ref('int_ai_daily') }}

),

initiatives as (

    select * from {{ ref('int_ai_initiatives') }}

),

periods as (

    select * from {{ ref('int_kpi_periods') }}
    where period_grain = 'month'

),

monthly as (

    select
        scope_id,
        cost_basis,
        {{ unitcost_month_start('date_day') }} as period_start,
        min(start_date) as start_date,
        max(date_day) as last_day,
        sum(benefit) as value_per_month,
        count(benefit) as benefit_days_with_data,
        {{ unitcost_ratio('sum(alternative_daily_cost)', 'count(alternative_daily_cost)') }} as alternative_daily_cost,
        count(alternative_daily_cost) as alternative_days_with_data,
        sum(ai_cost) as ai_cost,
        sum(direct_cost) as direct_cost,
        sum(shared_cost) as shared_cost,
        sum(unallocated_cost) as unallocated_cost,
        sum(case when is_bill_covered then 1 else 0 end) as days_with_cost,
        min(case when is_break_even then date_day end) as first_break_even_day,
        min(case when is_full_benefit then date_day end) as first_full_benefit_day
    from daily
    group by
        scope_id,
        cost_basis,
        {{ unitcost_month_start('date_day') }}

),

month_ends as (

    select
        monthly.*,
        daily.cumulative_benefit,
        daily.cumulative_ai_cost,
        daily.cumulative_alternative_cost,
        daily.trailing_7d_avg_benefit,
        min(monthly.first_break_even_day) over (
            partition by monthly.scope_id, monthly.cost_basis order by monthly.period_start
            rows between unbounded preceding and current row
        ) as break_even_date,
        min(monthly.first_full_benefit_day) over (
            partition by monthly.scope_id, monthly.cost_basis order by monthly.period_start
            rows between unbounded preceding and current row
        ) as full_benefit_date
    from monthly
    inner join daily
        on monthly.scope_id = daily.scope_id
            and monthly.cost_basis = daily.cost_basis
            and monthly.last_day = daily.date_day

),

final as (

    select
        month_ends.scope_id,
        initiatives.initiative_name,
        'month' as period_grain,
        month_ends.period_start,
        cast({{ dbt.dateadd('month', 1, 'month_ends.period_start') }} as date) as period_end,
        cast(
            {{ unitcost_days_between('month_ends.period_start', dbt.dateadd('month', 1, 'month_ends.period_start')) }}
            as integer
        ) as days_in_period,
        month_ends.cost_basis,
        '{{ var("reporting_currency") | upper }}' as reporting_currency,
        month_ends.start_date,
        cast(month_ends.value_per_month as {{ unitcost_money_type() }}) as value_per_month,
        cast(month_ends.cumulative_benefit as {{ unitcost_money_type() }}) as cumulative_benefits,
        cast(month_ends.alternative_daily_cost as {{ unitcost_money_type() }}) as alternative_daily_cost,
        {{ unitcost_ratio(
            'month_ends.cumulative_benefit',
            'case when month_ends.alternative_daily_cost > 0 then month_ends.alternative_daily_cost end'
        ) }} as time_to_value_days,
        case
            when month_ends.alternative_daily_cost is null then 'no {{ alternative_metric }} in the period'
            when month_ends.alternative_daily_cost = 0 then '{{ alternative_metric }} is zero'
            when month_ends.alternative_daily_cost < 0 then '{{ alternative_metric }} is negative'
            when month_ends.cumulative_benefit is null then 'no {{ benefit_metric }} since the start date'
        end as null_reason,
        cast(month_ends.ai_cost as {{ unitcost_money_type() }}) as ai_cost,
        cast(month_ends.cumulative_ai_cost as {{ unitcost_money_type() }}) as cumulative_ai_cost,
        cast(month_ends.cumulative_alternative_cost as {{ unitcost_money_type() }}) as cumulative_alternative_cost,
        month_ends.break_even_date,
        cast(month_ends.trailing_7d_avg_benefit as {{ unitcost_money_type() }}) as trailing_7d_avg_benefit,
        month_ends.full_benefit_date,
        {{ unitcost_kpi_quality_columns(
            'month_ends.ai_cost',
            'month_ends.direct_cost',
            'month_ends.shared_cost',
            'month_ends.unallocated_cost',
            'cast(month_ends.alternative_days_with_data as bigint)',
            numerator_days='cast(month_ends.days_with_cost as bigint)',
            days_in_period=unitcost_days_between(
                'month_ends.period_start', dbt.dateadd('month', 1, 'month_ends.period_start')
            ),
            guard='abs(month_ends.ai_cost) >= 0.005 and abs({part}) < 1000 * abs(month_ends.ai_cost)'
        ) }},
        cast(month_ends.benefit_days_with_data as bigint) as benefit_days_with_data,
        coalesce(periods.is_final, false) as is_final,
        coalesce(periods.finality_reason, 'no billing period of the bill covers it') as finality_reason
    from month_ends
    inner join initiatives
        on month_ends.scope_id = initiatives.scope_id
    left join periods
        on month_ends.period_start = periods.period_start

)

select * from final
