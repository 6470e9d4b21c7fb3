{#- A query (for a FROM clause or an `in` subquery) giving one row per
    `delimiter`-separated item of the text `expr`, in column `column`;
    correlated when `expr` names an outer column. -#}
{% macro unitcost_split_to_rows(expr, delimiter, column) %}
    {{ return(adapter.dispatch('unitcost_split_to_rows', 'unitcost')(expr, delimiter, column)) }}
{% endmacro %}

{#- SQL standard unnest of an array (PostgreSQL, Trino; string_to_array is
    PostgreSQL's split, many engines call it split). -#}
{% macro default__unitcost_split_to_rows(expr, delimiter, column) -%}
    select split_items.{{ column }} from unnest(string_to_array({{ expr }}, '{{ delimiter }}')) as split_items ({{ column }})
{%- endmacro %}

{% macro duckdb__unitcost_split_to_rows(expr, delimiter, column) -%}
    select unnest(string_split({{ expr }}, '{{ delimiter }}')) as {{ column }}
{%- endmacro %}

{% macro spark__unitcost_split_to_rows(expr, delimiter, column) -%}
    select explode(split({{ expr }}, '[{{ delimiter }}]')) as {{ column }}
{%- endmacro %}
