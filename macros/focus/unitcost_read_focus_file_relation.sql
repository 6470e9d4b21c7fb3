{#- The table function that reads one FOCUS file as written: CSV (gzip too)
    with every column as text, or Parquet with its own types. -#}
{% macro unitcost_read_focus_file_relation(path, file_format) %}
    {{ return(adapter.dispatch('unitcost_read_focus_file_relation', 'unitcost')(path, file_format)) }}
{% endmacro %}

{% macro default__unitcost_read_focus_file_relation(path, file_format) %}
    {{ exceptions.raise_compiler_error(
        "unitcost reads files only on DuckDB (target type '" ~ target.type ~ "'): " ~ path) }}
{% endmacro %}

{% macro duckdb__unitcost_read_focus_file_relation(path, file_format) -%}
    {%- set quoted = "'" ~ (path | replace("'", "''")) ~ "'" -%}
    {%- if file_format == 'parquet' -%}
        read_parquet({{ quoted }}, hive_partitioning = false)
    {%- else -%}
        read_csv({{ quoted }}, all_varchar = true, header = true, auto_detect = true)
    {%- endif -%}
{%- endmacro %}
