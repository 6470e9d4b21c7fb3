{{ config(materialized='table') }}

{#- One row per cost selection, scope, KPI period and cost basis (grain:
    selection_id x scope_id x period_grain x period_start x cost_basis): the
    selected cost borne by the scope and its descendants, split into direct,
    shared and unallocated, in the reporting currency. Read from the
    selection part of int_kpi_spine (no charge-grain data). -#}

{%- set bases = unitcost_cost_basis_names() %}

with

selected as (

    select * from {{ ref('int_kpi_spine') }}
    where spine_part = 'selection'

),

ancestors as (

    select * from {{ ref('int_scope_ancestors') }}

),

rolled_up as (

    select
        selected.selection_id,
        ancestors.ancestor_scope_id as scope_id,
        selected.cost_type,
        selected.charge_date,
        {%- for basis in bases %}
        selected.{{ basis }}_cost,
        {%- endfor %}
        selected.charge_rows
    from selected
    inner join ancestors
        on selected.scope_id = ancestors.scope_id

),

by_basis as (

    {%- for basis in bases %}
    select
        selection_id,
        scope_id,
        cost_type,
        charge_date,
        charge_rows,
        '{{ basis }}' as cost_basis,
        coalesce({{ basis }}_cost, 0) as cost
    from rolled_up
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

by_period as (

    {%- for grain in ['day', 'month'] %}
    select
        selection_id,
        scope_id,
        '{{ grain }}' as period_grain,
        {{ 'charge_date' if grain == 'day' else unitcost_month_start('charge_date') }} as period_start,
        cost_basis,
        sum(cost) as selected_cost,
        sum(case when cost_type = 'direct' then cost else 0 end) as direct_cost,
        sum(case when cost_type = 'shared' then cost else 0 end) as shared_cost,
        sum(case when cost_type = 'unallocated' then cost else 0 end) as unallocated_cost,
        sum(charge_rows) as charge_count
    from by_basis
    group by 1, 2, 3, 4, 5
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

)

select * from by_period
