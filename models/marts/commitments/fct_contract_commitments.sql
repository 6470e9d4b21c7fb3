{#- One row per FOCUS 1.3 contract commitment and calendar month of its
    commitment period (grain: contract_commitment_id x month_start), from
    the Contract Commitment dataset (stg_focus__contract_commitments) and the
    ContractApplied elements of the bill (int_contract_commitment_applied):
    committed (ContractCommitmentCost for Spend, ContractCommitmentQuantity
    for Usage commitments), applied in the month and to date, remaining,
    utilisation % to date, and the burn-down against a straight line (the
    share of the commitment period elapsed at the month's end). Amounts in
    the billing currency, as the dataset states them. Applications to a
    commitment the dataset does not list, or outside its period, are not
    here (see int_contract_commitment_applied). -#}
{%- set dbl = unitcost_double_type() %}

with

commitments as (

    select * from {{ ref('stg_focus__contract_commitments') }}

),

applied as (

    -- the billing periods of a month added up
    select
        contract_commitment_id,
        month_start,
        billing_currency,
        sum(applied_cost) as applied_cost,
        sum(applied_quantity) as applied_quantity,
        sum(charge_rows) as charge_rows
    from {{ ref('int_contract_commitment_applied') }}
    group by contract_commitment_id, month_start, billing_currency

),

bounds as (

    select
        min(cast(contract_commitment_period_start as date)) as first_day,
        max(cast(contract_commitment_period_end as date)) as last_day
    from commitments

),

days as (

    {{ unitcost_date_series('(select first_day from bounds)', '(select last_day from bounds)') }}

),

months as (

    select distinct {{ unitcost_month_start('date_day') }} as month_start
    from days

),

commitment_months as (

    select
        commitments.*,
        months.month_start,
        cast({{ dbt.dateadd('month', 1, 'months.month_start') }} as date) as month_end,
        coalesce(commitments.contract_commitment_category = 'Usage', false) as is_usage
    from commitments
    inner join months
        on months.month_start < cast(commitments.contract_commitment_period_end as date)
            and cast({{ dbt.dateadd('month', 1, 'months.month_start') }} as date)
            > cast(commitments.contract_commitment_period_start as date)

),

measured as (

    select
        commitment_months.*,
        case
            when commitment_months.is_usage then commitment_months.contract_commitment_quantity
            else commitment_months.contract_commitment_cost
        end as committed_total,
        coalesce(
            case when commitment_months.is_usage then applied.applied_quantity else applied.applied_cost end,
            0
        ) as applied_in_month,
        coalesce(applied.charge_rows, 0) as charge_rows,
        {{ unitcost_days_between(
            'cast(commitment_months.contract_commitment_period_start as date)',
            'cast(commitment_months.contract_commitment_period_end as date)'
        ) }} as term_days,
        {{ unitcost_days_between(
            'cast(commitment_months.contract_commitment_period_start as date)',
            'least(commitment_months.month_end, cast(commitment_months.contract_commitment_period_end as date))'
        ) }} as elapsed_days
    from commitment_months
    left join applied
        on commitment_months.contract_commitment_id = applied.contract_commitment_id
            and commitment_months.month_start = applied.month_start

),

cumulated as (

    select
        *,
        sum(applied_in_month) over (
            partition by contract_commitment_id order by month_start
            rows between unbounded preceding and current row
        ) as applied_to_date
    from measured

),

final as (

    select
        contract_commitment_id,
        contract_id,
        contract_commitment_type,
        contract_commitment_category,
        invoice_issuer_name,
        billing_currency,
        case when is_usage then contract_commitment_unit else billing_currency end as commitment_unit,
        contract_commitment_period_start,
        contract_commitment_period_end,
        month_start,
        month_end,
        cast(committed_total as {{ unitcost_quantity_type() }}) as committed_total,
        cast(applied_in_month as {{ unitcost_quantity_type() }}) as applied_in_month,
        cast(applied_to_date as {{ unitcost_quantity_type() }}) as applied_to_date,
        cast(committed_total - applied_to_date as {{ unitcost_quantity_type() }}) as remaining,
        {{ unitcost_percent('applied_to_date', 'committed_total') }} as utilisation_pct,
        {{ unitcost_percent('elapsed_days', 'term_days') }} as term_elapsed_pct,
        cast(
            cast(committed_total as {{ dbl }}) * elapsed_days / nullif(term_days, 0) as {{ unitcost_quantity_type() }}
        ) as straight_line_to_date,
        cast(
            applied_to_date - cast(committed_total as {{ dbl }}) * elapsed_days / nullif(term_days, 0)
            as {{ unitcost_quantity_type() }}
        ) as ahead_of_straight_line,
        cast(charge_rows as bigint) as charge_rows
    from cumulated

)

select * from final
