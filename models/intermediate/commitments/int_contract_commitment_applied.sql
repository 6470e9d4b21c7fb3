{{ config(materialized='table') }}

{#- What the bill applied to each FOCUS 1.3 contract commitment per month
    (grain: contract_commitment_id x month_start x billing_currency): the
    elements of the ContractApplied column of staged charges
    (ContractCommitmentAppliedCost in the billing currency,
    ContractCommitmentAppliedQuantity in its unit), summed by the month of
    the charge date. Only charges with ContractApplied are read; an
    aggregate of a few rows per commitment, rebuilt on every build. -#}

with

charges as (

    select * from {{ ref('fct_charges') }}
    where contract_applied is not null

),

elements as (

    {{ unitcost_contract_applied_elements('charges', ['charge_date', 'billing_currency']) }}

),

aggregated as (

    select
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
    group by 1, 2, 3

)

select
    contract_commitment_id,
    month_start,
    billing_currency,
    contract_id,
    cast(applied_cost as {{ unitcost_money_type() }}) as applied_cost,
    cast(applied_quantity as {{ unitcost_quantity_type() }}) as applied_quantity,
    applied_unit,
    charge_rows
from aggregated
