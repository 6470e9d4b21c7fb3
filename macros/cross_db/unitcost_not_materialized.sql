{#- Written between `name as` and the parenthesis of a CTE that a query
    references more than once: the engine then inlines it (each reference
    reads its source, with its own column pruning and filters) instead of
    materializing it first. DuckDB 2.0 materializes every CTE referenced more
    than once; for a CTE of charges that is a copy of the bill held in memory
    or spilled (the KPI spine's four references to its charges spilled over
    40 GB at 100M rows and ran out of disk). PostgreSQL (12+) reads the same
    words; other engines get nothing and choose for themselves. Use it only
    for a CTE that is a plain filter of one relation, so that reading it
    twice costs two scans and no repeated joins. -#}
{% macro unitcost_not_materialized() %}
    {{- return(adapter.dispatch('unitcost_not_materialized', 'unitcost')()) -}}
{% endmacro %}

{% macro default__unitcost_not_materialized() -%}
{%- endmacro %}

{% macro duckdb__unitcost_not_materialized() -%}
    not materialized
{%- endmacro %}

{% macro postgres__unitcost_not_materialized() -%}
    not materialized
{%- endmacro %}
