{#- Nothing is lost from the value data: per source file, the rows read equal
    the rows accepted (fct_business_metrics) plus the rows rejected
    (fct_value_rejects); and per source file, metric and unit (as written,
    metric lower-cased), the sum of the values that are numbers is the same.
    "Read" is computed here from the raw rows. Returns the groups that
    differ. -#}

with

value_rows as (

    select
        source_file,
        coalesce(lower({{ unitcost_clean_text('metric_text') }}), '(empty)') as metric,
        coalesce({{ unitcost_clean_text('unit_text') }}, '(empty)') as unit,
        {{ unitcost_parse_decimal(unitcost_clean_text('value_text')) }} as value  -- noqa: RF04
    from {{ ref('stg_values__rows') }}

),

read_rows as (

    select
        source_file,
        metric,
        unit,
        count(*) as row_count,
        sum(value) as value_sum
    from value_rows
    group by source_file, metric, unit

),

accepted as (

    select
        source_file,
        metric,
        unit,
        count(*) as row_count,
        sum(value) as value_sum
    from {{ ref('fct_business_metrics') }}
    group by source_file, metric, unit

),

rejected as (

    select
        source_file,
        coalesce(lower({{ unitcost_clean_text('raw_metric') }}), '(empty)') as metric,
        coalesce({{ unitcost_clean_text('raw_unit') }}, '(empty)') as unit,
        count(*) as row_count,
        sum(value_as_read) as value_sum
    from {{ ref('fct_value_rejects') }}
    group by
        source_file,
        coalesce(lower({{ unitcost_clean_text('raw_metric') }}), '(empty)'),
        coalesce({{ unitcost_clean_text('raw_unit') }}, '(empty)')

),

compared as (

    select
        coalesce(read_rows.source_file, accepted.source_file, rejected.source_file) as source_file,
        coalesce(read_rows.metric, accepted.metric, rejected.metric) as metric,
        coalesce(read_rows.unit, accepted.unit, rejected.unit) as unit,
        coalesce(read_rows.row_count, 0) as rows_read,
        coalesce(accepted.row_count, 0) + coalesce(rejected.row_count, 0) as rows_accounted,
        coalesce(read_rows.value_sum, 0) as value_read,
        coalesce(accepted.value_sum, 0) + coalesce(rejected.value_sum, 0) as value_accounted
    from read_rows
    full outer join accepted
        on read_rows.source_file = accepted.source_file
            and read_rows.metric = accepted.metric
            and read_rows.unit = accepted.unit
    full outer join rejected
        on coalesce(read_rows.source_file, accepted.source_file) = rejected.source_file
            and coalesce(read_rows.metric, accepted.metric) = rejected.metric
            and coalesce(read_rows.unit, accepted.unit) = rejected.unit

),

per_file as (

    select
        source_file,
        '(all)' as metric,
        '(all)' as unit,
        sum(rows_read) as rows_read,
        sum(rows_accounted) as rows_accounted,
        cast(null as {{ unitcost_money_type() }}) as value_read,
        cast(null as {{ unitcost_money_type() }}) as value_accounted
    from compared
    group by source_file

)

select *
from compared
where rows_read <> rows_accounted
    or abs(value_read - value_accounted) > 0.000001
union all
select *
from per_file
where rows_read <> rows_accounted
