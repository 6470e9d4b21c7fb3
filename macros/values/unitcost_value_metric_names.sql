{#- The distinct metric names (trimmed, lower case, sorted) in the value
    files of var('value_paths') that will be loaded (no missing column) and
    in the manual_values
    seed file, read directly from the files before anything is built, so
    that configuration checks in on-run-start can say "metric X is not in
    the value data". Empty before execution. On engines other than DuckDB
    only the manual_values seed table is read, when it exists. -#}
{% macro unitcost_value_metric_names() %}
    {{ return(adapter.dispatch('unitcost_value_metric_names', 'unitcost')()) }}
{% endmacro %}

{% macro default__unitcost_value_metric_names() %}
    {%- set names = [] -%}
    {%- if not execute -%}
        {{ return(names) }}
    {%- endif -%}
    {%- set seed = ref('manual_values') -%}
    {%- set existing = adapter.get_relation(database=seed.database, schema=seed.schema, identifier=seed.identifier) -%}
    {%- if existing is not none -%}
        {%- set names_sql -%}
            select distinct lower(trim(metric)) as metric
            from {{ existing }}
            where trim(metric) <> '' and upper(trim(metric)) <> 'NULL'
            order by 1
        {%- endset -%}
        {%- for row in run_query(names_sql).rows -%}
            {%- do names.append(row[0]) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(names) }}
{% endmacro %}

{% macro duckdb__unitcost_value_metric_names() %}
    {%- set names = [] -%}
    {%- if not execute -%}
        {{ return(names) }}
    {%- endif -%}
    {%- set sources = [] -%}
    {%- for f in unitcost_value_file_plan().files if not f.problem and f.missing | length == 0 -%}
        {%- do sources.append(f) -%}
    {%- endfor -%}
    {%- set seed_path = unitcost_manual_values_path(absolute=true) -%}
    {%- if seed_path is not none -%}
        {%- set seed = unitcost_describe_value_file(seed_path, 'csv') -%}
        {%- if seed.missing | length == 0 -%}
            {%- do sources.append(seed) -%}
        {%- endif -%}
    {%- endif -%}
    {%- if sources | length == 0 -%}
        {{ return(names) }}
    {%- endif -%}
    {%- set names_sql -%}
        with metrics as (
            {%- for f in sources %}
            select cast({{ adapter.quote(f.source_for['metric']) }} as varchar) as metric
            from {{ unitcost_read_focus_file_relation(f.path, f.format, f.csv) }}
            {%- if not loop.last %}
            union all
            {%- endif %}
            {%- endfor %}
        )

        select distinct lower({{ unitcost_clean_text('metric') }}) as metric
        from metrics
        where {{ unitcost_clean_text('metric') }} is not null
        order by 1
    {%- endset -%}
    {%- for row in run_query(names_sql).rows -%}
        {%- do names.append(row[0]) -%}
    {%- endfor -%}
    {{ return(names) }}
{% endmacro %}
