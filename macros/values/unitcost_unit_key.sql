{#- The key a unit is matched on in the units seed: lower case, trimmed,
    runs of whitespace collapsed to one space ("  GB   Months " -> "gb months"). -#}
{% macro unitcost_unit_key(expr) %}
    {{ return(adapter.dispatch('unitcost_unit_key', 'unitcost')(expr)) }}
{% endmacro %}

{% macro default__unitcost_unit_key(expr) -%}
    lower(trim(replace(replace(replace({{ expr }}, '    ', ' '), '  ', ' '), '  ', ' ')))
{%- endmacro %}

{% macro postgres__unitcost_unit_key(expr) -%}
    {{ duckdb__unitcost_unit_key(expr) }}
{%- endmacro %}

{% macro duckdb__unitcost_unit_key(expr) -%}
    lower(trim(regexp_replace({{ expr }}, '\s+', ' ', 'g')))
{%- endmacro %}
