{#- One row per charge and scope that bears some of its cost (grain:
    charge_key x scope_id x cost_type): the charge itself for its own scope
    (direct), each allocation of a shared charge (shared), and the charges
    left unallocated (in the 'unallocated' scope). Cost on the four bases,
    reporting currency. The charge-level form of fct_scope_costs: KPIs that
    select costs by any charge attribute (service name, tags, SKU...) start
    here and join fct_charges on charge_key. A view: its readers filter it
    (by month on an incremental build), so it is never stored. -#}

{%- set bases = unitcost_cost_basis_names() %}

with

direct_charges as (

    select * from {{ ref('int_charges_scoped') }}
    where not is_shared_pool

),

unallocated_charges as (

    select * from {{ ref('int_pool_charges') }}
    where allocation_rule_id is null

),

allocations as (

    select * from {{ ref('fct_cost_allocations') }}

),

scope_charges as (

    select
        charge_key,
        scope_id,
        'direct' as cost_type,
        charge_date,
        billing_period,
        provider_name,
        service_category,
        {%- for basis in bases %}
        {{ basis }}_cost{% if not loop.last %},{% endif %}
        {%- endfor %}
    from direct_charges

    union all

    select
        charge_key,
        'unallocated' as scope_id,
        'unallocated' as cost_type,
        charge_date,
        billing_period,
        provider_name,
        service_category,
        {%- for basis in bases %}
        {{ basis }}_cost{% if not loop.last %},{% endif %}
        {%- endfor %}
    from unallocated_charges

    union all

    select
        charge_key,
        recipient_scope_id as scope_id,
        'shared' as cost_type,
        charge_date,
        billing_period,
        provider_name,
        service_category,
        {%- for basis in bases %}
        allocated_{{ basis }}_cost as {{ basis }}_cost{% if not loop.last %},{% endif %}
        {%- endfor %}
    from allocations

)

select * from scope_charges
