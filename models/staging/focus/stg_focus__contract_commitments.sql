{{ config(materialized='table') }}

{#- One row per contract commitment of the FOCUS 1.3 Contract Commitment
    datasets given in var('commitment_paths') (grain: contract_commitment_id),
    typed: costs and quantities as decimals, periods as UTC timestamps
    (start inclusive, end exclusive). ContractCommitmentCost is in the
    BillingCurrency (FOCUS 1.3, Contract Commitment dataset,
    ContractCommitmentCost). Read whole on every build (a few rows); empty
    when no dataset is given. A commitment listed in two files keeps the
    row of the last file (by path). -#}

with

raw as (

    {{ unitcost_contract_commitments_relation() }}

),

typed as (

    select
        source_file,
        ContractCommitmentId as contract_commitment_id,
        ContractCommitmentType as contract_commitment_type,
        ContractCommitmentCategory as contract_commitment_category,
        {{ unitcost_parse_decimal('ContractCommitmentCost') }} as contract_commitment_cost,
        {{ unitcost_parse_decimal('ContractCommitmentQuantity') }} as contract_commitment_quantity,
        ContractCommitmentUnit as contract_commitment_unit,
        {{ unitcost_parse_timestamp('ContractCommitmentPeriodStart') }} as contract_commitment_period_start,
        {{ unitcost_parse_timestamp('ContractCommitmentPeriodEnd') }} as contract_commitment_period_end,
        ContractId as contract_id,
        {{ unitcost_parse_timestamp('ContractPeriodStart') }} as contract_period_start,
        {{ unitcost_parse_timestamp('ContractPeriodEnd') }} as contract_period_end,
        upper(BillingCurrency) as billing_currency,
        upper(PricingCurrency) as pricing_currency,
        InvoiceIssuerName as invoice_issuer_name
    from raw
    where ContractCommitmentId is not null

),

ranked as (

    select
        *,
        row_number() over (partition by contract_commitment_id order by source_file desc) as file_rank
    from typed

)

select
    source_file,
    contract_commitment_id,
    contract_commitment_type,
    contract_commitment_category,
    contract_commitment_cost,
    contract_commitment_quantity,
    contract_commitment_unit,
    contract_commitment_period_start,
    contract_commitment_period_end,
    contract_id,
    contract_period_start,
    contract_period_end,
    billing_currency,
    pricing_currency,
    invoice_issuer_name
from ranked
where file_rank = 1
