{#- The value files named by var('value_paths') (files, folders searched
    recursively, globs; CSV, .csv.gz and Parquet), one dict per file as
    returned by unitcost_describe_value_file plus size and modified_at,
    under 'files'; under 'unmatched', the requested paths that matched no
    such file. The manual_values seed is not part of the plan (it is loaded
    by dbt seed). Only DuckDB reads files: on other engines set value_paths
    to [] and load value data through the manual_values seed. -#}
{% macro unitcost_value_file_plan(scan_lines=true) %}
    {{ return(adapter.dispatch('unitcost_value_file_plan', 'unitcost')(scan_lines)) }}
{% endmacro %}

{% macro default__unitcost_value_file_plan(scan_lines=true) %}
    {%- if unitcost_value_paths() | length > 0 -%}
        {{ exceptions.raise_compiler_error(
            "unitcost reads value files only on DuckDB (target type '" ~ target.type ~ "'). "
            ~ "Set var value_paths to [] and put value data in the manual_values seed.") }}
    {%- endif -%}
    {{ return({'files': [], 'unmatched': []}) }}
{% endmacro %}

{% macro duckdb__unitcost_value_file_plan(scan_lines=true) %}
    {%- set plan = {'files': [], 'unmatched': []} -%}
    {%- set paths = unitcost_value_paths() -%}
    {%- if not execute or paths | length == 0 -%}
        {{ return(plan) }}
    {%- endif -%}

    {%- set listed = unitcost_list_data_files(paths) -%}
    {%- do plan.unmatched.extend(listed.unmatched) -%}

    {#- Columns of each file, matched to the value columns. -#}
    {%- for f in listed.files -%}
        {%- set info = unitcost_describe_value_file(f.path, f.format, f.size, scan_lines) -%}
        {%- do info.update({'size': f.size, 'modified_at': f.modified_at}) -%}
        {%- do plan.files.append(info) -%}
    {%- endfor -%}
    {{ return(plan) }}
{% endmacro %}
