{#- The value files named by var('value_paths') (files, folders searched
    recursively, globs; CSV, .csv.gz and Parquet), one dict per file as
    returned by unitcost_describe_value_file plus size and modified_at,
    under 'files'; under 'unmatched', the requested paths that matched no
    such file. The manual_values seed is not part of the plan (it is loaded
    by dbt seed). Only DuckDB reads files: on other engines set value_paths
    to [] and load value data through the manual_values seed. -#}
{% macro unitcost_value_file_plan() %}
    {{ return(adapter.dispatch('unitcost_value_file_plan', 'unitcost')()) }}
{% endmacro %}

{% macro default__unitcost_value_file_plan() %}
    {%- if unitcost_value_paths() | length > 0 -%}
        {{ exceptions.raise_compiler_error(
            "unitcost reads value files only on DuckDB (target type '" ~ target.type ~ "'). "
            ~ "Set var value_paths to [] and put value data in the manual_values seed.") }}
    {%- endif -%}
    {{ return({'files': [], 'unmatched': []}) }}
{% endmacro %}

{% macro duckdb__unitcost_value_file_plan() %}
    {%- set plan = {'files': [], 'unmatched': []} -%}
    {%- set paths = unitcost_value_paths() -%}
    {%- if not execute or paths | length == 0 -%}
        {{ return(plan) }}
    {%- endif -%}

    {#- 1. Expand every requested path (file, folder searched recursively, glob). -#}
    {%- set listing_sql -%}
        with requested as (
            {%- for p in paths %}
            select {{ loop.index }} as request_order, {{ unitcost_sql_text(p) }} as requested
            {%- if not loop.last %} union all{% endif %}
            {%- endfor %}
        ),

        globbed as (
            {%- for p in paths %}
            select {{ unitcost_sql_text(p) }} as requested, file as filename
            from glob({{ unitcost_sql_text(p) }})
            union all
            select {{ unitcost_sql_text(p) }} as requested, file as filename
            from glob({{ unitcost_sql_text(p.rstrip('/') ~ '/**') }})
            {%- if not loop.last %} union all{% endif %}
            {%- endfor %}
        ),

        typed as (
            select
                requested,
                filename,
                case
                    when lower(filename) like '%.parquet' or lower(filename) like '%.pq' then 'parquet'
                    when lower(filename) like '%.csv' or lower(filename) like '%.csv.gz' then 'csv'
                end as file_format
            from globbed
        )

        select
            requested.requested,
            typed.filename,
            typed.file_format
        from requested
        left join typed
            on requested.requested = typed.requested
            and typed.file_format is not null
        order by requested.request_order, typed.filename
    {%- endset -%}
    {%- set files = [] -%}
    {%- set formats = {} -%}
    {%- for row in run_query(listing_sql).rows -%}
        {%- if row[1] is none -%}
            {%- do plan.unmatched.append(row[0]) -%}
        {%- elif row[1] not in formats -%}
            {%- do files.append(row[1]) -%}
            {%- do formats.update({row[1]: row[2]}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if files | length == 0 -%}
        {{ return(plan) }}
    {%- endif -%}

    {#- 2. Size and modification time of each file. -#}
    {%- set stat_sql -%}
        select
            filename,
            size,
            strftime(last_modified at time zone 'UTC', '%Y-%m-%d %H:%M:%S.%f') as modified_at
        from read_blob([
            {%- for f in files %}{{ unitcost_sql_text(f) }}{% if not loop.last %}, {% endif %}{% endfor -%}
        ])
    {%- endset -%}
    {%- set stats = {} -%}
    {%- for row in run_query(stat_sql).rows -%}
        {%- do stats.update({row[0]: {'size': row[1], 'modified_at': row[2]}}) -%}
    {%- endfor -%}

    {#- 3. Columns of each file, matched to the value columns. -#}
    {%- for f in files -%}
        {%- set size = stats[f]['size'] if f in stats else none -%}
        {%- set info = unitcost_describe_value_file(f, formats[f], size) -%}
        {%- do info.update({
            'size': size,
            'modified_at': stats[f]['modified_at'] if f in stats else none
        }) -%}
        {%- do plan.files.append(info) -%}
    {%- endfor -%}
    {{ return(plan) }}
{% endmacro %}
