{{ config(materialized='table') }}

{#- One row per AI initiative, day and cost basis (grain: scope_id x
    date_day x cost_basis), every day from the initiative's start date to
    the last day with data: the scope's cost that day (all of it, shared
    allocations and TCO lines included; null when the bill does not cover
    the day), the daily benefit (var kpi_ai_benefit_metric; a value
    reported for a whole month is spread evenly over its days), the daily
    cost of the alternative (var kpi_ai_alternative_cost_metric; a value
    reported for a whole month is a daily rate and applies to each of its
    days), their running totals since the start date, the trailing 7-day
    average benefit, and whether full benefit and break-even are reached
    that day. The scope's descendants count with it. -#}

{%- set dbl = unitcost_double_type() %}
{%- set benefit_metric = var('kpi_ai_benefit_metric') | lower %}
{%- set alternative_metric = var('kpi_ai_alternative_cost_metric') | lower %}
{%- set days_covered = unitcost_days_between('metrics.period_start', 'metrics.period_end') %}

with

initiatives as (

    select * from {{ ref('int_ai_initiatives') }}
    where start_date is not null

),

periods as (

    select * from {{ ref('int_kpi_periods') }}
    where period_grain = 'day'

),

scope_costs as (

    select * from {{ ref('int_kpi_scope_costs_by_period') }}
    where period_grain = 'day'

),

metrics as (

    select * from {{ ref('fct_business_metrics') }}
    where metric in ('{{ benefit_metric }}', '{{ alternative_metric }}')

),

ancestors as (

    select * from {{ ref('int_scope_ancestors') }}

),

bases as (

    {{ unitcost_cost_bases() }}

),

days as (

    {{ unitcost_date_series(
        '(select min(start_date) from initiatives)',
        '(select max(period_end) from periods)'
    ) }}

),

initiative_days as (

    select
        initiatives.scope_id,
        initiatives.start_date,
        initiatives.full_benefit_daily,
        days.date_day
    from initiatives
    inner join days
        on initiatives.start_date <= days.date_day

),

rolled_up_metrics as (

    select
        ancestors.ancestor_scope_id as scope_id,
        metrics.metric,
        metrics.period_grain,
        metrics.period_start,
        metrics.period_end,
        metrics.canonical_value,
        case
            when metrics.period_grain <> 'month' then metrics.canonical_value
            else cast(
                    cast(metrics.canonical_value as {{ dbl }})
                    / {{ days_covered }} as {{ unitcost_money_type() }}
                )
        end as value_per_day
    from metrics
    inner join ancestors
        on metrics.scope_id = ancestors.scope_id
    inner join initiatives
        on ancestors.ancestor_scope_id = initiatives.scope_id

),

daily_values as (

    select
        initiative_days.scope_id,
        initiative_days.date_day,
        sum(
            case when rolled_up_metrics.metric = '{{ benefit_metric }}' then rolled_up_metrics.value_per_day end
        ) as benefit,
        sum(
            case when rolled_up_metrics.metric = '{{ alternative_metric }}' then rolled_up_metrics.canonical_value end
        ) as alternative_daily_cost
    from initiative_days
    inner join rolled_up_metrics
        on initiative_days.scope_id = rolled_up_metrics.scope_id
            and initiative_days.date_day >= rolled_up_metrics.period_start
            and initiative_days.date_day < rolled_up_metrics.period_end
    group by
        initiative_days.scope_id,
        initiative_days.date_day

),

joined as (

    select
        initiative_days.scope_id,
        initiative_days.date_day,
        bases.cost_basis,
        initiative_days.start_date,
        initiative_days.full_benefit_daily,
        coalesce(periods.days_with_cost, 0) > 0 as is_bill_covered,
        {%- for part in ['total', 'direct', 'shared', 'unallocated'] %}
        case
            when coalesce(periods.days_with_cost, 0) > 0 then coalesce(scope_costs.{{ part }}_cost, 0)
        end as {{ 'ai' if part == 'total' else part }}_cost,
        {%- endfor %}
        daily_values.benefit,
        daily_values.alternative_daily_cost
    from initiative_days
    cross join bases
    left join periods
        on initiative_days.date_day = periods.period_start
    left join scope_costs
        on initiative_days.scope_id = scope_costs.scope_id
            and initiative_days.date_day = scope_costs.period_start
            and bases.cost_basis = scope_costs.cost_basis
    left join daily_values
        on initiative_days.scope_id = daily_values.scope_id
            and initiative_days.date_day = daily_values.date_day

),

accumulated as (

    select
        scope_id,
        date_day,
        cost_basis,
        start_date,
        full_benefit_daily,
        is_bill_covered,
        ai_cost,
        direct_cost,
        shared_cost,
        unallocated_cost,
        benefit,
        alternative_daily_cost,
        row_number() over (
            partition by scope_id, cost_basis order by date_day
        ) as day_number,
        sum(benefit) over (
            partition by scope_id, cost_basis order by date_day
            rows between unbounded preceding and current row
        ) as cumulative_benefit,
        sum(ai_cost) over (
            partition by scope_id, cost_basis order by date_day
            rows between unbounded preceding and current row
        ) as ai_cost_to_date,
        sum(case when is_bill_covered then 0 else 1 end) over (
            partition by scope_id, cost_basis order by date_day
            rows between unbounded preceding and current row
        ) as days_without_cost_to_date,
        sum(alternative_daily_cost) over (
            partition by scope_id, cost_basis order by date_day
            rows between unbounded preceding and current row
        ) as cumulative_alternative_cost,
        sum(coalesce(benefit, 0)) over (
            partition by scope_id, cost_basis order by date_day
            rows between 6 preceding and current row
        ) as benefit_last_7_days
    from joined

),

measured as (

    select
        scope_id,
        date_day,
        cost_basis,
        start_date,
        full_benefit_daily,
        is_bill_covered,
        ai_cost,
        direct_cost,
        shared_cost,
        unallocated_cost,
        benefit,
        alternative_daily_cost,
        day_number,
        cumulative_benefit,
        case when days_without_cost_to_date = 0 then ai_cost_to_date end as cumulative_ai_cost,
        cumulative_alternative_cost,
        case
            when
                day_number >= 7
                then cast(cast(benefit_last_7_days as {{ dbl }}) / 7 as {{ unitcost_money_type() }})
        end as trailing_7d_avg_benefit
    from accumulated

),

final as (

    select
        scope_id,
        date_day,
        cost_basis,
        start_date,
        day_number,
        is_bill_covered,
        cast(ai_cost as {{ unitcost_money_type() }}) as ai_cost,
        cast(direct_cost as {{ unitcost_money_type() }}) as direct_cost,
        cast(shared_cost as {{ unitcost_money_type() }}) as shared_cost,
        cast(unallocated_cost as {{ unitcost_money_type() }}) as unallocated_cost,
        cast(benefit as {{ unitcost_money_type() }}) as benefit,
        cast(alternative_daily_cost as {{ unitcost_money_type() }}) as alternative_daily_cost,
        cast(cumulative_benefit as {{ unitcost_money_type() }}) as cumulative_benefit,
        cast(cumulative_ai_cost as {{ unitcost_money_type() }}) as cumulative_ai_cost,
        cast(cumulative_alternative_cost as {{ unitcost_money_type() }}) as cumulative_alternative_cost,
        trailing_7d_avg_benefit,
        full_benefit_daily,
        coalesce(trailing_7d_avg_benefit >= full_benefit_daily, false) as is_full_benefit,
        coalesce(cumulative_ai_cost <= cumulative_alternative_cost, false) as is_break_even
    from measured

)

select * from final
