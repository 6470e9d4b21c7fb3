{#- The CSV (also .csv.gz) and Parquet files named by `paths` (files, folders
    searched recursively, globs), in request order: {'files': [{'path',
    'format' ('csv' or 'parquet'), 'size', 'modified_at'}], 'unmatched': [the
    requested paths that matched no such file]}. DuckDB only (the callers
    dispatch); used by the FOCUS and the value file plans. -#}
{% macro unitcost_list_data_files(paths) %}
    {%- set listed = {'files': [], 'unmatched': []} -%}

    {#- 1. Expand every requested path. -#}
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
            {%- do listed.unmatched.append(row[0]) -%}
        {%- elif row[1] not in formats -%}
            {%- do files.append(row[1]) -%}
            {%- do formats.update({row[1]: row[2]}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if files | length == 0 -%}
        {{ return(listed) }}
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
    {%- for f in files -%}
        {%- do listed.files.append({
            'path': f,
            'format': formats[f],
            'size': stats[f]['size'] if f in stats else none,
            'modified_at': stats[f]['modified_at'] if f in stats else none
        }) -%}
    {%- endfor -%}
    {{ return(listed) }}
{% endmacro %}
