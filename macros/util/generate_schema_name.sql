{#- Custom schemas are used as named (staging, intermediate, config); models
    without one (the marts) land in the target schema, so BI tools find
    fct_charges and the KPI tables in the default schema (DuckDB: main).
    On a shared warehouse, bare schema names such as `staging` would collide
    with other projects: there custom schemas are prefixed with the target
    schema (dbt's own convention: unitcost_staging, unitcost_intermediate,
    unitcost_config), and the marts are in the target schema itself. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ return(adapter.dispatch('unitcost_schema_name', 'unitcost')(custom_schema_name, node)) }}
{%- endmacro %}

{% macro default__unitcost_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ return(target.schema) }}
    {%- else -%}
        {{ return(target.schema ~ '_' ~ (custom_schema_name | trim)) }}
    {%- endif -%}
{%- endmacro %}

{% macro duckdb__unitcost_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ return(target.schema) }}
    {%- else -%}
        {{ return(custom_schema_name | trim) }}
    {%- endif -%}
{%- endmacro %}
