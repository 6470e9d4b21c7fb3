{#- The six effects of kpi_unit_cost_drivers add up to the change of the
    unit cost the trends mart reports (comparable_unit_cost of the month
    minus the previous month's): returns the rows where they differ by more
    than 1e-9 relative (the parts are rounded to 10 decimals each). The
    parts come from the spine, the currency aggregate and the TCO lines; the
    unit costs from fct_unit_costs: so this also proves those sources hold
    all of the numerator's cost, to the cent and below. -#}

select
    metric_id,
    scope_id,
    period_start,
    cost_basis,
    unit_cost_change,
    unit_cost - previous_unit_cost as reported_change
from {{ ref('kpi_unit_cost_drivers') }}
where null_reason is null
    and abs(unit_cost_change - (unit_cost - previous_unit_cost))
    > 1e-9 * (1 + abs(unit_cost) + abs(previous_unit_cost))
