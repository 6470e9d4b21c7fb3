{#- One row per business value row that was read but not accepted: its file
    and row number, every value as written (JSON), the rule it broke and a
    reason a person can act on. -#}

with

rejected as (

    select * from {{ ref('stg_values__metrics') }}
    where row_reject_rule is not null

),

value_rows as (

    select * from {{ ref('stg_values__rows') }}

),

final as (

    select
        rejected.source_file,
        rejected.source_row_number,
        rejected.row_reject_rule as reject_rule,
        rejected.row_problems as reject_reason,
        value_rows.date_text as raw_date,
        value_rows.scope_text as raw_scope,
        value_rows.metric_text as raw_metric,
        value_rows.value_text as raw_value,
        value_rows.unit_text as raw_unit,
        rejected.value as value_as_read,
        {{ unitcost_value_raw_json('value_rows') }} as raw_values
    from rejected
    inner join value_rows
        on rejected.source_file = value_rows.source_file
            and rejected.source_row_number = value_rows.source_row_number

)

select * from final
