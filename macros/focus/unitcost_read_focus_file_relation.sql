{#- The table function that reads one data file (FOCUS or value data) as
    written: CSV (gzip too) with every column as text, or Parquet with its own
    types. `csv` is how unitcost_inspect_data_file found the CSV is written
    ({'delim', 'encoding'}): the delimiter is taken from the header line, not
    sniffed from the data, and quoting is RFC 4180. With `checking`, lines that
    do not fit the header are set aside in the temporary table
    unitcost_csv_errors instead of stopping the read (the inspection reports
    them; the staging models never read a file that has any). -#}
{% macro unitcost_read_focus_file_relation(path, file_format, csv=none, checking=false) %}
    {{ return(adapter.dispatch('unitcost_read_focus_file_relation', 'unitcost')(path, file_format, csv, checking)) }}
{% endmacro %}

{% macro default__unitcost_read_focus_file_relation(path, file_format, csv=none, checking=false) %}
    {{ exceptions.raise_compiler_error(
        "unitcost reads files only on DuckDB (target type '" ~ target.type ~ "'): " ~ path) }}
{% endmacro %}

{% macro duckdb__unitcost_read_focus_file_relation(path, file_format, csv=none, checking=false) -%}
    {%- set quoted = "'" ~ (path | replace("'", "''")) ~ "'" -%}
    {%- if file_format == 'parquet' -%}
        read_parquet({{ quoted }}, hive_partitioning = false)
    {%- elif csv -%}
        read_csv({{ quoted }}, all_varchar = true, header = true, auto_detect = true,
            delim = chr({{ {',': 44, ';': 59, '\t': 9, '|': 124}[csv.delim] }}), quote = '"', escape = '"', encoding = '{{ csv.encoding }}'
            {%- if checking -%}
            , ignore_errors = true, store_rejects = true,
            rejects_table = 'unitcost_csv_errors', rejects_scan = 'unitcost_csv_scans'
            {%- endif -%})
    {%- else -%}
        read_csv({{ quoted }}, all_varchar = true, header = true, auto_detect = true)
    {%- endif -%}
{%- endmacro %}
