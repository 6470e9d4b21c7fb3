{#- Data value density per data product scope, period and cost basis (grain:
    scope_id x period_grain x period_start x cost_basis), for the scopes of
    var('kpi_data_product_scopes') and their descendants, each including its
    own descendants. Numerator: the value metric var('kpi_data_value_metric')
    (revenue or a data value index). Denominator: the data platform TCO =
    the cloud cost of the 'data_platform' selection of
    seeds/kpi_cost_selections.csv borne by the scope (direct + shared) + the
    scope's non-cloud TCO lines. A density at or below 1.0 is a value leak.
    See the docs block kpi_data_value_density. -#}

{%- set value_metric = var('kpi_data_value_metric') | lower %}
{%- set data_product_scopes = var('kpi_data_product_scopes') %}

with

periods as (

    select * from {{ ref('int_kpi_periods') }}

),

ancestors as (

    select * from {{ ref('int_scope_ancestors') }}

),

data_costs as (

    select * from {{ ref('int_kpi_selected_costs_by_period') }}
    where selection_id = 'data_platform'

),

scope_costs as (

    select * from {{ ref('int_kpi_scope_costs_by_period') }}

),

data_values as (

    select * from {{ ref('int_kpi_value_metrics') }}
    where metric = '{{ value_metric }}'

),

data_product_roots as (

    {%- for scope_id in data_product_scopes %}
    select '{{ scope_id }}' as scope_id
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- else %}
    select cast(null as varchar) as scope_id
    where 1 = 0
    {%- endfor %}

),

data_product_scopes as (

    select distinct ancestors.scope_id
    from ancestors
    inner join data_product_roots
        on ancestors.ancestor_scope_id = data_product_roots.scope_id

),

keys as (

    {{ unitcost_kpi_frame(
        cost_relations=['data_costs', ('scope_costs', 'tco_cost <> 0')],
        value_relations=['data_values']
    ) }}

),

joined as (

    select
        keys.scope_id,
        keys.period_grain,
        keys.period_start,
        keys.period_end,
        keys.days_in_period,
        keys.cost_basis,
        data_values.canonical_unit as value_unit,
        data_values.metric_value as data_value,
        coalesce(data_values.days_with_data, 0) as value_days_with_data,
        case when keys.days_with_cost = 0 then null else coalesce(data_costs.selected_cost, 0) end
            as cloud_data_cost,
        coalesce(scope_costs.tco_cost, 0) as non_cloud_tco,
        coalesce(data_costs.direct_cost, 0) as cloud_direct_cost,
        coalesce(data_costs.shared_cost, 0) as cloud_shared_cost,
        coalesce(data_costs.unallocated_cost, 0) as cloud_unallocated_cost,
        keys.days_with_cost,
        keys.is_final,
        keys.finality_reason
    from keys
    inner join data_product_scopes
        on keys.scope_id = data_product_scopes.scope_id
    left join data_costs
        on keys.scope_id = data_costs.scope_id
            and keys.period_grain = data_costs.period_grain
            and keys.period_start = data_costs.period_start
            and keys.cost_basis = data_costs.cost_basis
    left join scope_costs
        on keys.scope_id = scope_costs.scope_id
            and keys.period_grain = scope_costs.period_grain
            and keys.period_start = scope_costs.period_start
            and keys.cost_basis = scope_costs.cost_basis
    left join data_values
        on keys.scope_id = data_values.scope_id
            and keys.period_grain = data_values.period_grain
            and keys.period_start = data_values.period_start

),

totalled as (

    select
        *,
        cloud_data_cost + non_cloud_tco as data_platform_tco,
        -- non-cloud TCO lines are always the scope's own (direct) cost
        cloud_direct_cost + non_cloud_tco as tco_direct_cost
    from joined

),

rated as (

    select
        *,
        case
            when data_platform_tco > 0 then {{ unitcost_ratio('data_value', 'data_platform_tco') }}
        end as data_value_density
    from totalled

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
        '{{ value_metric }}' as value_metric,
        value_unit,
        cast(data_value as {{ unitcost_quantity_type() }}) as data_value,
        cast(cloud_data_cost as {{ unitcost_money_type() }}) as cloud_data_cost,
        cast(non_cloud_tco as {{ unitcost_money_type() }}) as non_cloud_tco,
        cast(data_platform_tco as {{ unitcost_money_type() }}) as data_platform_tco,
        data_value_density,
        case when data_value_density is not null then data_value_density <= 1 end as value_leak,
        case
            when data_platform_tco is null then 'no cost data in the period'
            when data_platform_tco < 0 then 'data platform TCO is negative (credits exceed cost)'
            else {{ unitcost_ratio_null_reason('data_value', 'data_platform_tco', value_metric, 'data platform TCO') }}
        end as null_reason,
        {{ unitcost_kpi_quality_columns(
            'data_platform_tco', 'tco_direct_cost', 'cloud_shared_cost', 'cloud_unallocated_cost',
            'value_days_with_data'
        ) }},
        is_final,
        finality_reason
    from rated

)

select * from final
