{#- Nothing is lost: per source file, billing period and billing currency (as
    written in the file), the rows and the BilledCost and EffectiveCost read
    equal those staged in fct_charges plus those rejected in
    fct_charge_rejects. "Read" comes from stg_focus__file_totals, aggregated
    straight from the files; staged and rejected from the two public tables.
    Computed on aggregates (one row per file and period), so it costs a scan
    of each table, not a join of rows. Returns the groups that differ. -#}

with

read_rows as (

    select * from {{ ref('stg_focus__file_totals') }}

),

staged as (

    select
        source_file,
        {{ unitcost_focus_period_key('billing_period_start') }} as billing_period,
        coalesce(upper(billing_currency), '(empty)') as billing_currency,
        count(*) as row_count,
        sum(billing_currency_billed_cost) as billed_cost,
        sum(billing_currency_effective_cost) as effective_cost
    from {{ ref('fct_charges') }}
    group by 1, 2, 3

),

rejected as (

    select
        source_file,
        {{ unitcost_focus_period_key(
            unitcost_parse_timestamp(unitcost_clean_text('raw_billing_period_start'))
        ) }} as billing_period,
        coalesce(upper({{ unitcost_clean_text('raw_billing_currency') }}), '(empty)') as billing_currency,
        count(*) as row_count,
        sum(billed_cost_as_read) as billed_cost,
        sum(effective_cost_as_read) as effective_cost
    from {{ ref('fct_charge_rejects') }}
    group by 1, 2, 3

),

accounted as (

    select
        source_file,
        billing_period,
        billing_currency,
        sum(row_count) as row_count,
        sum(billed_cost) as billed_cost,
        sum(effective_cost) as effective_cost
    from (
        select * from staged
        union all
        select * from rejected
    ) as outcomes
    group by 1, 2, 3

),

compared as (

    select
        coalesce(read_rows.source_file, accounted.source_file) as source_file,
        coalesce(read_rows.billing_period, accounted.billing_period) as billing_period,
        coalesce(read_rows.billing_currency, accounted.billing_currency) as billing_currency,
        coalesce(read_rows.row_count, 0) as rows_read,
        coalesce(accounted.row_count, 0) as rows_accounted,
        coalesce(read_rows.billed_cost, 0) as billed_read,
        coalesce(accounted.billed_cost, 0) as billed_accounted,
        coalesce(read_rows.effective_cost, 0) as effective_read,
        coalesce(accounted.effective_cost, 0) as effective_accounted
    from read_rows
    full outer join accounted
        on read_rows.source_file = accounted.source_file
            and read_rows.billing_period = accounted.billing_period
            and read_rows.billing_currency = accounted.billing_currency

)

select *
from compared
where rows_read <> rows_accounted
    or abs(billed_read - billed_accounted) > 0.000001
    or abs(effective_read - effective_accounted) > 0.000001
