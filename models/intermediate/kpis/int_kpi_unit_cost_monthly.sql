{{ config(materialized='table') }}

{#- The monthly unit-cost series the analytics marts read (grain: metric_id x
    scope_id x period_start x cost_basis): fct_unit_costs at month grain with
    the metric's catalog settings, plus the rates that make months of
    different lengths comparable:
    - cost_per_day = cost / days_in_period;
    - volume_rate = volume / days_in_period for flows (denominator_aggregation
      sum), the volume itself for stocks (average: customers, seats), which do
      not grow with the number of days;
    - comparable_unit_cost = cost_per_day / volume_rate x unit_multiplier x
      the days of an average month (365.25 / 12). For a flow it equals
      unit_cost; for a stock it is the unit cost of a month of average
      length, so a 28-day February is not a 10 % drop in cost per customer.
    Changes, bands, fits and drivers are measured on these. -#}
{%- set dbl = unitcost_double_type() %}

with

unit_costs as (

    select * from {{ ref('fct_unit_costs') }}
    where period_grain = 'month'

),

metrics as (

    select * from {{ ref('int_unit_cost_metrics') }}

),

joined as (

    select
        unit_costs.metric_id,
        unit_costs.scope_id,
        unit_costs.period_start,
        unit_costs.period_end,
        unit_costs.days_in_period,
        unit_costs.cost_basis,
        unit_costs.reporting_currency,
        metrics.metric_kind,
        metrics.status as metric_status,
        metrics.cost_numerator,
        metrics.denominator_metric,
        metrics.denominator_aggregation,
        metrics.unit_multiplier,
        metrics.unit_label,
        metrics.target_scope_id,
        metrics.target_low,
        metrics.target_high,
        metrics.anomaly_k,
        metrics.anomaly_window,
        unit_costs.numerator_cost as cost,
        unit_costs.denominator_value as volume,
        unit_costs.unit_cost,
        unit_costs.null_reason,
        unit_costs.is_final,
        unit_costs.finality_reason,
        cast(unit_costs.numerator_cost as {{ dbl }}) / unit_costs.days_in_period as cost_per_day,
        case
            when metrics.denominator_aggregation = 'average' then cast(unit_costs.denominator_value as {{ dbl }})
            else cast(unit_costs.denominator_value as {{ dbl }}) / unit_costs.days_in_period
        end as volume_rate
    from unit_costs
    inner join metrics
        on unit_costs.metric_id = metrics.metric_id

),

final as (

    select
        *,
        cast(
            case
                when unit_cost is null then null
                when denominator_aggregation = 'average'
                    then cast(unit_cost as {{ dbl }}) * (365.25 / 12) / days_in_period
                else unit_cost
            end as {{ unitcost_money_type() }}
        ) as comparable_unit_cost
    from joined

)

select * from final
