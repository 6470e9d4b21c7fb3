{{ config(materialized='table') }}

{#- One row per value file found under var('value_paths'), plus one row for
    the manual_values seed: format, size, modification time and how its
    columns were matched to the value columns. -#}

{#- Every line of these files was read by the on-run-start preflight. -#}
{%- set plan = unitcost_value_plan(scan_lines=false) %}
{%- set seed_relation = ref('manual_values') %}
{%- set seed_names = adapter.get_columns_in_relation(seed_relation) | map(attribute='name') | list
    if execute else [] %}
{%- set seed_match = unitcost_match_value_columns(seed_names) %}

{%- set entries = [] %}
{%- for f in plan.files %}
    {%- do entries.append({
        'path': f.path, 'format': f.format, 'size': f.size, 'modified_at': f.modified_at,
        'columns': f.columns, 'source_for': f.source_for, 'extras': f.extras,
        'missing': f.missing, 'problem': f.problem
    }) %}
{%- endfor %}
{%- if seed_names | length > 0 %}
    {%- do entries.append({
        'path': unitcost_manual_values_path(), 'format': 'seed', 'size': none, 'modified_at': none,
        'columns': seed_names, 'source_for': seed_match.source_for, 'extras': seed_match.extras,
        'missing': seed_match.missing, 'problem': none
    }) %}
{%- endif %}

{%- if entries | length == 0 %}

select
    cast(null as varchar) as source_file,
    cast(null as varchar) as file_format,
    cast(null as bigint) as file_size_bytes,
    cast(null as timestamp) as file_modified_at,
    cast(null as integer) as column_count,
    cast(null as varchar) as value_columns_as_written,
    cast(null as varchar) as extra_column_names,
    cast(null as varchar) as missing_columns,
    cast(null as varchar) as file_problem,
    cast(null as boolean) as is_loaded
where false

{%- else %}

{%- for f in entries %}
{%- set mapped = [] %}
{%- for name, written in f.source_for.items() %}
    {%- do mapped.append(written if written == name else written ~ ' -> ' ~ name) %}
{%- endfor %}
select
    {{ unitcost_sql_text(f.path) }} as source_file,
    {{ unitcost_sql_text(f.format) }} as file_format,
    cast({{ f.size if f.size is not none else 'null' }} as bigint) as file_size_bytes,
    cast({{ unitcost_sql_text(f.modified_at) }} as timestamp) as file_modified_at,
    cast({{ f.columns | length }} as integer) as column_count,
    {{ unitcost_sql_text(mapped | join(', ') if mapped else none) }} as value_columns_as_written,
    {{ unitcost_sql_text(f.extras | join(', ') if f.extras else none) }} as extra_column_names,
    {{ unitcost_sql_text(f.missing | join(', ') if f.missing else none) }} as missing_columns,
    {{ unitcost_sql_text(f.problem) }} as file_problem,
    {{ 'true' if not f.problem and not f.missing else 'false' }} as is_loaded
{%- if not loop.last %}
union all
{%- endif %}
{%- endfor %}

{%- endif %}
