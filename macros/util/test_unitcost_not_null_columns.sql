{#- Generic test: none of `columns` is null in the model. One scan for all of
    them (a not_null test per column scans a large model once per column).
    Returns one row per column that holds nulls, with how many. With
    `partition_column` (a billing period column), only the periods the
    build rebuilt (unitcost_tested_partitions) and the rows without one. -#}
{% test unitcost_not_null_columns(model, columns, partition_column=none) %}

with

null_counts as (

    select
        {%- for column in columns %}
        sum(case when {{ column }} is null then 1 else 0 end) as {{ column }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ model }}
    {%- if partition_column %}
    where {{ partition_column }} is null or {{ unitcost_tested_partitions(partition_column) }}
    {%- endif %}

)

{%- for column in columns %}

select
    '{{ column }}' as column_name,
    {{ column }} as null_rows
from null_counts
where {{ column }} > 0
{%- if not loop.last %}

union all
{%- endif %}
{%- endfor %}

{% endtest %}
