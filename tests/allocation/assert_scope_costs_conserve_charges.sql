{#- Allocation conserves cost: for every billing period and cost basis, the
    bill's cost over all scopes in fct_scope_costs (unallocated included)
    equals the staged cost in fct_charges, to 0.01 of the reporting
    currency. Returns the billing periods and bases that differ. Only the
    billing periods the build rebuilt (unitcost_tested_partitions). -#}

with

staged as (

    select
        billing_period,
        sum(effective_cost) as effective_cost,
        sum(billed_cost) as billed_cost,
        sum(case when is_prepaid_purchase then 0 else coalesce(list_cost, 0) end) as list_cost,
        sum(case when is_prepaid_purchase then 0 else coalesce(contracted_cost, 0) end) as contracted_cost
    from {{ ref('fct_charges') }}
    where {{ unitcost_tested_partitions('billing_period') }}
    group by billing_period

),

staged_by_basis as (

    {%- for basis in unitcost_cost_basis_names() %}
    select
        billing_period,
        '{{ basis }}' as cost_basis,
        {{ basis }}_cost as staged_cost
    from staged
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

allocated as (

    select
        billing_period,
        cost_basis,
        sum(cost) as scope_cost
    from {{ ref('fct_scope_costs') }}
    where cost_source = 'focus'
        and {{ unitcost_tested_partitions('billing_period') }}
    group by billing_period, cost_basis

)

select
    coalesce(staged_by_basis.billing_period, allocated.billing_period) as billing_period,
    coalesce(staged_by_basis.cost_basis, allocated.cost_basis) as cost_basis,
    staged_by_basis.staged_cost,
    allocated.scope_cost
from staged_by_basis
full outer join allocated
    on staged_by_basis.billing_period = allocated.billing_period
        and staged_by_basis.cost_basis = allocated.cost_basis
where abs(coalesce(staged_by_basis.staged_cost, 0) - coalesce(allocated.scope_cost, 0)) > 0.01
