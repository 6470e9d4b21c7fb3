{{ config(materialized='table') }}

{#- The bill's cost and usage of each scope (with its descendants) per month,
    cost basis, cost class and usage group (grain: scope_id x period_start x
    cost_basis x cost_class x service_category x service_subcategory x
    canonical_unit), from the bill part of int_kpi_spine. cost_class is
    direct (the scope's own charges, and what no rule placed for the
    unallocated scope) or shared (allocations from shared pools).
    canonical_unit is null for cost without a convertible usage quantity.
    The quantity is the same on every basis. Feeds kpi_unit_cost_drivers. -#}

{%- set bases = unitcost_cost_basis_names() %}

with

spine as (

    select * from {{ ref('int_kpi_spine') }}
    where spine_part = 'bill'

),

ancestors as (

    select * from {{ ref('int_scope_ancestors') }}

),

rolled_up as (

    select
        ancestors.ancestor_scope_id as scope_id,
        {{ unitcost_month_start('spine.charge_date') }} as period_start,
        case when spine.cost_type = 'shared' then 'shared' else 'direct' end as cost_class,
        coalesce(spine.service_category, 'Unknown') as service_category,
        coalesce(spine.service_subcategory, 'Unknown') as service_subcategory,
        spine.canonical_unit,
        {%- for basis in bases %}
        sum(spine.{{ basis }}_cost) as {{ basis }}_cost,
        {%- endfor %}
        sum(spine.usage_quantity) as quantity
    from spine
    inner join ancestors
        on spine.scope_id = ancestors.scope_id
    group by 1, 2, 3, 4, 5, 6

),

final as (

    {%- for basis in bases %}
    select
        scope_id,
        period_start,
        '{{ basis }}' as cost_basis,
        cost_class,
        service_category,
        service_subcategory,
        canonical_unit,
        cast({{ basis }}_cost as {{ unitcost_money_type() }}) as cost,
        cast(quantity as {{ unitcost_quantity_type() }}) as quantity
    from rolled_up
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

)

select * from final
