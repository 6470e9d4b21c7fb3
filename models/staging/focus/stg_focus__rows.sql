{{ config(materialized='view') }}

{#- One row per row of the FOCUS files in var('focus_paths'), as read: a view,
    never stored. Text columns (CSV, Parquet text) as written; decimal and
    date/time columns whose Parquet type is already a number or timestamp in
    <column>__typed, cast straight to their FOCUS type. stg_focus__charges
    reads this view once and types every row in the same pass; the raw text of
    a row is kept only when the row is rejected (fct_charge_rejects). Only
    the files to read in this build: all on a full build, the new and changed
    ones on an incremental build (stg_focus__file_changes; see
    macros/focus/unitcost_focus_file_plan.sql). -#}

{%- set loadable = [] %}
{%- for f in unitcost_focus_changes().read if f.is_focus and not f.problem %}
    {%- do loadable.append(f) %}
{%- endfor %}

{%- if loadable | length == 0 %}

select
    cast(null as varchar) as source_file,
    cast(null as bigint) as source_row_number,
    cast(null as varchar) as focus_version,
    cast(null as varchar) as export_id,
    cast(null as timestamp) as export_file_modified_at,
    {%- for col in focus_columns() %}
    cast(null as varchar) as {{ col.snake }},
    {%- if col.type in ['decimal', 'datetime'] %}
    cast(null as {{ unitcost_money_type() if col.type == 'decimal' else 'timestamp' }}) as {{ col.snake }}__typed,
    {%- endif %}
    {%- endfor %}
    cast(null as varchar) as extension_columns
where false

{%- else %}

{%- for f in loadable %}

{{ unitcost_select_focus_file(f) }}
{%- if not loop.last %}

union all
{%- endif %}
{%- endfor %}

{%- endif %}
