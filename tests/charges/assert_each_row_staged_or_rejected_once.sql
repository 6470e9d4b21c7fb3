{#- Every row read appears exactly once in fct_charges or fct_charge_rejects,
    and nothing appears there that was not read. Proven per file on
    aggregates: the staged and rejected rows of a file number as many as the
    file's rows (stg_focus__file_totals), their row numbers are distinct and
    run from 1 to that count, so each row number 1..n occurs once. Returns
    the files where that fails. -#}

with

read_files as (

    select
        source_file,
        sum(row_count) as rows_read
    from {{ ref('stg_focus__file_totals') }}
    group by source_file

),

outcomes as (

    select
        source_file,
        source_row_number
    from {{ ref('fct_charges') }}
    union all
    select
        source_file,
        source_row_number
    from {{ ref('fct_charge_rejects') }}

),

accounted_files as (

    select
        source_file,
        count(*) as outcome_count,
        count(distinct source_row_number) as distinct_rows,
        min(source_row_number) as first_row,
        max(source_row_number) as last_row
    from outcomes
    group by source_file

),

compared as (

    select
        coalesce(read_files.source_file, accounted_files.source_file) as source_file,
        coalesce(read_files.rows_read, 0) as rows_read,
        coalesce(accounted_files.outcome_count, 0) as outcome_count,
        coalesce(accounted_files.distinct_rows, 0) as distinct_rows,
        accounted_files.first_row,
        accounted_files.last_row
    from read_files
    full outer join accounted_files
        on read_files.source_file = accounted_files.source_file

)

select *
from compared
where outcome_count <> rows_read
    or distinct_rows <> rows_read
    or (rows_read > 0 and (first_row <> 1 or last_row <> rows_read))
