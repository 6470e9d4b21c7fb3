{#- One row per unit-cost metric of the metric catalog (grain: metric_id),
    typed and with its defaults applied: what fct_unit_costs divides by
    what, who owns the definition and its review status. -#}

with

metrics as (

    select * from {{ ref('int_unit_cost_metrics') }}

),

final as (

    select
        metric_id,
        metric_name,
        description,
        metric_kind,
        cost_numerator,
        cost_selection_id,
        denominator_metric,
        denominator_aggregation,
        denominator_unit,
        denominator_service_category,
        denominator_service_subcategory,
        denominator_label,
        formula,
        unit_multiplier,
        unit_label,
        owner,
        status,
        review_due,
        definition_version,
        owner_persona,
        priority_area,
        effective_from,
        effective_to,
        review_cadence_months,
        last_reviewed,
        target_scope_id,
        target_low,
        target_high,
        anomaly_k,
        anomaly_window
    from metrics

)

select * from final
