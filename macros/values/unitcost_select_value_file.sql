{#- One SELECT over one value file giving the fixed raw shape of
    stg_values__rows: file, row number, the value columns as text under
    <name>_text (absent ones null) and the file's other columns as a JSON
    object of text values (extra_columns). A table of var value_relations
    is read like the manual_values seed (unitcost_select_manual_values). -#}
{% macro unitcost_select_value_file(info) %}
    {%- if info.format == 'table' -%}
        {{ return(unitcost_select_manual_values(unitcost_named_relation(info.path), info.columns, info.path)) }}
    {%- endif -%}
    {{ return(adapter.dispatch('unitcost_select_value_file', 'unitcost')(info)) }}
{% endmacro %}

{% macro default__unitcost_select_value_file(info) %}
    {{ exceptions.raise_compiler_error(
        "unitcost reads value files only on DuckDB (target type '" ~ target.type ~ "')") }}
{% endmacro %}

{% macro duckdb__unitcost_select_value_file(info) -%}
    {%- set extra_exprs = [] -%}
    {%- for ext in info.extras -%}
        {%- do extra_exprs.append(adapter.quote(ext)) -%}
    {%- endfor -%}
    select
        {{ unitcost_sql_text(info.path) }} as source_file,
        cast(ordinality as bigint) as source_row_number,
        {%- for col in unitcost_value_columns() %}
        {%- if col.name in info.source_for %}
        cast({{ adapter.quote(info.source_for[col.name]) }} as varchar) as {{ col.name }}_text,
        {%- else %}
        cast(null as varchar) as {{ col.name }}_text,
        {%- endif %}
        {%- endfor %}
        {{ unitcost_json_object_text(info.extras, extra_exprs) }} as extra_columns
    from {{ unitcost_read_focus_file_relation(info.path, info.format, info.csv) }} with ordinality
{%- endmacro %}
