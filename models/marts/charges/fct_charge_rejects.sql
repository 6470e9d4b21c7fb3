{#- One row per FOCUS row that was read but not staged: its file and row
    number, every value as written (JSON object keyed by FOCUS column name,
    non-FOCUS columns under their own names), the rule it broke and a reason a
    person can act on. -#}

with

resolved as (

    select * from {{ ref('int_charges_resolved') }}
    where reject_rule is not null

),

focus_rows as (

    select * from {{ ref('stg_focus__rows') }}

),

final as (

    select
        resolved.source_file,
        resolved.source_row_number,
        resolved.reject_rule,
        resolved.reject_reason,
        resolved.focus_version,
        resolved.export_id,
        focus_rows.billing_account_id as raw_billing_account_id,
        focus_rows.billing_period_start as raw_billing_period_start,
        focus_rows.billing_currency as raw_billing_currency,
        resolved.billed_cost as billed_cost_as_read,
        resolved.effective_cost as effective_cost_as_read,
        {{ unitcost_raw_values_json('focus_rows') }} as raw_values
    from resolved
    inner join focus_rows
        on resolved.source_file = focus_rows.source_file
            and resolved.source_row_number = focus_rows.source_row_number

)

select * from final
