{#- One row per charge and scope that bears some of its cost (grain:
    charge_key x scope_id x cost_type): the charge itself for its own scope
    (direct), each allocation of a shared charge (shared), and the charges
    left unallocated (in the 'unallocated' scope). Cost on the four bases,
    reporting currency. The charge-level form of fct_scope_costs, with the
    charge attributes the KPIs group and slice by
    (unitcost_kpi_charge_attributes) and quantity_share, the part of the
    charge's quantity the scope gets (1, or a shared charge's allocation
    share: the share its cost gets). Other attributes: join fct_charges on
    charge_key. A view: its readers filter it (by month on an incremental
    build), so it is never stored. -#}

{%- set bases = unitcost_cost_basis_names() %}
{%- set attributes = unitcost_kpi_charge_attributes() %}

with

direct_charges as (

    select * from {{ ref('int_charges_scoped') }}
    where not is_shared_pool

),

pool_charges as (

    select * from {{ ref('int_charges_scoped') }}
    where is_shared_pool

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
        {%- for column in attributes %}
        {{ column }},
        {%- endfor %}
        1 as quantity_share,
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
        {%- for column in attributes %}
        {{ column }},
        {%- endfor %}
        1 as quantity_share,
        {%- for basis in bases %}
        {{ basis }}_cost{% if not loop.last %},{% endif %}
        {%- endfor %}
    from unallocated_charges

    union all

    -- joined on the date too, so that a reader's filter on the month of the
    -- allocations also limits the pool charges read
    select
        allocations.charge_key,
        allocations.recipient_scope_id as scope_id,
        'shared' as cost_type,
        allocations.charge_date,
        allocations.billing_period,
        {%- for column in attributes %}
        pool_charges.{{ column }},
        {%- endfor %}
        allocations.allocation_share as quantity_share,
        {%- for basis in bases %}
        allocations.allocated_{{ basis }}_cost as {{ basis }}_cost{% if not loop.last %},{% endif %}
        {%- endfor %}
    from allocations
    inner join pool_charges
        on allocations.charge_key = pool_charges.charge_key
            and allocations.charge_date = pool_charges.charge_date

)

select * from scope_charges
