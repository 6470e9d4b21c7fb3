{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ unitcost_delete_dirty(unitcost_month_start('cost_date'), 'month') }}"
) }}

{#- One row per scope, day, billing period, cost basis, provider, service
    category, cost type and cost source (the grain), with the cost in the
    reporting currency. cost_type: direct (charged to the scope by a scope
    rule), shared (allocated to it from a shared pool), unallocated (in the
    'unallocated' scope: no rule matched, or a pool had no allocation rule on
    that date). cost_source: focus (the bill) or tco (non-cloud TCO lines,
    always direct). Over all scopes, the focus cost of a billing period and
    basis equals the staged cost (tests/allocation/). Incremental by the
    month of cost_date (int_build_dirty_months). -#}

-- depends_on: {{ ref('int_build_dirty_months') }}

{%- set bases = unitcost_cost_basis_names() %}

with

scope_charges as (

    select * from {{ ref('int_scope_charge_costs') }}
    where {{ unitcost_incremental_filter(unitcost_month_start('charge_date'), 'month') }}

),

tco as (

    select * from {{ ref('int_tco_costs_daily') }}
    where {{ unitcost_incremental_filter(unitcost_month_start('cost_date'), 'month') }}

),

costs as (

    select
        scope_id,
        charge_date as cost_date,
        billing_period,
        provider_name,
        service_category,
        cost_type,
        'focus' as cost_source,
        {%- for basis in bases %}
        {{ basis }}_cost{% if not loop.last %},{% endif %}
        {%- endfor %}
    from scope_charges

    union all

    select
        scope_id,
        cost_date,
        {{ unitcost_month_start('cost_date') }} as billing_period,
        provider_name,
        service_category,
        'direct' as cost_type,
        'tco' as cost_source,
        {%- for basis in bases %}
        daily_cost as {{ basis }}_cost{% if not loop.last %},{% endif %}
        {%- endfor %}
    from tco

),

by_basis as (

    {%- for basis in bases %}
    select
        scope_id,
        cost_date,
        billing_period,
        '{{ basis }}' as cost_basis,
        provider_name,
        service_category,
        cost_type,
        cost_source,
        {{ basis }}_cost as cost
    from costs
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

aggregated as (

    select
        scope_id,
        cost_date,
        billing_period,
        cost_basis,
        provider_name,
        coalesce(service_category, 'Unknown') as service_category,
        cost_type,
        cost_source,
        cast(sum(coalesce(cost, 0)) as {{ unitcost_money_type() }}) as cost,
        count(*) as cost_line_count
    from by_basis
    group by 1, 2, 3, 4, 5, 6, 7, 8

)

select * from aggregated
