{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ unitcost_delete_dirty('source_file', 'file') }}"
) }}

{#- One row per FOCUS file, billing period and billing currency as read
    (grain: source_file x billing_period x billing_currency): how many rows
    the file holds and their BilledCost and EffectiveCost in the billing
    currency. Aggregated straight from the files (stg_focus__rows), apart
    from typing and staging, so that the conservation tests can prove that
    staged plus rejected rows and costs equal what was read. billing_period
    is the date of BillingPeriodStart, or '(unreadable)' when it is missing
    or cannot be parsed. Incremental by file. -#}

with

focus_rows as (

    select * from {{ ref('stg_focus__rows') }}

),

read_values as (

    select
        source_file,
        {{ unitcost_focus_period_key(
            'coalesce(billing_period_start__typed, '
            ~ unitcost_parse_timestamp(unitcost_clean_text('billing_period_start')) ~ ')'
        ) }} as billing_period,
        coalesce(upper({{ unitcost_clean_text('billing_currency') }}), '(empty)') as billing_currency,
        coalesce(billed_cost__typed, {{ unitcost_parse_decimal(unitcost_clean_text('billed_cost')) }})
            as billed_cost,
        coalesce(effective_cost__typed, {{ unitcost_parse_decimal(unitcost_clean_text('effective_cost')) }})
            as effective_cost
    from focus_rows

)

select
    source_file,
    billing_period,
    billing_currency,
    count(*) as row_count,
    cast(sum(billed_cost) as {{ unitcost_money_type() }}) as billed_cost,
    cast(sum(effective_cost) as {{ unitcost_money_type() }}) as effective_cost
from read_values
group by 1, 2, 3
