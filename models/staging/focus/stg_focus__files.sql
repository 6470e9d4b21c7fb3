{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ unitcost_delete_dirty('source_file', 'file') }}"
) }}

{#- One row per FOCUS file found under var('focus_paths'): its format, size,
    modification time, export it belongs to, detected FOCUS version and how
    its columns were matched. Incremental by file: the rows of new, changed
    and removed files are replaced (stg_focus__file_changes). -#}

{%- set plan = {'files': unitcost_focus_changes().read} %}


{%- if plan.files | length == 0 %}

select
    cast(null as varchar) as source_file,
    cast(null as varchar) as file_format,
    cast(null as bigint) as file_size_bytes,
    cast(null as timestamp) as file_modified_at,
    cast(null as varchar) as export_id,
    cast(null as varchar) as focus_version,
    cast(null as integer) as column_count,
    cast(null as integer) as focus_column_count,
    cast(null as varchar) as legacy_columns_mapped,
    cast(null as varchar) as extension_column_names,
    cast(null as varchar) as missing_mandatory_columns
where false

{%- else %}

{%- for f in plan.files %}
select
    {{ unitcost_sql_text(f.path) }} as source_file,
    {{ unitcost_sql_text(f.format) }} as file_format,
    cast({{ f.size if f.size is not none else 'null' }} as bigint) as file_size_bytes,
    cast({{ unitcost_sql_text(f.modified_at) }} as timestamp) as file_modified_at,
    {{ unitcost_sql_text(f.export_id) }} as export_id,
    {{ unitcost_sql_text(f.version) }} as focus_version,
    cast({{ f.columns | length }} as integer) as column_count,
    cast({{ f.source_for | length }} as integer) as focus_column_count,
    {{ unitcost_sql_text(f.legacy | join(', ') if f.legacy else none) }} as legacy_columns_mapped,
    {{ unitcost_sql_text(f.extensions | join(', ') if f.extensions else none) }} as extension_column_names,
    {{ unitcost_sql_text(f.missing | join(', ') if f.missing else none) }} as missing_mandatory_columns
{%- if not loop.last %}
union all
{%- endif %}
{%- endfor %}

{%- endif %}
