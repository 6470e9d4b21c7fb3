{{ config(materialized='table') }}

{#- One row per scope, KPI period and cost basis that has cost (grain:
    scope_id x period_grain x period_start x cost_basis): all the cost the
    scope and its descendants bear (bill and non-cloud TCO lines), split into
    direct, shared and unallocated, and into cloud and TCO. -#}

with

scope_costs as (

    select * from {{ ref('fct_scope_costs') }}

),

ancestors as (

    select * from {{ ref('int_scope_ancestors') }}

),

rolled_up as (

    select
        ancestors.ancestor_scope_id as scope_id,
        scope_costs.cost_date,
        scope_costs.cost_basis,
        scope_costs.cost_type,
        scope_costs.cost_source,
        scope_costs.cost
    from scope_costs
    inner join ancestors
        on scope_costs.scope_id = ancestors.scope_id

),

by_period as (

    {%- for grain in ['day', 'month'] %}
    select
        scope_id,
        '{{ grain }}' as period_grain,
        {{ 'cost_date' if grain == 'day' else unitcost_month_start('cost_date') }} as period_start,
        cost_basis,
        sum(cost) as total_cost,
        sum(case when cost_source = 'focus' then cost else 0 end) as cloud_cost,
        sum(case when cost_source = 'tco' then cost else 0 end) as tco_cost,
        sum(case when cost_type = 'direct' then cost else 0 end) as direct_cost,
        sum(case when cost_type = 'shared' then cost else 0 end) as shared_cost,
        sum(case when cost_type = 'unallocated' then cost else 0 end) as unallocated_cost
    from rolled_up
    group by 1, 2, 3, 4
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

)

select * from by_period
