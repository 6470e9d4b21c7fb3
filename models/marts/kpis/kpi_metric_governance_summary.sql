{{ config(materialized='table') }}

{#- The metric programme in one row (grain: as_of_date): adoption (% of teams
    and of personas that used a unit metric in a decision in the 12 months
    before the as-of date), definition stability (% of priority areas none
    of whose current metrics changed formula in their last
    var('kpi_governance_stability_reviews') reviews), metrics overdue for
    review, current target breaches in either direction and open anomalies.
    Teams are the scopes of type business_unit, product or team; personas
    the six of docs/DESIGN.md. Current views leave retired metrics out. See
    the docs block kpi_metric_governance. -#}

{%- set personas = var(
    'kpi_governance_personas', ['finops', 'product', 'finance', 'procurement', 'engineering', 'leadership']
) %}
{%- set persona_list = "'" ~ (personas | join("', '")) ~ "'" %}

with

governance as (

    select * from {{ ref('kpi_metric_governance') }}

),

decisions as (

    select * from {{ ref('metric_decisions') }}

),

scopes as (

    select * from {{ ref('dim_scopes') }}
    where scope_type in ('business_unit', 'product', 'team')

),

as_of as (

    select max(as_of_date) as as_of_date
    from governance

),

recent_decisions as (

    select decisions.*
    from decisions
    cross join as_of
    where decisions.decision_date < as_of.as_of_date
        and decisions.decision_date >= cast({{ dbt.dateadd('month', -12, 'as_of.as_of_date') }} as date)

),

adoption as (

    select
        (select count(*) from scopes) as teams_total,
        (
            select count(distinct recent_decisions.team_scope_id)
            from recent_decisions
            inner join scopes
                on recent_decisions.team_scope_id = scopes.scope_id
        ) as teams_using,
        {{ personas | length }} as personas_total,
        (
            select count(distinct persona)
            from recent_decisions
            where persona in ({{ persona_list }})
        ) as personas_using

),

areas as (

    select
        priority_area,
        min(case when definition_stable then 1 else 0 end) as is_stable
    from governance
    where is_current and priority_area is not null
    group by 1

),

stability as (

    select
        count(*) as priority_areas,
        coalesce(sum(is_stable), 0) as stable_priority_areas
    from areas

),

current_metrics as (

    select
        count(*) as current_metrics,
        coalesce(sum(case when is_review_overdue then 1 else 0 end), 0) as metrics_overdue,
        coalesce(sum(current_target_breaches_above), 0) as targets_breached_above,
        coalesce(sum(current_target_breaches_below), 0) as targets_breached_below,
        coalesce(sum(current_open_anomalies), 0) as open_anomalies
    from governance
    where is_current

),

final as (

    select
        as_of.as_of_date,
        cast({{ var('kpi_governance_stability_reviews', 3) }} as integer) as stability_reviews,
        cast(adoption.teams_total as integer) as teams_total,
        cast(adoption.teams_using as integer) as teams_using,
        {{ unitcost_percent('adoption.teams_using', 'adoption.teams_total') }} as teams_using_pct,
        cast(adoption.personas_total as integer) as personas_total,
        cast(adoption.personas_using as integer) as personas_using,
        {{ unitcost_percent('adoption.personas_using', 'adoption.personas_total') }} as personas_using_pct,
        cast(stability.priority_areas as integer) as priority_areas,
        cast(stability.stable_priority_areas as integer) as stable_priority_areas,
        {{ unitcost_percent('stability.stable_priority_areas', 'stability.priority_areas') }}
            as stable_priority_areas_pct,
        cast(current_metrics.current_metrics as integer) as current_metrics,
        cast(current_metrics.metrics_overdue as integer) as metrics_overdue,
        cast(current_metrics.targets_breached_above as integer) as targets_breached_above,
        cast(current_metrics.targets_breached_below as integer) as targets_breached_below,
        cast(current_metrics.open_anomalies as integer) as open_anomalies
    from as_of
    cross join adoption
    cross join stability
    cross join current_metrics

)

select * from final
