{{ config(materialized='table') }}

{#- One row per billing period to rebuild in this run (grain:
    billing_period): the billing periods that the new, changed and removed
    FOCUS files hold now (stg_focus__file_totals) or held at the last
    successful build (unitcost_built_file_periods). The charge models
    replace these periods and nothing else. Without the state of a previous
    build, every billing period read. -#}

with

file_totals as (

    select * from {{ ref('stg_focus__file_totals') }}

),

{%- if unitcost_has_build_state() %}

changes as (

    select * from {{ ref('stg_focus__file_changes') }}
    where file_change <> 'unchanged'

),

periods as (

    select file_totals.billing_period
    from file_totals
    inner join changes
        on file_totals.source_file = changes.source_file
    union all
    select built.billing_period
    from {{ unitcost_state_relation('file_periods') }} as built
    inner join changes
        on built.source_file = changes.source_file

)

{%- else %}

-- depends_on: {{ ref('stg_focus__file_changes') }}
periods as (

    select billing_period
    from file_totals

)

{%- endif %}

select distinct cast(billing_period as date) as billing_period
from periods
where billing_period <> '(unreadable)'
