{#- The first day of the month of a date, as a date. -#}
{% macro unitcost_month_start(date_expr) %}
    {{ return(adapter.dispatch('unitcost_month_start', 'unitcost')(date_expr)) }}
{% endmacro %}

{% macro default__unitcost_month_start(date_expr) -%}
    cast(date_trunc('month', {{ date_expr }}) as date)
{%- endmacro %}
