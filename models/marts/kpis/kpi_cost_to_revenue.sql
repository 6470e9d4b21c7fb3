{#- Technology cost as % of revenue per scope, period and cost basis (grain:
    scope_id x period_grain x period_start x cost_basis), for every scope
    that is not a shared pool (business units, products, ... and their
    ancestors) with cost or revenue in the period. Numerator: all the cost
    the scope and its descendants bear (int_kpi_scope_costs_by_period
    .total_cost: direct + shared + non-cloud TCO lines). Denominator: the
    revenue of int_value_kpi_revenue_by_period (attributed revenue does not
    roll up past the scope it is attributed to). Per unit: the scope's
    primary unit metric of var('kpi_primary_unit_metrics'). See the docs
    block kpi_cost_to_revenue. -#}

{%- set revenue_metric = var('kpi_revenue_metric') | lower %}
{%- set unit_metrics = var('kpi_primary_unit_metrics', {
    'storefront': 'transactions',
    'search': 'api_calls',
    'assistant': 'assists',
    'data-platform': 'workloads',
}) %}
{%- set wide_percent = 'decimal(38, 4)' %}

with

periods as (

    select * from {{ ref('int_kpi_periods') }}

),

scopes as (

    select * from {{ ref('dim_scopes') }}
    where not is_shared_pool

),

scope_costs as (

    select * from {{ ref('int_kpi_scope_costs_by_period') }}

),

revenue as (

    select * from {{ ref('int_value_kpi_revenue_by_period') }}

),

value_metrics as (

    select * from {{ ref('int_kpi_value_metrics') }}

),

primary_unit_metrics as (

    {%- for scope_id, metric in unit_metrics.items() %}
    select
        '{{ scope_id }}' as scope_id,
        '{{ metric | lower }}' as unit_metric
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- else %}
    select
        cast(null as varchar) as scope_id,
        cast(null as varchar) as unit_metric
    where 1 = 0
    {%- endfor %}

),

units as (

    select
        value_metrics.scope_id,
        value_metrics.period_grain,
        value_metrics.period_start,
        value_metrics.metric_value as units,
        value_metrics.days_with_data
    from value_metrics
    inner join primary_unit_metrics
        on value_metrics.scope_id = primary_unit_metrics.scope_id
            and value_metrics.metric = primary_unit_metrics.unit_metric

),

keys as (

    {{ unitcost_kpi_frame(cost_relations=['scope_costs'], value_relations=['revenue']) }}

),

joined as (

    select
        keys.scope_id,
        scopes.scope_type,
        keys.period_grain,
        keys.period_start,
        keys.period_end,
        keys.days_in_period,
        keys.cost_basis,
        case when keys.days_with_cost = 0 then null else coalesce(scope_costs.total_cost, 0) end
            as technology_cost,
        case when keys.days_with_cost = 0 then null else coalesce(scope_costs.cloud_cost, 0) end
            as cloud_cost,
        coalesce(scope_costs.tco_cost, 0) as tco_cost,
        scope_costs.direct_cost,
        scope_costs.shared_cost,
        scope_costs.unallocated_cost,
        revenue.revenue,
        revenue.attributed_revenue,
        coalesce(revenue.days_with_data, 0) as revenue_days_with_data,
        primary_unit_metrics.unit_metric,
        units.units,
        coalesce(units.days_with_data, 0) as units_days_with_data,
        keys.days_with_cost,
        keys.is_final,
        keys.finality_reason
    from keys
    inner join scopes
        on keys.scope_id = scopes.scope_id
    left join scope_costs
        on keys.scope_id = scope_costs.scope_id
            and keys.period_grain = scope_costs.period_grain
            and keys.period_start = scope_costs.period_start
            and keys.cost_basis = scope_costs.cost_basis
    left join revenue
        on keys.scope_id = revenue.scope_id
            and keys.period_grain = revenue.period_grain
            and keys.period_start = revenue.period_start
    left join primary_unit_metrics
        on keys.scope_id = primary_unit_metrics.scope_id
    left join units
        on keys.scope_id = units.scope_id
            and keys.period_grain = units.period_grain
            and keys.period_start = units.period_start

),

computed as (

    select
        *,
        revenue - technology_cost as contribution_margin,
        case when revenue > 0 then revenue end as positive_revenue
    from joined

),

final as (

    select
        scope_id,
        scope_type,
        period_grain,
        period_start,
        period_end,
        days_in_period,
        cost_basis,
        '{{ var("reporting_currency") | upper }}' as reporting_currency,
        cast(technology_cost as {{ unitcost_money_type() }}) as technology_cost,
        cast(cloud_cost as {{ unitcost_money_type() }}) as cloud_cost,
        cast(tco_cost as {{ unitcost_money_type() }}) as tco_cost,
        cast(revenue as {{ unitcost_money_type() }}) as revenue,
        cast(attributed_revenue as {{ unitcost_money_type() }}) as attributed_revenue,
        cast(100 * {{ unitcost_ratio('technology_cost', 'positive_revenue') }} as {{ wide_percent }})
            as cost_to_revenue_pct,
        cast(contribution_margin as {{ unitcost_money_type() }}) as contribution_margin,
        cast(100 * {{ unitcost_ratio('contribution_margin', 'positive_revenue') }} as {{ wide_percent }})
            as contribution_margin_pct,
        case
            when revenue < 0 then 'revenue is negative (refunds exceed sales)'
            else {{ unitcost_ratio_null_reason('technology_cost', 'revenue', 'cost data', revenue_metric) }}
        end as null_reason,
        unit_metric,
        cast(units as {{ unitcost_quantity_type() }}) as units,
        {{ unitcost_ratio('revenue', 'units') }} as unit_revenue,
        {{ unitcost_ratio('technology_cost', 'units') }} as unit_cost,
        {{ unitcost_ratio('contribution_margin', 'units') }} as contribution_margin_per_unit,
        case
            when unit_metric is null then 'no primary unit metric for the scope (var kpi_primary_unit_metrics)'
            when units is null then {{ dbt.concat(["'no '", 'unit_metric', "' in the period'"]) }}
            when units = 0 then {{ dbt.concat(['unit_metric', "' is zero'"]) }}
            when technology_cost is null then 'no cost data in the period'
            when revenue is null then 'no {{ revenue_metric }} in the period'
        end as unit_null_reason,
        units_days_with_data,
        {{ unitcost_kpi_quality_columns(
            'technology_cost', 'direct_cost', 'shared_cost', 'unallocated_cost', 'revenue_days_with_data'
        ) }},
        is_final,
        finality_reason
    from computed

)

select * from final
