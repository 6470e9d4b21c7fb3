{{ config(materialized='table') }}

{#- Governance of the metric catalog, one row per metric (grain: metric_id;
    retired metrics kept with is_current false, for history): lifecycle,
    owner, review cadence and whether the review is overdue, definition
    stability over the last var('kpi_governance_stability_reviews')
    reviews (default 3), the decisions it was used in, and its target band
    breaches and open anomalies in the current month. As of
    var('kpi_governance_as_of') (default: the end of the latest month the
    bill covers, so a rebuild of the same data gives the same rows). See the
    docs block kpi_metric_governance. -#}

{%- set stability_reviews = var('kpi_governance_stability_reviews', 3) %}
{%- set as_of = var('kpi_governance_as_of', '') %}

with

metrics as (

    select * from {{ ref('int_unit_cost_metrics') }}

),

reviews as (

    select * from {{ ref('metric_reviews') }}

),

decisions as (

    select * from {{ ref('metric_decisions') }}

),

targets as (

    select * from {{ ref('kpi_unit_cost_targets') }}
    where is_current_period and cost_basis = 'effective'

),

anomalies as (

    select * from {{ ref('kpi_unit_cost_anomalies') }}
    where is_anomaly and cost_basis = 'effective'

),

as_of as (

    {%- if as_of %}
    select cast('{{ as_of }}' as date) as as_of_date
    {%- else %}
    select max(period_end) as as_of_date
    from {{ ref('int_kpi_periods') }}
    where period_grain = 'month' and days_with_cost > 0
    {%- endif %}

),

current_month as (

    {{ unitcost_latest_cost_month() }}

),

ranked_reviews as (

    select
        reviews.metric_id,
        reviews.formula_changed,
        row_number() over (partition by reviews.metric_id order by reviews.review_date desc) as review_rank
    from reviews
    cross join as_of
    where reviews.review_date <= as_of.as_of_date

),

review_stats as (

    select
        metric_id,
        count(*) as reviews_total,
        sum(case when review_rank <= {{ stability_reviews }} then 1 else 0 end) as reviews_considered,
        sum(case when review_rank <= {{ stability_reviews }} and formula_changed then 1 else 0 end)
            as formula_changes
    from ranked_reviews
    group by 1

),

decision_stats as (

    select
        decisions.metric_id,
        count(*) as decisions_last_12_months,
        count(distinct decisions.team_scope_id) as teams_using,
        count(distinct decisions.persona) as personas_using
    from decisions
    cross join as_of
    where decisions.decision_date < as_of.as_of_date
        and decisions.decision_date >= cast({{ dbt.dateadd('month', -12, 'as_of.as_of_date') }} as date)
    group by 1

),

target_stats as (

    select
        metric_id,
        sum(case when target_status = 'above' then 1 else 0 end) as target_breaches_above,
        sum(case when target_status = 'below' then 1 else 0 end) as target_breaches_below
    from targets
    group by 1

),

anomaly_stats as (

    select
        anomalies.metric_id,
        count(*) as open_anomalies
    from anomalies
    inner join current_month
        on anomalies.period_start = current_month.period_start
    group by 1

),

joined as (

    select
        metrics.*,
        as_of.as_of_date,
        cast({{ dbt.dateadd('month', 'metrics.review_cadence_months', 'metrics.last_reviewed') }} as date)
            as next_review_due,
        coalesce(review_stats.reviews_total, 0) as reviews_total,
        coalesce(review_stats.reviews_considered, 0) as reviews_considered,
        coalesce(review_stats.formula_changes, 0) as formula_changes,
        coalesce(decision_stats.decisions_last_12_months, 0) as decisions_last_12_months,
        coalesce(decision_stats.teams_using, 0) as teams_using,
        coalesce(decision_stats.personas_using, 0) as personas_using,
        coalesce(target_stats.target_breaches_above, 0) as target_breaches_above,
        coalesce(target_stats.target_breaches_below, 0) as target_breaches_below,
        coalesce(anomaly_stats.open_anomalies, 0) as open_anomalies
    from metrics
    cross join as_of
    left join review_stats
        on metrics.metric_id = review_stats.metric_id
    left join decision_stats
        on metrics.metric_id = decision_stats.metric_id
    left join target_stats
        on metrics.metric_id = target_stats.metric_id
    left join anomaly_stats
        on metrics.metric_id = anomaly_stats.metric_id

),

final as (

    select
        metric_id,
        metric_name,
        status,
        status <> 'retired' as is_current,
        owner,
        owner_persona,
        priority_area,
        definition_version,
        effective_from,
        effective_to,
        review_cadence_months,
        last_reviewed,
        next_review_due,
        as_of_date,
        status <> 'retired' and (last_reviewed is null or next_review_due < as_of_date) as is_review_overdue,
        case
            when status <> 'retired' and next_review_due < as_of_date
                then cast({{ unitcost_days_between('next_review_due', 'as_of_date') }} as integer)
        end as days_overdue,
        cast(reviews_total as integer) as reviews_total,
        cast(reviews_considered as integer) as reviews_considered,
        cast(formula_changes as integer) as formula_changes_in_last_reviews,
        formula_changes = 0 as definition_stable,
        cast(decisions_last_12_months as integer) as decisions_last_12_months,
        cast(teams_using as integer) as teams_using,
        cast(personas_using as integer) as personas_using,
        target_low,
        target_high,
        cast(case when status <> 'retired' then target_breaches_above else 0 end as integer)
            as current_target_breaches_above,
        cast(case when status <> 'retired' then target_breaches_below else 0 end as integer)
            as current_target_breaches_below,
        cast(case when status <> 'retired' then open_anomalies else 0 end as integer) as current_open_anomalies
    from joined

)

select * from final
