{#- One SELECT over one FOCUS file giving the fixed raw shape of
    stg_focus__rows: file, row number, every FOCUS 1.0-1.3 column as text
    (absent ones null, pre-1.0 names mapped) and the other columns as JSON. -#}
{% macro unitcost_select_focus_file(info) %}
    {{ return(adapter.dispatch('unitcost_select_focus_file', 'unitcost')(info)) }}
{% endmacro %}

{% macro duckdb__unitcost_select_focus_file(info) -%}
    select
        '{{ info.path | replace("'", "''") }}' as source_file,
        cast(ordinality as bigint) as source_row_number,
        {%- for col in focus_columns() %}
        {%- if col.name in info.source_for %}
        {%- set src = info.source_for[col.name] %}
        {%- set src_type = info.types[src] | upper %}
        {%- if col.type == 'json' and not src_type.startswith('VARCHAR') and not src_type.startswith('JSON') %}
        cast(to_json({{ adapter.quote(src) }}) as varchar) as {{ col.snake }},
        {%- else %}
        cast({{ adapter.quote(src) }} as varchar) as {{ col.snake }},
        {%- endif %}
        {%- else %}
        cast(null as varchar) as {{ col.snake }},
        {%- endif %}
        {%- endfor %}
        {%- if info.extensions | length > 0 %}
        cast(json_object(
            {%- for ext in info.extensions %}
            '{{ ext | replace("'", "''") }}', cast({{ adapter.quote(ext) }} as varchar){% if not loop.last %},{% endif %}
            {%- endfor %}
        ) as varchar) as extension_columns
        {%- else %}
        cast(null as varchar) as extension_columns
        {%- endif %}
    from {{ unitcost_read_focus_file_relation(info.path, info.format) }} with ordinality
{%- endmacro %}
