{#- What one value file holds, as a dict: path, format, columns (as
    written), types (source type per column), csv (how a CSV is read),
    source_for, extras and missing (see unitcost_match_value_columns) and
    problem (why it cannot be read at all, or none; see
    unitcost_inspect_data_file). -#}
{% macro unitcost_describe_value_file(path, file_format, size=none, scan_lines=true) %}
    {{ return(adapter.dispatch('unitcost_describe_value_file', 'unitcost')(path, file_format, size, scan_lines)) }}
{% endmacro %}

{% macro default__unitcost_describe_value_file(path, file_format, size=none, scan_lines=true) %}
    {{ exceptions.raise_compiler_error(
        "unitcost reads value files only on DuckDB (target type '" ~ target.type ~ "')") }}
{% endmacro %}

{% macro duckdb__unitcost_describe_value_file(path, file_format, size=none, scan_lines=true) %}
    {%- set info = {
        'path': path, 'format': file_format, 'columns': [], 'types': {}, 'csv': none,
        'source_for': {}, 'extras': [], 'missing': [], 'problem': none
    } -%}
    {%- do info.update(unitcost_inspect_data_file(path, file_format, size, scan_lines)) -%}
    {%- if info.problem -%}
        {{ return(info) }}
    {%- endif -%}
    {%- do info.update(unitcost_match_value_columns(info.columns)) -%}
    {{ return(info) }}
{% endmacro %}
