{#- One row per month and scope that has cost (grain: cost_month x
    scope_id), on the effective cost basis, bill and TCO lines together: how
    much of the scope's cost is charged to it directly, allocated to it from
    shared pools, or unallocated (only the 'unallocated' scope has that), as
    amounts and percentages of the scope's cost, and the same split for the
    whole month across all scopes. -#}

with

scope_costs as (

    select * from {{ ref('fct_scope_costs') }}
    where cost_basis = 'effective'

),

by_scope as (

    select
        {{ unitcost_month_start('cost_date') }} as cost_month,
        scope_id,
        sum(case when cost_type = 'direct' then cost else 0 end) as direct_cost,
        sum(case when cost_type = 'shared' then cost else 0 end) as shared_cost,
        sum(case when cost_type = 'unallocated' then cost else 0 end) as unallocated_cost,
        sum(cost) as total_cost
    from scope_costs
    group by 1, 2

),

with_month as (

    select
        *,
        sum(direct_cost) over (partition by cost_month) as month_direct_cost,
        sum(shared_cost) over (partition by cost_month) as month_shared_cost,
        sum(unallocated_cost) over (partition by cost_month) as month_unallocated_cost,
        sum(total_cost) over (partition by cost_month) as month_total_cost
    from by_scope

),

final as (

    select
        cost_month,
        scope_id,
        cast(direct_cost as {{ unitcost_money_type() }}) as direct_cost,
        cast(shared_cost as {{ unitcost_money_type() }}) as shared_cost,
        cast(unallocated_cost as {{ unitcost_money_type() }}) as unallocated_cost,
        cast(total_cost as {{ unitcost_money_type() }}) as total_cost,
        {{ unitcost_percent('direct_cost', 'total_cost') }} as direct_pct,
        {{ unitcost_percent('shared_cost', 'total_cost') }} as shared_pct,
        {{ unitcost_percent('unallocated_cost', 'total_cost') }} as unallocated_pct,
        {{ unitcost_percent('total_cost', 'month_total_cost') }} as pct_of_month_cost,
        {{ unitcost_percent('month_direct_cost', 'month_total_cost') }} as month_direct_pct,
        {{ unitcost_percent('month_shared_cost', 'month_total_cost') }} as month_shared_pct,
        {{ unitcost_percent('month_unallocated_cost', 'month_total_cost') }} as month_unallocated_pct
    from with_month

)

select * from final
