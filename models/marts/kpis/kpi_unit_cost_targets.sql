{{ config(materialized='table') }}

{#- Unit costs against their target band per metric, scope, month and cost
    basis (grain: metric_id x scope_id x period_start x cost_basis): every
    month of every metric with a target band in the catalog (target_low
    and/or target_high of dim_metrics), for its target_scope_id (every scope
    when empty). target_status: within, above (unit cost > target_high),
    below (unit cost < target_low) or null with a reason when there is no
    unit cost. is_current_period marks the latest month the bill covers,
    the one `unitcost check` and the warn tests look at. See the docs block
    kpi_unit_cost_targets. -#}
{%- set dbl = unitcost_double_type() %}

with

series as (

    select * from {{ ref('int_kpi_unit_cost_monthly') }}
    where target_low is not null or target_high is not null

),

periods as (

    select max(period_start) as current_period_start
    from {{ ref('int_kpi_periods') }}
    where period_grain = 'month' and days_with_cost > 0

),

final as (

    select
        series.metric_id,
        series.scope_id,
        series.period_start,
        series.period_end,
        series.cost_basis,
        series.reporting_currency,
        series.metric_status,
        series.unit_label,
        cast(series.unit_cost as {{ unitcost_money_type() }}) as unit_cost,
        series.target_low,
        series.target_high,
        case
            when series.unit_cost is null then null
            when series.unit_cost > series.target_high then 'above'
            when series.unit_cost < series.target_low then 'below'
            else 'within'
        end as target_status,
        case
            when series.unit_cost > series.target_high
                then cast(
                        100 * (cast(series.unit_cost as {{ dbl }}) - cast(series.target_high as {{ dbl }}))
                        / cast(series.target_high as {{ dbl }}) as decimal(38, 4)
                    )
            when series.unit_cost < series.target_low and series.target_low <> 0
                then cast(
                        100 * (cast(series.unit_cost as {{ dbl }}) - cast(series.target_low as {{ dbl }}))
                        / cast(series.target_low as {{ dbl }}) as decimal(38, 4)
                    )
        end as breach_pct,
        series.period_start = periods.current_period_start as is_current_period,
        series.is_final,
        series.finality_reason,
        case when series.unit_cost is null then coalesce(series.null_reason, 'no unit cost in the period') end
            as null_reason
    from series
    cross join periods
    where series.target_scope_id is null or series.target_scope_id = series.scope_id

)

select * from final
