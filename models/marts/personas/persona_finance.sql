{{ config(materialized='table') }}

{#- Finance: technology cost as % of revenue per product, contribution
    margin, break-even volume (grain: scope_id; the latest month with cost,
    effective basis, scopes with revenue). -#}

with

current_month as (

    select max(period_start) as period_start
    from {{ ref('int_kpi_periods') }}
    where period_grain = 'month' and days_with_cost > 0

),

revenue as (

    select kpis.*
    from {{ ref('kpi_cost_to_revenue') }} as kpis
    inner join current_month
        on kpis.period_start = current_month.period_start
    where kpis.period_grain = 'month'
        and kpis.cost_basis = 'effective'
        and kpis.revenue is not null

),

metrics as (

    {#- one metric per unit: the one on all the scope's cost when there are several -#}
    select *
    from (
        select
            *,
            row_number() over (
                partition by denominator_metric
                order by case when cost_numerator = 'scope_cost' then 0 else 1 end, metric_id
            ) as metric_rank
        from {{ ref('dim_metrics') }}
        where status <> 'retired' and metric_kind = 'business'
    ) as ranked
    where metric_rank = 1

),

marginal as (

    select * from {{ ref('kpi_marginal_economics') }}
    where cost_basis = 'effective'

),

final as (

    select
        revenue.scope_id,
        revenue.period_start,
        revenue.technology_cost,
        revenue.revenue,
        revenue.cost_to_revenue_pct,
        revenue.contribution_margin,
        revenue.contribution_margin_pct,
        revenue.unit_metric,
        revenue.units,
        marginal.fixed_cost,
        marginal.break_even_volume,
        marginal.break_even_status,
        marginal.null_reason as break_even_null_reason
    from revenue
    left join metrics
        on revenue.unit_metric = metrics.denominator_metric
    left join marginal
        on metrics.metric_id = marginal.metric_id
            and revenue.scope_id = marginal.scope_id
            and revenue.period_start = marginal.period_start

)

select * from final
