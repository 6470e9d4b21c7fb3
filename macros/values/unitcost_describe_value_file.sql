{#- What one value file holds, as a dict: path, format, columns (as
    written), types (source type per column), source_for, extras and
    missing (see unitcost_match_value_columns) and problem (why it cannot
    be read at all, or none). -#}
{% macro unitcost_describe_value_file(path, file_format, size=none) %}
    {{ return(adapter.dispatch('unitcost_describe_value_file', 'unitcost')(path, file_format, size)) }}
{% endmacro %}

{% macro default__unitcost_describe_value_file(path, file_format, size=none) %}
    {{ exceptions.raise_compiler_error(
        "unitcost reads value files only on DuckDB (target type '" ~ target.type ~ "')") }}
{% endmacro %}

{% macro duckdb__unitcost_describe_value_file(path, file_format, size=none) %}
    {%- set info = {
        'path': path, 'format': file_format, 'columns': [], 'types': {},
        'source_for': {}, 'extras': [], 'missing': [], 'problem': none
    } -%}
    {%- if size == 0 -%}
        {%- do info.update({'problem': 'the file is empty'}) -%}
        {{ return(info) }}
    {%- endif -%}
    {%- set describe_sql -%}
        describe select * from {{ unitcost_read_focus_file_relation(path, file_format) }}
    {%- endset -%}
    {%- for row in run_query(describe_sql).rows -%}
        {%- do info.columns.append(row[0]) -%}
        {%- do info.types.update({row[0]: row[1]}) -%}
    {%- endfor -%}
    {%- do info.update(unitcost_match_value_columns(info.columns)) -%}
    {{ return(info) }}
{% endmacro %}
