{{ config(materialized='table') }}

{#- One row per AI initiative (grain: scope_id): the scopes of var
    kpi_ai_scopes plus the scopes of seeds/ai_initiatives.csv, with the
    seed's business case typed (a value that is not a date or a number
    fails here), the first day with a non-zero cost or benefit of the
    scope and its descendants, and the start date the time-to-value KPIs
    count from (the seed's start_date, else that first day). -#}

{%- set ai_scopes = var('kpi_ai_scopes') %}
{%- set benefit_metric = var('kpi_ai_benefit_metric') | lower %}

with

initiatives_seed as (

    select * from {{ ref('ai_initiatives') }}

),

scopes_seed as (

    select * from {{ ref('scopes') }}

),

ancestors as (

    select * from {{ ref('int_scope_ancestors') }}

),

scope_costs as (

    select * from {{ ref('int_kpi_scope_costs_by_period') }}
    where period_grain = 'day'

),

benefits as (

    select * from {{ ref('fct_business_metrics') }}
    where metric = '{{ benefit_metric }}'

),

scopes as (

    select
        trim(scope_id) as scope_id,
        nullif(trim(scope_name), '') as scope_name,
        nullif(trim(owner), '') as owner
    from scopes_seed

),

configured as (

    select
        trim(scope_id) as scope_id,
        nullif(trim(initiative_name), '') as initiative_name,
        cast(nullif(trim(start_date), '') as date) as start_date,
        cast(nullif(trim(forecast_days_to_full_benefit), '') as integer) as forecast_days_to_full_benefit,
        cast(nullif(trim(full_benefit_daily), '') as {{ unitcost_money_type() }}) as full_benefit_daily,
        nullif(trim(owner), '') as owner
    from initiatives_seed

),

var_scopes as (

    {%- for scope_id in ai_scopes %}
    select '{{ scope_id }}' as scope_id
    union all
    {%- endfor %}
    select cast(null as varchar) as scope_id

),

initiative_scopes as (

    select scope_id from var_scopes
    where scope_id is not null
    union
    select scope_id from configured

),

first_costs as (

    select
        scope_id,
        min(period_start) as first_cost_date
    from scope_costs
    where total_cost <> 0
    group by scope_id

),

first_benefits as (

    select
        ancestors.ancestor_scope_id as scope_id,
        min(benefits.period_start) as first_benefit_date
    from benefits
    inner join ancestors
        on benefits.scope_id = ancestors.scope_id
    where benefits.canonical_value <> 0
    group by ancestors.ancestor_scope_id

),

joined as (

    select
        initiative_scopes.scope_id,
        coalesce(configured.initiative_name, scopes.scope_name, initiative_scopes.scope_id) as initiative_name,
        coalesce(configured.owner, scopes.owner) as owner,
        configured.scope_id is not null as has_business_case,
        configured.start_date as configured_start_date,
        first_costs.first_cost_date,
        first_benefits.first_benefit_date,
        case
            when first_costs.first_cost_date is null then first_benefits.first_benefit_date
            when first_benefits.first_benefit_date is null then first_costs.first_cost_date
            when first_costs.first_cost_date < first_benefits.first_benefit_date then first_costs.first_cost_date
            else first_benefits.first_benefit_date
        end as first_activity_date,
        configured.forecast_days_to_full_benefit,
        configured.full_benefit_daily
    from initiative_scopes
    left join configured
        on initiative_scopes.scope_id = configured.scope_id
    left join scopes
        on initiative_scopes.scope_id = scopes.scope_id
    left join first_costs
        on initiative_scopes.scope_id = first_costs.scope_id
    left join first_benefits
        on initiative_scopes.scope_id = first_benefits.scope_id

),

final as (

    select
        scope_id,
        initiative_name,
        owner,
        has_business_case,
        coalesce(configured_start_date, first_activity_date) as start_date,
        case
            when configured_start_date is not null then 'ai_initiatives seed'
            when first_activity_date is not null then 'first cost or benefit'
        end as start_date_source,
        first_activity_date,
        first_cost_date,
        first_benefit_date,
        forecast_days_to_full_benefit,
        full_benefit_daily
    from joined

)

select * from final
