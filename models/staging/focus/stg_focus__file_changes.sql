{{ config(materialized='table') }}

{#- One row per FOCUS file found under var('focus_paths') and per file of the
    last successful build that is gone (grain: source_file): whether it is
    new, changed (size or modification time), unchanged or removed since
    that build, and for new and changed files how its columns map to FOCUS
    (plan_json, the file plan of unitcost_focus_file_plan). Built first in
    every run: the incremental FOCUS models read it to know which files to
    read and which rows to replace (macros/incremental/). Without the state
    of a previous build (first build, --full-refresh) every file is new. -#}

{#- Every line of these files was read by the on-run-start preflight. -#}
{%- set plan = unitcost_focus_plan(scan_lines=false) %}

{%- set rows = [] %}
{%- for f in plan.files %}
    {%- do rows.append({'path': f.path, 'change': f.change, 'json': tojson(f) if f.change != 'unchanged' else none}) %}
{%- endfor %}
{%- for path in plan.removed %}
    {%- do rows.append({'path': path, 'change': 'removed', 'json': none}) %}
{%- endfor %}

{%- if rows | length == 0 %}

select
    cast(null as varchar) as source_file,
    cast(null as varchar) as file_change,
    cast(null as varchar) as plan_json
where false

{%- else %}

{%- for r in rows %}
select
    {{ unitcost_sql_text(r.path) }} as source_file,
    {{ unitcost_sql_text(r.change) }} as file_change,
    {{ unitcost_sql_text(r.json) }} as plan_json
{%- if not loop.last %}
union all
{%- endif %}
{%- endfor %}

{%- endif %}
