{#- Column types used across the project. Money and quantities are decimals
    with explicit precision: 38 digits, 12 after the point (cloud unit prices
    go to 10 decimals; sums of millions of rows keep 26 integer digits). -#}
{% macro unitcost_money_type() -%}
    decimal(38, 12)
{%- endmacro %}

{% macro unitcost_quantity_type() -%}
    decimal(38, 12)
{%- endmacro %}

{% macro unitcost_rate_type() -%}
    decimal(28, 12)
{%- endmacro %}

{#- Double-precision floating point: DuckDB and Spark call it double,
    PostgreSQL and standard SQL double precision (BigQuery: float64). -#}
{% macro unitcost_double_type() %}
    {{ return(adapter.dispatch('unitcost_double_type', 'unitcost')()) }}
{% endmacro %}

{% macro default__unitcost_double_type() -%}
    double precision
{%- endmacro %}

{% macro duckdb__unitcost_double_type() -%}
    double
{%- endmacro %}

{% macro spark__unitcost_double_type() -%}
    double
{%- endmacro %}

{% macro bigquery__unitcost_double_type() -%}
    float64
{%- endmacro %}

{#- round(x, digits) of a double-precision expression. PostgreSQL rounds to
    a number of digits only in numeric (its float8 -> numeric cast keeps 15
    significant digits, so results may differ from DuckDB's in the 15th). -#}
{% macro unitcost_round_double(expr, digits) %}
    {{ return(adapter.dispatch('unitcost_round_double', 'unitcost')(expr, digits)) }}
{% endmacro %}

{% macro default__unitcost_round_double(expr, digits) -%}
    round({{ expr }}, {{ digits }})
{%- endmacro %}

{% macro postgres__unitcost_round_double(expr, digits) -%}
    round(cast({{ expr }} as numeric), {{ digits }})
{%- endmacro %}
