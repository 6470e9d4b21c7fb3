{{ config(severity='warn') }}

{#- Warns (never fails) when a current-period unit cost on the effective basis
    is outside the target band of its metric (dim_metrics target_low /
    target_high): the same rule `unitcost check` exits non-zero on, so a
    `dbt build` in a warehouse shows it too. One row per breach. -#}

select
    metric_id,
    scope_id,
    period_start,
    unit_cost,
    target_low,
    target_high,
    target_status
from {{ ref('kpi_unit_cost_targets') }}
where is_current_period
    and cost_basis = 'effective'
    and metric_status <> 'retired'
    and target_status in ('above', 'below')
