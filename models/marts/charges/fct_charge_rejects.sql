{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{% if is_incremental() %}delete from {{ this }} where {{ unitcost_rejects_incremental_filter('billing_period') }}{% endif %}"
) }}

{#- One row per FOCUS row that was read but not staged: its file and row
    number, every value as written (JSON object keyed by FOCUS column name,
    non-FOCUS columns under their own names), the rule it broke and a reason a
    person can act on. A row rejected while typing keeps its text as written
    (stg_focus__charges.raw_values); a usable row rejected later (superseded
    export, no FX rate) is shown with its typed values. Incremental: the rows
    of dirty billing periods, and of replaced files for rows without a
    readable billing period, are replaced. -#}

-- depends_on: {{ ref('int_build_dirty_periods') }}
-- depends_on: {{ ref('stg_focus__file_changes') }}

with

resolved as (

    select * from {{ ref('int_charges_resolved') }}
    where reject_rule is not null
        and {{ unitcost_rejects_incremental_filter('cast(billing_period_start as date)') }}

),

with_raw as (

    select
        *,
        coalesce(raw_values, {{ unitcost_raw_values_json('resolved') }}) as raw_values_as_read
    from resolved

),

final as (

    select
        source_file,
        source_row_number,
        reject_rule,
        reject_reason,
        focus_version,
        export_id,
        cast(billing_period_start as date) as billing_period,
        {{ unitcost_tag_value('raw_values_as_read', "'BillingAccountId'") }} as raw_billing_account_id,
        {{ unitcost_tag_value('raw_values_as_read', "'BillingPeriodStart'") }} as raw_billing_period_start,
        {{ unitcost_tag_value('raw_values_as_read', "'BillingCurrency'") }} as raw_billing_currency,
        billed_cost as billed_cost_as_read,
        effective_cost as effective_cost_as_read,
        raw_values_as_read as raw_values
    from with_raw

)

select * from final
