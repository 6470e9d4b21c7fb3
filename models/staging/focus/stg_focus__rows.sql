{{ config(materialized='table') }}

{#- One row per row read from the FOCUS files in var('focus_paths'), exactly as
    written (every value as text). The files are listed and matched to FOCUS
    when the model runs; see macros/focus/unitcost_focus_file_plan.sql. -#}

{%- set plan = unitcost_focus_file_plan() %}
{%- set loadable = [] %}
{%- for f in plan.files if f.is_focus and not f.problem %}
    {%- do loadable.append(f) %}
{%- endfor %}

{%- if loadable | length == 0 %}

select
    cast(null as varchar) as source_file,
    cast(null as bigint) as source_row_number,
    {%- for col in focus_columns() %}
    cast(null as varchar) as {{ col.snake }},
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
