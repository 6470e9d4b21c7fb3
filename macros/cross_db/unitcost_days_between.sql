{#- Whole days from start_date to end_date (dates). -#}
{% macro unitcost_days_between(start_date, end_date) %}
    {{ return(adapter.dispatch('unitcost_days_between', 'unitcost')(start_date, end_date)) }}
{% endmacro %}

{% macro default__unitcost_days_between(start_date, end_date) -%}
    {{ dbt.datediff(start_date, end_date, 'day') }}
{%- endmacro %}

{% macro duckdb__unitcost_days_between(start_date, end_date) -%}
    date_diff('day', {{ start_date }}, {{ end_date }})
{%- endmacro %}
