{#- The values of a stg_values__rows row as one JSON object text keyed by
    value column name (date, scope, metric, value, unit, source; nulls left
    out), merged with the row's other columns (extra_columns) under their
    own names. -#}
{% macro unitcost_value_raw_json(relation_alias) %}
    {{ return(adapter.dispatch('unitcost_value_raw_json', 'unitcost')(relation_alias)) }}
{% endmacro %}

{% macro default__unitcost_value_raw_json(relation_alias) -%}
    {%- set names = unitcost_value_columns() | map(attribute='name') | list -%}
    {%- set exprs = [] -%}
    {%- for name in names -%}
        {%- do exprs.append(relation_alias ~ '.' ~ name ~ '_text') -%}
    {%- endfor -%}
    {{ unitcost_json_object_text(names, exprs) }}
{%- endmacro %}

{% macro duckdb__unitcost_value_raw_json(relation_alias) -%}
    {%- set names = unitcost_value_columns() | map(attribute='name') | list -%}
    {%- set exprs = [] -%}
    {%- for name in names -%}
        {%- do exprs.append(relation_alias ~ '.' ~ name ~ '_text') -%}
    {%- endfor -%}
    cast(json_merge_patch(
        coalesce({{ relation_alias }}.extra_columns, '{}'),
        {{ unitcost_json_object_text(names, exprs) }}
    ) as varchar)
{%- endmacro %}
