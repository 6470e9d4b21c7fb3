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
