{#- Row number (1 = first data row) of a row of a seed table, in the order
    of the seed file. DuckDB loads seeds with COPY, so rowid follows the
    file; other engines fall back to an order that is stable but not the
    file's. -#}
{% macro unitcost_seed_row_number(relation_alias, order_by) %}
    {{ return(adapter.dispatch('unitcost_seed_row_number', 'unitcost')(relation_alias, order_by)) }}
{% endmacro %}

{% macro default__unitcost_seed_row_number(relation_alias, order_by) -%}
    cast(row_number() over (order by {{ order_by | join(', ') }}) as bigint)
{%- endmacro %}

{% macro duckdb__unitcost_seed_row_number(relation_alias, order_by) -%}
    cast({{ relation_alias }}.rowid + 1 as bigint)
{%- endmacro %}
