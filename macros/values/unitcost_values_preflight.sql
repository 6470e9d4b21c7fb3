{#- The problems of the value files named by var('value_paths'), as a list of
    sentences (empty when every file can be loaded). Raises nothing: the
    caller (the project's on-run-start preflight) decides. Reported: a path
    that matches no value file, an empty file, a file lacking any of the
    required columns date, scope, metric, value, unit (naming the file, the
    missing columns and the columns it has), a manual_values seed whose
    header lacks one of them, and value_paths set on an engine that cannot
    read files, and the same for the tables of var value_relations. -#}
{% macro unitcost_values_preflight() %}
    {%- set problems = [] -%}
    {%- if not execute -%}
        {{ return(problems) }}
    {%- endif -%}
    {%- set paths = unitcost_value_paths() -%}
    {%- if target.type != 'duckdb' and paths | length > 0 -%}
        {%- do problems.append('value_paths ' ~ (paths | join(', ')) ~ ': only DuckDB reads value files (target type '
            ~ target.type ~ '); set value_paths to [] and name value tables in var value_relations'
            ~ ' (or put value data in the manual_values seed)') -%}
        {{ return(problems) }}
    {%- endif -%}
    {%- set plan = unitcost_value_plan() -%}
    {%- for p in plan.unmatched -%}
        {%- do problems.append(p ~ ': no value file found (looked for .csv, .csv.gz, .parquet files;'
            ~ ' folders are searched recursively)') -%}
    {%- endfor -%}
    {%- for f in plan.files -%}
        {%- if f.problem -%}
            {%- do problems.append(f.path ~ ': ' ~ f.problem) -%}
        {%- elif f.missing | length > 0 -%}
            {%- do problems.append(f.path ~ ': not value data: missing column'
                ~ ('s' if f.missing | length > 1 else '') ~ ' ' ~ (f.missing | join(', '))
                ~ ' (value files need date, scope, metric, value, unit and optionally source; found: '
                ~ (f.columns[:8] | join(', ')) ~ ('...' if f.columns | length > 8 else '') ~ ')') -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set seed_path = unitcost_manual_values_path(absolute=true) if target.type == 'duckdb' else none -%}
    {%- if seed_path is not none -%}
        {%- set seed = unitcost_describe_value_file(seed_path, 'csv') -%}
        {%- if seed.problem -%}
            {%- do problems.append(unitcost_manual_values_path() ~ ': ' ~ seed.problem) -%}
        {%- elif seed.missing | length > 0 -%}
            {%- do problems.append(unitcost_manual_values_path() ~ ': the manual_values seed lacks column'
                ~ ('s' if seed.missing | length > 1 else '') ~ ' ' ~ (seed.missing | join(', '))
                ~ ' (its header must be date,scope,metric,value,unit,source)') -%}
        {%- endif -%}
    {%- endif -%}
    {{ return(problems) }}
{% endmacro %}
