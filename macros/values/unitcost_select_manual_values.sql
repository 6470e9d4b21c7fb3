{#- One SELECT over the manual_values seed table giving the raw shape of
    stg_values__rows (see unitcost_select_value_file): its columns matched
    case-insensitively to the value columns, the others as JSON, rows
    numbered in file order, source_file the seed's path in the project.
    With source_name, a value table (var value_relations) read the same way:
    source_file is source_name and rows are numbered in the order of their
    values (a table has no file order). -#}
{% macro unitcost_select_manual_values(relation, column_names, source_name=none) -%}
    {%- set matched = unitcost_match_value_columns(column_names) -%}
    {%- set order_by = [] -%}
    {%- for name in column_names -%}
        {%- do order_by.append('manual_values.' ~ adapter.quote(name)) -%}
    {%- endfor -%}
    {%- set extra_exprs = [] -%}
    {%- for ext in matched.extras -%}
        {%- do extra_exprs.append('manual_values.' ~ adapter.quote(ext)) -%}
    {%- endfor -%}
    select
        {%- if source_name is none %}
        {{ unitcost_sql_text(unitcost_manual_values_path()) }} as source_file,
        {{ unitcost_seed_row_number('manual_values', order_by) }} as source_row_number,
        {%- else %}
        {{ unitcost_sql_text(source_name) }} as source_file,
        {{ default__unitcost_seed_row_number('manual_values', order_by) }} as source_row_number,
        {%- endif %}
        {%- for col in unitcost_value_columns() %}
        {%- if col.name in matched.source_for %}
        cast(manual_values.{{ adapter.quote(matched.source_for[col.name]) }} as varchar) as {{ col.name }}_text,
        {%- else %}
        cast(null as varchar) as {{ col.name }}_text,
        {%- endif %}
        {%- endfor %}
        {{ unitcost_json_object_text(matched.extras, extra_exprs) }} as extra_columns
    from {{ relation }} as manual_values
{%- endmacro %}
