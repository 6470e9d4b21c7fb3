{{ config(materialized='table') }}

{#- Cost of each scope (with its descendants) per month, cost basis, provider
    and service category (grain: scope_id x period_start x cost_basis x
    provider_name x service_category), from fct_scope_costs (an aggregate,
    not charges). Names the services behind an unusual unit cost
    (kpi_unit_cost_anomalies) and the mix of a unit cost
    (kpi_unit_cost_drivers). Non-cloud TCO lines keep their provider
    'Non-cloud'. -#}

with

scope_costs as (

    select * from {{ ref('fct_scope_costs') }}

),

ancestors as (

    select * from {{ ref('int_scope_ancestors') }}

),

final as (

    select
        ancestors.ancestor_scope_id as scope_id,
        {{ unitcost_month_start('scope_costs.cost_date') }} as period_start,
        scope_costs.cost_basis,
        coalesce(scope_costs.provider_name, 'Unknown') as provider_name,
        coalesce(scope_costs.service_category, 'Unknown') as service_category,
        cast(sum(scope_costs.cost) as {{ unitcost_money_type() }}) as cost
    from scope_costs
    inner join ancestors
        on scope_costs.scope_id = ancestors.scope_id
    group by 1, 2, 3, 4, 5

)

select * from final
