{#- Generic test: none of `columns` is null in the model. One scan for all of
    them (a not_null test per column scans a large model once per column).
    Returns one row per column that holds nulls, with how many. -#}
{% test unitcost_not_null_columns(model, columns) %}

with

null_counts as (

    select
        {%- for column in columns %}
        sum(case when {{ column }} is null then 1 else 0 end) as {{ column }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ model }}

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
