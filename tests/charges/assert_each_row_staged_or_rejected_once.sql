{#- Every row read appears exactly once in fct_charges or fct_charge_rejects,
    and nothing appears there that was not read. Returns the offending rows. -#}

with

outcomes as (

    select
        source_file,
        source_row_number,
        'staged' as outcome
    from {{ ref('fct_charges') }}
    union all
    select
        source_file,
        source_row_number,
        'rejected' as outcome
    from {{ ref('fct_charge_rejects') }}

),

counted as (

    select
        focus_rows.source_file,
        focus_rows.source_row_number,
        focus_rows.source_file is not null as was_read,
        count(outcomes.outcome) as outcome_count
    from {{ ref('stg_focus__rows') }} as focus_rows
    full outer join outcomes
        on focus_rows.source_file = outcomes.source_file
            and focus_rows.source_row_number = outcomes.source_row_number
    group by 1, 2, 3

)

select *
from counted
where outcome_count <> 1 or not was_read
