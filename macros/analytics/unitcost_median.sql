{#- The median of an expression as an aggregate (ordered-set aggregate of
    standard SQL: DuckDB, PostgreSQL, Spark 3.3+, Snowflake). An engine
    without it gets its own unitcost_median implementation. -#}
{% macro unitcost_median(expr) %}
    {{ return(adapter.dispatch('unitcost_median', 'unitcost')(expr)) }}
{% endmacro %}

{% macro default__unitcost_median(expr) -%}
    percentile_cont(0.5) within group (order by {{ expr }})
{%- endmacro %}
