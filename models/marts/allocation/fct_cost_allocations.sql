{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ unitcost_delete_dirty(unitcost_month_start('charge_date'), 'month') }}"
) }}

{#- One row per shared charge and recipient scope (grain: charge_key x
    recipient_scope_id): the part of a shared pool's charge a recipient
    receives, on every cost basis, with the rule, the method applied and the
    share. Each charge's allocations sum exactly to the charge: amounts are
    rounded to 12 decimals and the rounding residue goes to the recipient
    with the largest share (then the first by scope id). Negative charges
    (credits) are allocated like any other. Incremental by the month of the
    charge date (int_build_dirty_months). -#}

-- depends_on: {{ ref('int_build_dirty_months') }}

{%- set bases = unitcost_cost_basis_names() %}

with

pool_charges as (

    select * from {{ ref('int_pool_charges') }}
    where allocation_rule_id is not null
        and {{ unitcost_incremental_filter('allocation_month', 'month') }}

),

weights as (

    select * from {{ ref('int_allocation_weights') }}

),

split as (

    select
        pool_charges.charge_key,
        pool_charges.charge_date,
        pool_charges.billing_period,
        pool_charges.provider_name,
        pool_charges.service_category,
        pool_charges.scope_id as pool_scope_id,
        weights.recipient_scope_id,
        pool_charges.allocation_rule_id,
        weights.method as allocation_method,
        weights.applied_method,
        weights.fell_back,
        weights.share as allocation_share,
        {%- for basis in bases %}
        coalesce(pool_charges.{{ basis }}_cost, 0) as pool_{{ basis }}_cost,
        {{ unitcost_share_of('coalesce(pool_charges.' ~ basis ~ '_cost, 0)', 'weights.share') }}
            as rounded_{{ basis }}_cost,
        {%- endfor %}
        weights.share_rank
    from pool_charges
    inner join weights
        on pool_charges.allocation_rule_id = weights.rule_id
            and pool_charges.allocation_month = weights.allocation_month

),

residues as (

    select
        {%- for basis in bases %}
        pool_{{ basis }}_cost - sum(rounded_{{ basis }}_cost) over (partition by charge_key) as {{ basis }}_residue,
        {%- endfor %}
        *
    from split

),

final as (

    select
        charge_key,
        recipient_scope_id,
        pool_scope_id,
        allocation_rule_id,
        allocation_method,
        applied_method,
        fell_back,
        allocation_share,
        charge_date,
        billing_period,
        provider_name,
        {%- for basis in bases %}
        cast(
            rounded_{{ basis }}_cost + case when share_rank = 1 then {{ basis }}_residue else 0 end
            as {{ unitcost_money_type() }}
        ) as allocated_{{ basis }}_cost,
        {%- endfor %}
        service_category
    from residues

)

select * from final
