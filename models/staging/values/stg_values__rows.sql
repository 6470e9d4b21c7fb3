{{ config(materialized='table') }}

{#- One row per row read from the value files of var('value_paths') and from
    the manual_values seed, exactly as written (every value as text). Files
    lacking a required column are not read (the preflight reports them). -#}

{#- Every line of these files was read by the on-run-start preflight. -#}
{%- set plan = unitcost_value_plan(scan_lines=false) %}
{%- set seed_relation = ref('manual_values') %}
{%- set seed_names = adapter.get_columns_in_relation(seed_relation) | map(attribute='name') | list
    if execute else [] %}

{%- set selects = [] %}
{%- for f in plan.files if not f.problem and f.missing | length == 0 %}
    {%- do selects.append(unitcost_select_value_file(f)) %}
{%- endfor %}
{%- if seed_names | length > 0 and unitcost_match_value_columns(seed_names).missing | length == 0 %}
    {%- do selects.append(unitcost_select_manual_values(seed_relation, seed_names)) %}
{%- endif %}

{%- if selects | length == 0 %}

select
    cast(null as varchar) as source_file,
    cast(null as bigint) as source_row_number,
    {%- for col in unitcost_value_columns() %}
    cast(null as varchar) as {{ col.name }}_text,
    {%- endfor %}
    cast(null as varchar) as extra_columns
where false

{%- else %}

{%- for s in selects %}
{{ s }}
{%- if not loop.last %}

union all
{%- endif %}
{%- endfor %}

{%- endif %}
