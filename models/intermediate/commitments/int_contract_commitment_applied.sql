{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ unitcost_delete_dirty('billing_period', 'period') }}"
) }}

{#- What the bill applied to each FOCUS 1.3 contract commitment per month
    (grain: billing_period x contract_commitment_id x month_start x
    billing_currency): the elements of the ContractApplied column of staged
    charges (ContractCommitmentAppliedCost in the billing currency,
    ContractCommitmentAppliedQuantity in its unit), summed by the billing
    period and the month of the charge date. Only charges with
    ContractApplied are read. Incremental by billing period
    (int_build_dirty_periods); fct_contract_commitments adds the billing
    periods up. -#}

-- depends_on: {{ ref('int_build_dirty_periods') }}

with

charges as (

    select * from {{ ref('fct_charges') }}
    where contract_applied is not null
        and {{ unitcost_incremental_filter('billing_period', 'period') }}

),

elements as (

    {{ unitcost_contract_applied_elements('charges', ['billing_period', 'charge_date', 'billing_currency']) }}

),

aggregated as (

    select
        billing_period,
        contract_commitment_id,
        {{ unitcost_month_start('charge_date') }} as month_start,
        billing_currency,
        min(contract_id) as contract_id,
        sum(applied_cost) as applied_cost,
        sum(applied_quantity) as applied_quantity,
        min(applied_unit) as applied_unit,
        count(*) as charge_rows
    from elements
    where contract_commitment_id is not null
    group by 1, 2, 3, 4

)

select
    billing_period,
    contract_commitment_id,
    month_start,
    billing_currency,
    contract_id,
    cast(applied_cost as {{ unitcost_money_type() }}) as applied_cost,
    cast(applied_quantity as {{ unitcost_quantity_type() }}) as applied_quantity,
    applied_unit,
    charge_rows
from aggregated
