{#- Cost per API call per scope, period and cost basis (grain: scope_id x
    period_grain x period_start x cost_basis). Numerator: the cost of the
    charges of the 'api' selection (seeds/kpi_cost_selections.csv) borne by
    the scope and its descendants, shared allocations included. Denominator:
    the value metric var('kpi_api_calls_metric') of the scope and its
    descendants. See the docs block kpi_cost_per_api_call. -#}

{%- set calls_metric = var('kpi_api_calls_metric') | lower %}

with

periods as (

    select * from {{ ref('int_kpi_periods') }}

),

api_costs as (

    select * from {{ ref('int_kpi_selected_costs_by_period') }}
    where selection_id = 'api'

),

api_calls as (

    select * from {{ ref('int_kpi_value_metrics') }}
    where metric = '{{ calls_metric }}'

),

keys as (

    {{ unitcost_kpi_frame(cost_relations=['api_costs'], value_relations=['api_calls']) }}

),

joined as (

    select
        keys.scope_id,
        keys.period_grain,
        keys.period_start,
        keys.period_end,
        keys.days_in_period,
        keys.cost_basis,
        case when keys.days_with_cost = 0 then null else coalesce(api_costs.selected_cost, 0) end as api_cost,
        api_costs.direct_cost,
        api_costs.shared_cost,
        api_costs.unallocated_cost,
        api_calls.metric_value as api_calls,
        coalesce(api_calls.days_with_data, 0) as api_calls_days_with_data,
        keys.days_with_cost,
        keys.is_final,
        keys.finality_reason
    from keys
    left join api_costs
        on keys.scope_id = api_costs.scope_id
            and keys.period_grain = api_costs.period_grain
            and keys.period_start = api_costs.period_start
            and keys.cost_basis = api_costs.cost_basis
    left join api_calls
        on keys.scope_id = api_calls.scope_id
            and keys.period_grain = api_calls.period_grain
            and keys.period_start = api_calls.period_start

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
        cast(api_cost as {{ unitcost_money_type() }}) as api_cost,
        cast(api_calls as {{ unitcost_quantity_type() }}) as api_calls,
        {{ unitcost_ratio('api_cost', 'api_calls') }} as cost_per_api_call,
        {{ unitcost_ratio_null_reason('api_cost', 'api_calls', 'cost data', calls_metric) }} as null_reason,
        {{ unitcost_kpi_quality_columns(
            'api_cost', 'direct_cost', 'shared_cost', 'unallocated_cost', 'api_calls_days_with_data'
        ) }},
        is_final,
        finality_reason
    from joined

)

select * from final
