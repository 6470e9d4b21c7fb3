{#- One row per metric of the metric catalog (grain: metric_id), cleaned:
    text trimmed, enumerations and metric names lower-cased, empty values
    null, defaults applied (cost_numerator from cost_selection_id,
    denominator_aggregation sum), plus the words reports and null reasons
    use for the denominator (denominator_label) and the formula. -#}
{%- set dbl = unitcost_double_type() %}

with

catalog as (

    select * from {{ ref('metric_catalog') }}

),

cleaned as (

    select
        trim(metric_id) as metric_id,
        trim(metric_name) as metric_name,
        nullif(trim(coalesce(description, '')), '') as description,
        lower(trim(metric_kind)) as metric_kind,
        lower(nullif(trim(coalesce(cost_numerator, '')), '')) as cost_numerator_text,
        nullif(trim(coalesce(cost_selection_id, '')), '') as cost_selection_id,
        lower(nullif(trim(coalesce(denominator_metric, '')), '')) as denominator_metric,
        lower(nullif(trim(coalesce(denominator_aggregation, '')), '')) as denominator_aggregation_text,
        nullif(trim(coalesce(denominator_unit, '')), '') as denominator_unit,
        nullif(trim(coalesce(denominator_service_category, '')), '') as denominator_service_category,
        nullif(trim(coalesce(denominator_service_subcategory, '')), '') as denominator_service_subcategory,
        unit_multiplier,
        trim(unit_label) as unit_label,
        nullif(trim(coalesce(owner, '')), '') as owner,
        case lower(trim(status))
            when 'draft' then 'proposed'
            when 'approved' then 'active'
            else lower(trim(status))
        end as status,
        review_due,
        definition_version,
        lower(nullif(trim(coalesce(owner_persona, '')), '')) as owner_persona,
        lower(nullif(trim(coalesce(priority_area, '')), '')) as priority_area,
        effective_from,
        effective_to,
        coalesce(review_cadence_months, 6) as review_cadence_months,
        last_reviewed,
        nullif(trim(coalesce(target_scope_id, '')), '') as target_scope_id,
        target_low,
        target_high,
        coalesce(cast(anomaly_k as {{ dbl }}), 3.0) as anomaly_k,
        coalesce(anomaly_window, 6) as anomaly_window
    from catalog

),

defaulted as (

    select
        *,
        coalesce(
            cost_numerator_text,
            case when cost_selection_id is not null then 'selected_cost' else 'scope_cost' end
        ) as cost_numerator,
        coalesce(denominator_aggregation_text, 'sum') as denominator_aggregation,
        case
            when metric_kind = 'business' then denominator_metric
            else
                denominator_unit || ' usage'
                || case
                    when denominator_service_category is not null or denominator_service_subcategory is not null
                        then
                            ' ('
                            || concat_ws(' / ', denominator_service_category, denominator_service_subcategory)
                            || ')'
                    else ''
                end
        end as denominator_label
    from cleaned

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
        case cost_numerator
            when 'scope_cost' then 'cost of the scope'
            when 'selected_cost' then 'cost of the ' || coalesce(cost_selection_id, '?') || ' selection'
            when 'usage_cost' then 'cost of the ' || denominator_unit || ' usage'
        end
        || ' / '
        || case when denominator_aggregation = 'average' then 'average ' else '' end
        || denominator_label
        || case
            when unit_multiplier = 1 then ''
            when unit_multiplier = floor(unit_multiplier) then ' x ' || cast(cast(unit_multiplier as bigint) as varchar)
            else ' x ' || cast(cast(unit_multiplier as {{ dbl }}) as varchar)
        end as formula,
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
    from defaulted

)

select * from final
