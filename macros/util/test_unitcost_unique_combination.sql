{#- Generic test: the combination of `columns` is unique in the model.
    Returns each duplicated combination with its count. With
    `partition_column` (a billing period column that `columns` determine,
    so that equal combinations share a period), only the periods the build
    rebuilt (unitcost_tested_partitions). -#}
{% test unitcost_unique_combination(model, columns, partition_column=none) %}

select
    {{ columns | join(', ') }},
    count(*) as occurrences
from {{ model }}
{%- if partition_column %}
where {{ unitcost_tested_partitions(partition_column) }}
{%- endif %}
group by {{ columns | join(', ') }}
having count(*) > 1

{% endtest %}
