{#- In stg_focus__charges: true when the row has no value for the FOCUS
    column `name`: its cleaned text is null and, for a decimal or date/time
    column, no typed value was read either (a natively typed Parquet column
    has no text). -#}
{% macro unitcost_focus_value_missing(name) -%}
    {%- set col = focus_columns() | selectattr('name', 'equalto', name) | first -%}
    {%- if col.type in ['decimal', 'datetime'] -%}
        ({{ col.snake }}__text is null and {{ col.snake }} is null)
    {%- else -%}
        {{ col.snake }}__text is null
    {%- endif -%}
{%- endmacro %}
