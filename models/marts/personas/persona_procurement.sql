{{ config(materialized='table') }}

{#- Procurement: the effect of commitments and negotiated rates on unit cost
    (grain: metric_id x scope_id; the latest month with cost, current
    resource-efficiency metrics, product scopes): the unit cost on the list,
    contracted and effective bases side by side. negotiated_saving_pct =
    1 - contracted / list (discounts); commitment_saving_pct = 1 - effective
    / contracted (commitments, amortized). -#}

with

current_month as (

    {{ unitcost_latest_cost_month() }}

),

unit_costs as (

    select unit_costs.*
    from {{ ref('fct_unit_costs') }} as unit_costs
    inner join current_month
        on unit_costs.period_start = current_month.period_start
    inner join {{ ref('dim_metrics') }} as metrics
        on unit_costs.metric_id = metrics.metric_id
    inner join {{ ref('dim_scopes') }} as scopes
        on unit_costs.scope_id = scopes.scope_id
    where unit_costs.period_grain = 'month'
        and unit_costs.metric_kind = 'resource_efficiency'
        and metrics.status <> 'retired'
        and scopes.scope_type = 'product'

),

pivoted as (

    select
        metric_id,
        scope_id,
        period_start,
        max(unit_label) as unit_label,
        max(case when cost_basis = 'list' then unit_cost end) as list_unit_cost,
        max(case when cost_basis = 'contracted' then unit_cost end) as contracted_unit_cost,
        max(case when cost_basis = 'effective' then unit_cost end) as effective_unit_cost
    from unit_costs
    group by 1, 2, 3

),

final as (

    select
        *,
        cast(100 - {{ unitcost_percent('contracted_unit_cost', 'list_unit_cost') }} as decimal(38, 4))
            as negotiated_saving_pct,
        cast(100 - {{ unitcost_percent('effective_unit_cost', 'contracted_unit_cost') }} as decimal(38, 4))
            as commitment_saving_pct
    from pivoted
    where effective_unit_cost is not null

)

select * from final
