{#- Nothing is lost: per source file, billing period and billing currency (as
    written in the file), the rows and the BilledCost and EffectiveCost read
    equal those staged in fct_charges plus those rejected in
    fct_charge_rejects. "Read" is computed here from the raw rows; staged and
    rejected from the two public tables. Returns the groups that differ. -#}

with

read_rows as (

    select
        source_file,
        coalesce({{ unitcost_clean_text('billing_period_start') }}, '(empty)') as billing_period,
        coalesce(upper({{ unitcost_clean_text('billing_currency') }}), '(empty)') as billing_currency,
        count(*) as row_count,
        sum({{ unitcost_parse_decimal(unitcost_clean_text('billed_cost')) }}) as billed_cost,
        sum({{ unitcost_parse_decimal(unitcost_clean_text('effective_cost')) }}) as effective_cost
    from {{ ref('stg_focus__rows') }}
    group by 1, 2, 3

),

staged as (

    select
        charges.source_file,
        coalesce({{ unitcost_clean_text('focus_rows.billing_period_start') }}, '(empty)') as billing_period,
        coalesce(upper({{ unitcost_clean_text('focus_rows.billing_currency') }}), '(empty)') as billing_currency,
        count(*) as row_count,
        sum(charges.billing_currency_billed_cost) as billed_cost,
        sum(charges.billing_currency_effective_cost) as effective_cost
    from {{ ref('fct_charges') }} as charges
    inner join {{ ref('stg_focus__rows') }} as focus_rows
        on charges.source_file = focus_rows.source_file
            and charges.source_row_number = focus_rows.source_row_number
    group by 1, 2, 3

),

rejected as (

    select
        source_file,
        coalesce({{ unitcost_clean_text('raw_billing_period_start') }}, '(empty)') as billing_period,
        coalesce(upper({{ unitcost_clean_text('raw_billing_currency') }}), '(empty)') as billing_currency,
        count(*) as row_count,
        sum(billed_cost_as_read) as billed_cost,
        sum(effective_cost_as_read) as effective_cost
    from {{ ref('fct_charge_rejects') }}
    group by 1, 2, 3

),

compared as (

    select
        read_rows.source_file,
        read_rows.billing_period,
        read_rows.billing_currency,
        read_rows.row_count as rows_read,
        coalesce(staged.row_count, 0) + coalesce(rejected.row_count, 0) as rows_accounted,
        coalesce(read_rows.billed_cost, 0) as billed_read,
        coalesce(staged.billed_cost, 0) + coalesce(rejected.billed_cost, 0) as billed_accounted,
        coalesce(read_rows.effective_cost, 0) as effective_read,
        coalesce(staged.effective_cost, 0) + coalesce(rejected.effective_cost, 0) as effective_accounted
    from read_rows
    left join staged
        on read_rows.source_file = staged.source_file
            and read_rows.billing_period = staged.billing_period
            and read_rows.billing_currency = staged.billing_currency
    left join rejected
        on read_rows.source_file = rejected.source_file
            and read_rows.billing_period = rejected.billing_period
            and read_rows.billing_currency = rejected.billing_currency

)

select *
from compared
where rows_read <> rows_accounted
    or abs(billed_read - billed_accounted) > 0.000001
    or abs(effective_read - effective_accounted) > 0.000001
