{#- The time sectors of the FOCUS 1.3 Recency metadata files named by
    var('recency_paths') (JSON files, or folders searched recursively for
    *.json), one row per time sector: source_file, dataset_instance_id,
    time_sector_start, time_sector_end (exclusive), is_complete,
    time_sector_last_updated. FOCUS 1.3 "Recency" metadata: a collection of
    objects, each with DatasetInstanceId, RecencyLastUpdated and, for a time
    series dataset, TimeSectors [{TimeSectorStart, TimeSectorEnd,
    TimeSectorComplete, TimeSectorLastUpdated}]. An empty relation when no
    path is given. Reading files is DuckDB only; on a warehouse load the
    sectors as a table and point this model at it. -#}
{% macro unitcost_recency_relation() %}
    {%- set paths = var('recency_paths', []) -%}
    {%- if paths is string -%}{%- set paths = [paths] if paths | trim else [] -%}{%- endif -%}
    {%- if not paths -%}
        select
            cast(null as {{ dbt.type_string() }}) as source_file,
            cast(null as {{ dbt.type_string() }}) as dataset_instance_id,
            cast(null as {{ dbt.type_timestamp() }}) as time_sector_start,
            cast(null as {{ dbt.type_timestamp() }}) as time_sector_end,
            cast(null as boolean) as is_complete,
            cast(null as {{ dbt.type_timestamp() }}) as time_sector_last_updated
        where 1 = 0
    {%- else -%}
        {{ return(adapter.dispatch('unitcost_recency_relation', 'unitcost')(paths)) }}
    {%- endif -%}
{% endmacro %}

{% macro default__unitcost_recency_relation(paths) %}
    {{ exceptions.raise_compiler_error(
        'unitcost: Recency metadata files (recency_paths) are read on DuckDB only; '
        ~ 'on ' ~ target.type ~ ' load the time sectors as a table instead.'
    ) }}
{% endmacro %}

{% macro duckdb__unitcost_recency_relation(paths) -%}
    {%- set globs = [] -%}
    {%- for p in paths -%}
        {%- do globs.append(p if p.lower().endswith('.json') else p.rstrip('/') ~ '/**/*.json') -%}
    {%- endfor -%}
    select
        recency.filename as source_file,
        cast(recency.DatasetInstanceId as varchar) as dataset_instance_id,
        cast(try_cast(sector.TimeSectorStart as timestamptz) at time zone 'UTC' as timestamp) as time_sector_start,
        cast(try_cast(sector.TimeSectorEnd as timestamptz) at time zone 'UTC' as timestamp) as time_sector_end,
        try_cast(sector.TimeSectorComplete as boolean) as is_complete,
        cast(try_cast(sector.TimeSectorLastUpdated as timestamptz) at time zone 'UTC' as timestamp)
            as time_sector_last_updated
    from read_json(
        [{% for g in globs %}{{ unitcost_sql_text(g) }}{% if not loop.last %}, {% endif %}{% endfor %}],
        format = 'auto', filename = true, union_by_name = true
    ) as recency,
        unnest(recency.TimeSectors) as sectors(sector)
{%- endmacro %}
