{{ config(materialized='table') }}

{#- Marginal economics per metric, scope, month and cost basis (grain:
    metric_id x scope_id x period_start x cost_basis): a least-squares line of
    cost on volume over the trailing var('kpi_marginal_window_periods') months
    (default 6, the row's month included). slope = marginal (variable) cost
    per unit, intercept = fixed cost; the same fit of revenue gives the
    marginal revenue per unit; break-even volume = fixed cost / (unit revenue -
    variable unit cost). Fitted on per-day rates (int_kpi_unit_cost_monthly):
    cost per day on volume per day (flows) or on the volume itself (stocks),
    computed from sums of deviations from the window's means (portable SQL, no
    regr_* functions). See the docs block kpi_marginal_economics. -#}

{%- set dbl = unitcost_double_type() %}
{%- set window_periods = var('kpi_marginal_window_periods', 6) %}
{%- set min_periods = var('kpi_marginal_min_periods', 4) %}
{%- set min_spread_pct = var('kpi_marginal_min_volume_spread_pct', 5) %}
{%- set min_r_squared = var('kpi_marginal_min_r_squared', 0.7) %}
{#- Sums add decimals (each row's value rounded first): the fit is then the
    same whatever order rows are added in, bit for bit, so an incremental
    build equals a full refresh. 8 decimals leave 30 integer digits for
    squared deviations of volumes in the billions. -#}
{%- set exact = 'decimal(38, 8)' %}

with

series as (

    select * from {{ ref('int_kpi_unit_cost_monthly') }}

),

revenue as (

    select * from {{ ref('int_value_kpi_revenue_by_period') }}
    where period_grain = 'month'

),

primary_units as (

    {#- Revenue is per unit only for the unit each scope sells
        (var kpi_primary_unit_metrics, as kpi_cost_to_revenue). -#}
    {{ unitcost_primary_unit_rows() }}

),

scope_revenue as (

    select
        revenue.scope_id,
        primary_units.denominator_metric,
        revenue.period_start,
        revenue.revenue
    from revenue
    inner join primary_units
        on revenue.scope_id = primary_units.scope_id

),

points as (

    {#- One point per month with a cost and a positive volume; revenue per day
        where the scope has revenue data. -#}
    select
        series.metric_id,
        series.scope_id,
        series.cost_basis,
        series.period_start,
        series.volume_rate as x,
        series.cost_per_day as y,
        cast(scope_revenue.revenue as {{ dbl }}) / series.days_in_period as r
    from series
    left join scope_revenue
        on series.scope_id = scope_revenue.scope_id
            and series.denominator_metric = scope_revenue.denominator_metric
            and series.period_start = scope_revenue.period_start
    where series.cost_per_day is not null and series.volume_rate > 0

),

windows as (

    select
        series.metric_id,
        series.scope_id,
        series.cost_basis,
        series.period_start,
        points.period_start as point_period_start,
        points.x,
        points.y,
        points.r
    from series
    inner join points
        on series.metric_id = points.metric_id
            and series.scope_id = points.scope_id
            and series.cost_basis = points.cost_basis
            and series.period_start >= points.period_start
            and points.period_start > cast({{ dbt.dateadd('month', -window_periods, 'series.period_start') }} as date)

),

means as (

    select
        metric_id,
        scope_id,
        cost_basis,
        period_start,
        count(*) as observations,
        count(r) as revenue_observations,
        cast(sum(cast(x as {{ exact }})) as {{ dbl }}) / count(*) as mean_x,
        cast(sum(cast(y as {{ exact }})) as {{ dbl }}) / count(*) as mean_y,
        min(x) as min_x,
        max(x) as max_x,
        cast(sum(cast(x as {{ exact }})) as {{ dbl }}) as sum_x,
        cast(sum(cast(r as {{ exact }})) as {{ dbl }}) as sum_r
    from windows
    group by 1, 2, 3, 4

),

deviations as (

    select
        windows.metric_id,
        windows.scope_id,
        windows.cost_basis,
        windows.period_start,
        cast(sum(cast((windows.x - means.mean_x) * (windows.x - means.mean_x) as {{ exact }})) as {{ dbl }}) as sxx,
        cast(sum(cast((windows.x - means.mean_x) * (windows.y - means.mean_y) as {{ exact }})) as {{ dbl }}) as sxy,
        cast(sum(cast((windows.y - means.mean_y) * (windows.y - means.mean_y) as {{ exact }})) as {{ dbl }}) as syy
    from windows
    inner join means
        on windows.metric_id = means.metric_id
            and windows.scope_id = means.scope_id
            and windows.cost_basis = means.cost_basis
            and windows.period_start = means.period_start
    group by 1, 2, 3, 4

),

revenue_deviations as (

    {#- The revenue line, only where every point of the window has revenue. -#}
    select
        windows.metric_id,
        windows.scope_id,
        windows.cost_basis,
        windows.period_start,
        cast(
            sum(cast((windows.x - means.mean_x) * (windows.r - means.sum_r / means.observations) as {{ exact }}))
            as {{ dbl }}
        ) as sxr
    from windows
    inner join means
        on windows.metric_id = means.metric_id
            and windows.scope_id = means.scope_id
            and windows.cost_basis = means.cost_basis
            and windows.period_start = means.period_start
    where means.revenue_observations = means.observations
    group by 1, 2, 3, 4

),

fits as (

    select
        series.metric_id,
        series.scope_id,
        series.cost_basis,
        series.period_start,
        series.period_end,
        series.days_in_period,
        series.reporting_currency,
        series.metric_kind,
        series.metric_status,
        series.denominator_aggregation,
        series.unit_multiplier,
        series.unit_label,
        series.volume,
        series.volume_rate,
        series.cost,
        series.unit_cost,
        coalesce(means.observations, 0) as observations,
        means.mean_x,
        means.mean_y,
        means.min_x,
        means.max_x,
        means.sum_x,
        means.sum_r,
        means.revenue_observations,
        deviations.sxx,
        deviations.sxy,
        deviations.syy,
        revenue_deviations.sxr,
        case
            when means.observations < {{ min_periods }}
                then 'fewer than {{ min_periods }} months with cost and volume in the window'
            when means.mean_x is null or means.mean_x <= 0 then 'no volume in the window'
            when 100 * (means.max_x - means.min_x) / means.mean_x < {{ min_spread_pct }}
                then 'volume does not vary enough in the window (spread under {{ min_spread_pct }} %)'
        end as fit_null_reason
    from series
    left join means
        on series.metric_id = means.metric_id
            and series.scope_id = means.scope_id
            and series.cost_basis = means.cost_basis
            and series.period_start = means.period_start
    left join deviations
        on series.metric_id = deviations.metric_id
            and series.scope_id = deviations.scope_id
            and series.cost_basis = deviations.cost_basis
            and series.period_start = deviations.period_start
    left join revenue_deviations
        on series.metric_id = revenue_deviations.metric_id
            and series.scope_id = revenue_deviations.scope_id
            and series.cost_basis = revenue_deviations.cost_basis
            and series.period_start = revenue_deviations.period_start

),

lines as (

    select
        *,
        {#- per-day units: slope = cost per day per unit of x, intercept =
            fixed cost per day; a flow's unit is a unit of volume, a
            stock's a unit held for a day. -#}
        case when fit_null_reason is null then sxy / sxx end as slope,
        case when fit_null_reason is null then mean_y - (sxy / sxx) * mean_x end as intercept,
        case
            when fit_null_reason is null and syy > 0 then (sxy * sxy) / (sxx * syy)
            when fit_null_reason is null then 1.0
        end as r_squared,
        case when fit_null_reason is null and sxr is not null then sxr / sxx end as revenue_slope,
        {#- average revenue per unit over the window, when every month of it has revenue -#}
        case when revenue_observations = observations and sum_x > 0 then sum_r / sum_x end as unit_revenue_rate,
        {#- a stock's unit costs and revenues are per unit per period: the
            per-day figure times the days of the period -#}
        case when denominator_aggregation = 'average' then days_in_period else 1 end as unit_days
    from fits

),

economics as (

    select
        *,
        slope * unit_days as variable_cost_per_unit,
        intercept * days_in_period as fixed_cost,
        revenue_slope * unit_days as marginal_revenue_per_unit,
        unit_revenue_rate * unit_days as unit_revenue,
        case
            when slope is not null and unit_revenue_rate is not null
                then (unit_revenue_rate - slope) * unit_days
        end as contribution_margin_per_unit,
        case
            when slope is not null and unit_revenue_rate is not null and unit_revenue_rate > slope and intercept >= 0
                then intercept / (unit_revenue_rate - slope)
                    * case when denominator_aggregation = 'average' then 1 else days_in_period end
        end as break_even_volume
    from lines

),

statused as (

    select
        *,
        {#- a status only from a fit worth reading: a line that explains
            little of the cost would put a scope above or below by chance -#}
        case
            when break_even_volume is null or volume is null then null
            when r_squared is null or r_squared < {{ min_r_squared }} then null
            when volume >= break_even_volume then 'above'
            else 'below'
        end as break_even_status
    from economics

),

final as (

    select
        cur.metric_id,
        cur.scope_id,
        cur.period_start,
        cur.period_end,
        cur.days_in_period,
        cur.cost_basis,
        cur.reporting_currency,
        cur.metric_status,
        cur.unit_label,
        cast({{ window_periods }} as integer) as window_periods,
        cast(cur.observations as integer) as observations,
        cast(cur.cost as {{ unitcost_money_type() }}) as cost,
        cast(cur.volume as {{ unitcost_quantity_type() }}) as volume,
        cast(cur.unit_cost as {{ unitcost_money_type() }}) as unit_cost,
        cur.variable_cost_per_unit * cast(cur.unit_multiplier as {{ dbl }}) as marginal_cost_per_unit,
        cur.variable_cost_per_unit,
        cur.fixed_cost,
        cast(case
            when cur.fixed_cost is not null and cur.cost <> 0
                then 100 * cur.fixed_cost / cast(cur.cost as {{ dbl }})
        end as decimal(38, 4)) as fixed_cost_share_pct,
        cur.r_squared,
        case
            when cur.r_squared is null then false
            else cur.r_squared >= {{ min_r_squared }}
        end as fit_trusted,
        cur.marginal_revenue_per_unit * cast(cur.unit_multiplier as {{ dbl }}) as marginal_revenue_per_unit,
        cur.unit_revenue * cast(cur.unit_multiplier as {{ dbl }}) as unit_revenue,
        cur.contribution_margin_per_unit * cast(cur.unit_multiplier as {{ dbl }}) as contribution_margin_per_unit,
        cur.break_even_volume,
        cur.break_even_status,
        case
            when cur.break_even_status = 'above' and prev.break_even_status = 'below' then 'crossed_above'
            when cur.break_even_status = 'below' and prev.break_even_status = 'above' then 'crossed_below'
        end as break_even_crossing,
        case
            when cur.fit_null_reason is not null then cur.fit_null_reason
            when cur.unit_revenue is null
                then 'no revenue for the scope''s primary unit (var kpi_primary_unit_metrics) '
                    || 'in every month of the window'
            when cur.fixed_cost < 0 then 'fixed cost (intercept) is negative: no break-even'
            when cur.break_even_volume is null
                then 'unit revenue does not exceed the variable cost per unit: no break-even'
            when cur.break_even_status is null
                then 'fit not trusted (r-squared under {{ min_r_squared }}): no break-even status'
        end as null_reason
    from statused as cur
    left join statused as prev
        on cur.metric_id = prev.metric_id
            and cur.scope_id = prev.scope_id
            and cur.cost_basis = prev.cost_basis
            and prev.period_start = cast({{ dbt.dateadd('month', -1, 'cur.period_start') }} as date)

)

select * from final
