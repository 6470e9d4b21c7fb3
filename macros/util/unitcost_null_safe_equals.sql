{#- `a` equals `b`, nulls equal to nulls, in a form the engine can join on
    by hashing. PostgreSQL cannot hash or merge `is not distinct from`
    (it nested-loops every charge against every key: minutes for 4,000
    rows), so it compares the values as text with nulls as '' and checks
    the nulls apart. -#}
{% macro unitcost_null_safe_equals(a, b) %}
    {{ return(adapter.dispatch('unitcost_null_safe_equals', 'unitcost')(a, b)) }}
{% endmacro %}

{% macro default__unitcost_null_safe_equals(a, b) -%}
    {{ a }} is not distinct from {{ b }}
{%- endmacro %}

{% macro postgres__unitcost_null_safe_equals(a, b) -%}
    coalesce(cast({{ a }} as varchar), '') = coalesce(cast({{ b }} as varchar), '')
    and ({{ a }} is null) = ({{ b }} is null)
{%- endmacro %}
