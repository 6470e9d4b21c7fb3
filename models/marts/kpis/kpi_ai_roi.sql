{#- AI ROI per AI initiative, period and cost basis (grain: scope_id x
    period_grain x period_start x cost_basis), for every period from the
    one holding the initiative's first cost or benefit to the last period
    with data. ROI = (benefits - total_cost) / total_cost x 100, for the
    period and cumulated since the first cost or benefit. Benefits: the
    value metric var('kpi_ai_benefit_metric'); total_cost: all the cost the
    scope and its descendants bear (int_kpi_scope_costs_by_period.total_cost: direct,
    shared allocations, TCO lines). See the docs block kpi_ai_roi. -#}

{%- set benefit_metric = var('kpi_ai_benefit_metric') | lower %}
{#- Costs below half a cent are zero: allocation rounding leaves residues of
    1e-12 that would make ROI astronomically large. -#}
{%- set zero_cost = '0.005' %}

with

initiatives as (

    select * from {{ ref('int_ai_initiatives') }}
    where first_activity_date is not null

),

periods as (

    select * from {{ ref('int_kpi_periods') }}

),

scope_costs as (

    select * from {{ ref('int_kpi_scope_costs_by_period') }}

),

benefits as (

    select * from {{ ref('int_kpi_value_metrics') }}
    where metric = '{{ benefit_metric }}'

),

bases as (

    {{ unitcost_cost_bases() }}

),

keys as (

    select
        initiatives.scope_id,
        initiatives.first_activity_date,
        periods.period_grain,
        periods.period_start,
        periods.period_end,
        periods.days_in_period,
        periods.days_with_cost,
        periods.is_final,
        periods.finality_reason,
        bases.cost_basis
    from initiatives
    inner join periods
        on initiatives.first_activity_date < periods.period_end
    cross join bases

),

joined as (

    select
        keys.scope_id,
        keys.first_activity_date,
        keys.period_grain,
        keys.period_start,
        keys.period_end,
        keys.days_in_period,
        keys.cost_basis,
        keys.days_with_cost,
        keys.is_final,
        keys.finality_reason,
        {%- for part in ['total', 'cloud', 'tco', 'direct', 'shared', 'unallocated'] %}
        case
            when keys.days_with_cost = 0 then null else coalesce(scope_costs.{{ part }}_cost, 0)
        end as {{ part }}_cost,
        {%- endfor %}
        benefits.metric_value as benefits,
        coalesce(benefits.days_with_data, 0) as benefit_days_with_data
    from keys
    left join scope_costs
        on keys.scope_id = scope_costs.scope_id
            and keys.period_grain = scope_costs.period_grain
            and keys.period_start = scope_costs.period_start
            and keys.cost_basis = scope_costs.cost_basis
    left join benefits
        on keys.scope_id = benefits.scope_id
            and keys.period_grain = benefits.period_grain
            and keys.period_start = benefits.period_start

),

accumulated as (

    select
        scope_id,
        first_activity_date,
        period_grain,
        period_start,
        period_end,
        days_in_period,
        cost_basis,
        days_with_cost,
        is_final,
        finality_reason,
        total_cost,
        cloud_cost,
        tco_cost,
        direct_cost,
        shared_cost,
        unallocated_cost,
        benefits,
        benefit_days_with_data,
        sum(benefits) over (
            partition by scope_id, period_grain, cost_basis order by period_start
            rows between unbounded preceding and current row
        ) as cumulative_benefits,
        sum(total_cost) over (
            partition by scope_id, period_grain, cost_basis order by period_start
            rows between unbounded preceding and current row
        ) as costs_to_date,
        sum(case when total_cost is null then 1 else 0 end) over (
            partition by scope_id, period_grain, cost_basis order by period_start
            rows between unbounded preceding and current row
        ) as periods_without_cost,
        sum(days_in_period) over (
            partition by scope_id, period_grain, cost_basis order by period_start
            rows between unbounded preceding and current row
        ) as cumulative_days,
        sum(days_with_cost) over (
            partition by scope_id, period_grain, cost_basis order by period_start
            rows between unbounded preceding and current row
        ) as cumulative_days_with_cost,
        sum(benefit_days_with_data) over (
            partition by scope_id, period_grain, cost_basis order by period_start
            rows between unbounded preceding and current row
        ) as cumulative_benefit_days_with_data
    from joined

),

measured as (

    select
        *,
        case when periods_without_cost = 0 then costs_to_date end as cumulative_total_cost
    from accumulated

),

returns as (

    select
        *,
        benefits - total_cost as net_benefit,
        cumulative_benefits - cumulative_total_cost as cumulative_net_benefit,
        case when total_cost >= {{ zero_cost }} then total_cost end as roi_costs,
        case when cumulative_total_cost >= {{ zero_cost }} then cumulative_total_cost end as cumulative_roi_costs
    from measured

),

final as (

    select
        scope_id,
        period_grain,
        period_start,
        period_end,
        days_in_period,
        cost_basis,
        '{{ var("reporting_currency") | upper }}' as reporting_currency,
        cast(benefits as {{ unitcost_money_type() }}) as benefits,
        cast(total_cost as {{ unitcost_money_type() }}) as total_cost,
        cast(cloud_cost as {{ unitcost_money_type() }}) as cloud_cost,
        cast(tco_cost as {{ unitcost_money_type() }}) as tco_cost,
        cast(net_benefit as {{ unitcost_money_type() }}) as net_benefit,
        cast(100 * {{ unitcost_ratio('net_benefit', 'roi_costs') }} as decimal(38, 4)) as roi_pct,
        case
            when total_cost is null then 'no cost data in the period (the bill does not cover it)'
            when abs(total_cost) < {{ zero_cost }} then 'costs are zero'
            when total_cost < 0 then 'costs are negative (credits exceed usage)'
            when benefits is null then 'no {{ benefit_metric }} in the period'
        end as null_reason,
        first_activity_date as cumulative_since,
        cast(cumulative_benefits as {{ unitcost_money_type() }}) as cumulative_benefits,
        cast(cumulative_total_cost as {{ unitcost_money_type() }}) as cumulative_total_cost,
        cast(cumulative_net_benefit as {{ unitcost_money_type() }}) as cumulative_net_benefit,
        cast(100 * {{ unitcost_ratio('cumulative_net_benefit', 'cumulative_roi_costs') }} as decimal(38, 4))
            as cumulative_roi_pct,
        case
            when cumulative_total_cost is null then 'the bill misses a period since the first cost or benefit'
            when abs(cumulative_total_cost) < {{ zero_cost }} then 'cumulative costs are zero'
            when cumulative_total_cost < 0 then 'cumulative costs are negative (credits exceed usage)'
            when cumulative_benefits is null then 'no {{ benefit_metric }} since the first cost or benefit'
        end as cumulative_null_reason,
        cast(cumulative_days as integer) as cumulative_days,
        cast(cumulative_days_with_cost as bigint) as cumulative_days_with_cost,
        cast(cumulative_benefit_days_with_data as bigint) as cumulative_benefit_days_with_data,
        {{ unitcost_kpi_quality_columns(
            'total_cost', 'direct_cost', 'shared_cost', 'unallocated_cost', 'cast(benefit_days_with_data as bigint)',
            numerator_days='cast(days_with_cost as bigint)',
            guard='abs(total_cost) >= ' ~ zero_cost ~ ' and abs({part}) < 1000 * abs(total_cost)'
        ) }},
        is_final,
        finality_reason
    from returns

)

select * from final
