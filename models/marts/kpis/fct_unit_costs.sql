{#- Unit cost of every metric of the metric catalog per scope, period and
    cost basis (grain: metric_id x scope_id x period_grain x period_start x
    cost_basis; every scope includes its descendants). unit_cost =
    numerator_cost / denominator_value x unit_multiplier. Numerator: the
    scope's cost, the cost of a KPI cost selection, or the cost of the usage
    counted (the catalog's cost_numerator). Denominator: a value-data metric
    (business) or a usage quantity of the bill (resource_efficiency). A row
    for every scope and period where either side has data. See the docs
    block fct_unit_costs. -#}
{%- set dbl = unitcost_double_type() %}

with

metrics as (

    select * from {{ ref('int_unit_cost_metrics') }}

),

periods as (

    select * from {{ ref('int_kpi_periods') }}

),

scope_costs as (

    select * from {{ ref('int_kpi_scope_costs_by_period') }}

),

selected_costs as (

    select * from {{ ref('int_kpi_selected_costs_by_period') }}

),

value_metrics as (

    select * from {{ ref('int_kpi_value_metrics') }}

),

usage as (

    select * from {{ ref('int_unit_cost_usage_by_period') }}

),

numerators as (

    select
        metrics.metric_id,
        scope_costs.scope_id,
        scope_costs.period_grain,
        scope_costs.period_start,
        scope_costs.cost_basis,
        scope_costs.total_cost as cost,
        scope_costs.direct_cost,
        scope_costs.shared_cost,
        scope_costs.unallocated_cost
    from metrics
    inner join scope_costs
        on metrics.cost_numerator = 'scope_cost'

    union all

    select
        metrics.metric_id,
        selected_costs.scope_id,
        selected_costs.period_grain,
        selected_costs.period_start,
        selected_costs.cost_basis,
        selected_costs.selected_cost as cost,
        selected_costs.direct_cost,
        selected_costs.shared_cost,
        selected_costs.unallocated_cost
    from metrics
    inner join selected_costs
        on metrics.cost_numerator = 'selected_cost'
            and metrics.cost_selection_id = selected_costs.selection_id

    union all

    select
        metrics.metric_id,
        usage.scope_id,
        usage.period_grain,
        usage.period_start,
        usage.cost_basis,
        usage.usage_cost as cost,
        usage.direct_cost,
        usage.shared_cost,
        usage.unallocated_cost
    from metrics
    inner join usage
        on metrics.cost_numerator = 'usage_cost'
            and metrics.metric_id = usage.metric_id

),

daily_values_by_month as (

    select
        scope_id,
        metric,
        {{ unitcost_month_start('period_start') }} as month_start,
        sum(metric_value) as daily_sum,
        cast(sum(cast(metric_value as {{ dbl }})) / count(*) as {{ unitcost_quantity_type() }})
            as daily_average
    from value_metrics
    where period_grain = 'day'
    group by 1, 2, 3

),

value_denominators as (

    {#- average: the mean of the daily totals over the days with data; the
        part of a month's value that came as monthly values (the month's
        value minus its daily values) counts as itself. -#}
    select
        metrics.metric_id,
        value_metrics.scope_id,
        value_metrics.period_grain,
        value_metrics.period_start,
        value_metrics.canonical_unit,
        case
            when metrics.denominator_aggregation = 'average' and value_metrics.period_grain = 'month'
                then value_metrics.metric_value
                    - coalesce(daily_values_by_month.daily_sum, 0)
                    + coalesce(daily_values_by_month.daily_average, 0)
            else value_metrics.metric_value
        end as denominator_value,
        value_metrics.days_with_data
    from metrics
    inner join value_metrics
        on metrics.metric_kind = 'business'
            and metrics.denominator_metric = value_metrics.metric
    left join daily_values_by_month
        on value_metrics.period_grain = 'month'
            and value_metrics.scope_id = daily_values_by_month.scope_id
            and value_metrics.metric = daily_values_by_month.metric
            and value_metrics.period_start = daily_values_by_month.month_start

),

metrics_in_value_data as (

    select distinct metric
    from value_metrics

),

keys as (

    {{ unitcost_kpi_frame(
        cost_relations=['numerators', 'usage'],
        value_relations=['value_denominators'],
        key_columns=['metric_id', 'scope_id']
    ) }}

),

joined as (

    select
        keys.metric_id,
        keys.scope_id,
        keys.period_grain,
        keys.period_start,
        keys.period_end,
        keys.days_in_period,
        keys.cost_basis,
        metrics.metric_kind,
        metrics.denominator_metric,
        metrics.denominator_label,
        metrics.unit_multiplier,
        metrics.unit_label,
        metrics.definition_version,
        case when keys.days_with_cost = 0 then null else coalesce(numerators.cost, 0) end as numerator_cost,
        numerators.direct_cost,
        numerators.shared_cost,
        numerators.unallocated_cost,
        case
            when metrics.metric_kind = 'business' then value_denominators.denominator_value
            when keys.days_with_cost = 0 then null
            else coalesce(usage.quantity, 0)
        end as denominator_value,
        case
            when metrics.metric_kind = 'business' then value_denominators.canonical_unit
            else metrics.denominator_unit
        end as denominator_unit,
        case
            when metrics.metric_kind = 'business' then coalesce(value_denominators.days_with_data, 0)
            else coalesce(usage.days_with_usage, 0)
        end as denominator_days_with_data,
        metrics_in_value_data.metric is not null as denominator_metric_in_value_data,
        usage.unrecognised_unit,
        usage.unrecognised_cost,
        keys.days_with_cost,
        keys.is_final,
        keys.finality_reason
    from keys
    inner join metrics
        on keys.metric_id = metrics.metric_id
    left join numerators
        on keys.metric_id = numerators.metric_id
            and keys.scope_id = numerators.scope_id
            and keys.period_grain = numerators.period_grain
            and keys.period_start = numerators.period_start
            and keys.cost_basis = numerators.cost_basis
    left join value_denominators
        on keys.metric_id = value_denominators.metric_id
            and keys.scope_id = value_denominators.scope_id
            and keys.period_grain = value_denominators.period_grain
            and keys.period_start = value_denominators.period_start
    left join usage
        on keys.metric_id = usage.metric_id
            and keys.scope_id = usage.scope_id
            and keys.period_grain = usage.period_grain
            and keys.period_start = usage.period_start
            and keys.cost_basis = usage.cost_basis
    left join metrics_in_value_data
        on metrics.denominator_metric = metrics_in_value_data.metric

),

final as (

    select
        metric_id,
        scope_id,
        period_grain,
        period_start,
        period_end,
        days_in_period,
        cost_basis,
        metric_kind,
        '{{ var("reporting_currency") | upper }}' as reporting_currency,
        cast(numerator_cost as {{ unitcost_money_type() }}) as numerator_cost,
        cast(denominator_value as {{ unitcost_quantity_type() }}) as denominator_value,
        denominator_unit,
        unit_multiplier,
        {{ unitcost_ratio(
            'cast(numerator_cost as ' ~ unitcost_double_type() ~ ') * cast(unit_multiplier as '
            ~ unitcost_double_type() ~ ')',
            'denominator_value'
        ) }} as unit_cost,
        unit_label,
        case
            when denominator_value is null and metric_kind = 'business' and not denominator_metric_in_value_data
                then 'metric ' || denominator_metric || ' is not in the value data'
            when denominator_value is null and metric_kind = 'business'
                then 'no ' || denominator_label || ' in the period'
            when denominator_value is null then 'no cost data in the period'
            when denominator_value = 0 and unrecognised_unit is not null
                then {{ unitcost_unrecognised_unit_reason(
                    "concat('no ', denominator_label, ' in the bill: the charges it would count')",
                    'unrecognised_unit'
                ) }}
            when denominator_value = 0 then denominator_label || ' is zero'
            when numerator_cost is null then 'no cost data in the period'
        end as null_reason,
        unrecognised_unit,
        cast(unrecognised_cost as {{ unitcost_money_type() }}) as unrecognised_unit_cost,
        {{ unitcost_kpi_quality_columns(
            'numerator_cost', 'direct_cost', 'shared_cost', 'unallocated_cost', 'denominator_days_with_data'
        ) }},
        is_final,
        finality_reason,
        definition_version
    from joined

)

select * from final
