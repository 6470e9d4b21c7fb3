{#- The cost sides of kpi_cost_to_revenue and kpi_data_value_density tie
    back to the allocated costs, recomputed here without the int_kpi_*
    rollups: descendants are found through dim_scopes.scope_path (not
    int_scope_ancestors), and costs are summed per day and calendar month
    straight from fct_scope_costs.
    - kpi_cost_to_revenue: technology_cost, cloud_cost and tco_cost of every
      scope that is not a shared pool equal the fct_scope_costs cost of the
      scope and its descendants (all, source focus, source tco), both ways:
      no KPI row with a wrong cost, no scope-period with cost missing from
      the KPI.
    - kpi_data_value_density: non_cloud_tco equals the fct_scope_costs tco
      cost of the scope and its descendants; cloud_data_cost equals the
      cost of the data_platform selection in the KPI spine (int_kpi_spine,
      before its roll-up: fct_scope_costs has no charge attributes to
      select on) borne by them.
    Rows whose period the bill does not cover (cost null in the KPI) are
    skipped. Returns the rows that differ by more than 0.01. -#}

{%- set bases = ['effective', 'billed', 'list', 'contracted'] %}

with

scope_costs as (

    select * from {{ ref('fct_scope_costs') }}

),

selected_costs as (

    select * from {{ ref('int_kpi_spine') }}
    where spine_part = 'selection'
        and selection_id = 'data_platform'

),

scopes as (

    select * from {{ ref('dim_scopes') }}

),

cost_to_revenue as (

    select * from {{ ref('kpi_cost_to_revenue') }}

),

value_density as (

    select * from {{ ref('kpi_data_value_density') }}

),

subtrees as (

    -- (scope, descendant-or-self) pairs from the materialised paths
    select
        ancestor.scope_id,
        descendant.scope_id as member_scope_id,
        ancestor.is_shared_pool
    from scopes as ancestor
    inner join scopes as descendant
        on {{ dbt.position(
            dbt.concat(["' > '", 'ancestor.scope_id', "' > '"]),
            dbt.concat(["' > '", 'descendant.scope_path', "' > '"])
        ) }} > 0

),

selected_by_basis as (

    {%- for basis in bases %}
    select
        scope_id,
        charge_date,
        '{{ basis }}' as cost_basis,
        coalesce({{ basis }}_cost, 0) as cost
    from selected_costs
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

expected_scope_costs as (

    {%- for grain in ['day', 'month'] %}
    select
        subtrees.scope_id,
        subtrees.is_shared_pool,
        '{{ grain }}' as period_grain,
        {{ 'scope_costs.cost_date' if grain == 'day' else unitcost_month_start('scope_costs.cost_date') }}
            as period_start,
        scope_costs.cost_basis,
        sum(scope_costs.cost) as total_cost,
        sum(case when scope_costs.cost_source = 'focus' then scope_costs.cost else 0 end) as cloud_cost,
        sum(case when scope_costs.cost_source = 'tco' then scope_costs.cost else 0 end) as tco_cost
    from scope_costs
    inner join subtrees
        on scope_costs.scope_id = subtrees.member_scope_id
    group by 1, 2, 3, 4, 5
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

expected_selected_costs as (

    {%- for grain in ['day', 'month'] %}
    select
        subtrees.scope_id,
        '{{ grain }}' as period_grain,
        {{ 'selected_by_basis.charge_date' if grain == 'day'
            else unitcost_month_start('selected_by_basis.charge_date') }} as period_start,
        selected_by_basis.cost_basis,
        sum(selected_by_basis.cost) as selected_cost
    from selected_by_basis
    inner join subtrees
        on selected_by_basis.scope_id = subtrees.member_scope_id
    group by 1, 2, 3, 4
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

non_pool_expected_costs as (

    select * from expected_scope_costs
    where not is_shared_pool

),

density_scopes as (

    select distinct scope_id from value_density

),

cost_to_revenue_differences as (

    select
        'kpi_cost_to_revenue' as kpi,
        coalesce(cost_to_revenue.scope_id, expected.scope_id) as scope_id,
        coalesce(cost_to_revenue.period_grain, expected.period_grain) as period_grain,
        coalesce(cost_to_revenue.period_start, expected.period_start) as period_start,
        coalesce(cost_to_revenue.cost_basis, expected.cost_basis) as cost_basis,
        cost_to_revenue.technology_cost as kpi_cost,
        expected.total_cost as expected_cost
    from cost_to_revenue
    full outer join non_pool_expected_costs as expected
        on cost_to_revenue.scope_id = expected.scope_id
            and cost_to_revenue.period_grain = expected.period_grain
            and cost_to_revenue.period_start = expected.period_start
            and cost_to_revenue.cost_basis = expected.cost_basis
    where
        cost_to_revenue.scope_id is null
        or (
            cost_to_revenue.technology_cost is not null
            and (
                abs(cost_to_revenue.technology_cost - coalesce(expected.total_cost, 0)) > 0.01
                or abs(cost_to_revenue.cloud_cost - coalesce(expected.cloud_cost, 0)) > 0.01
                or abs(cost_to_revenue.tco_cost - coalesce(expected.tco_cost, 0)) > 0.01
            )
        )

),

value_density_differences as (

    select
        'kpi_data_value_density' as kpi,
        value_density.scope_id,
        value_density.period_grain,
        value_density.period_start,
        value_density.cost_basis,
        value_density.data_platform_tco as kpi_cost,
        coalesce(expected_selected_costs.selected_cost, 0) + coalesce(expected_scope_costs.tco_cost, 0)
            as expected_cost
    from value_density
    left join expected_selected_costs
        on value_density.scope_id = expected_selected_costs.scope_id
            and value_density.period_grain = expected_selected_costs.period_grain
            and value_density.period_start = expected_selected_costs.period_start
            and value_density.cost_basis = expected_selected_costs.cost_basis
    left join expected_scope_costs
        on value_density.scope_id = expected_scope_costs.scope_id
            and value_density.period_grain = expected_scope_costs.period_grain
            and value_density.period_start = expected_scope_costs.period_start
            and value_density.cost_basis = expected_scope_costs.cost_basis
    where
        abs(value_density.non_cloud_tco - coalesce(expected_scope_costs.tco_cost, 0)) > 0.01
        or abs(value_density.cloud_data_cost - coalesce(expected_selected_costs.selected_cost, 0)) > 0.01

),

value_density_missing as (

    -- selected data platform cost of a data product scope (one that has
    -- rows at all) in a period without a row
    select
        'kpi_data_value_density' as kpi,
        expected_selected_costs.scope_id,
        expected_selected_costs.period_grain,
        expected_selected_costs.period_start,
        expected_selected_costs.cost_basis,
        cast(null as {{ unitcost_money_type() }}) as kpi_cost,
        expected_selected_costs.selected_cost as expected_cost
    from expected_selected_costs
    inner join density_scopes
        on expected_selected_costs.scope_id = density_scopes.scope_id
    left join value_density
        on expected_selected_costs.scope_id = value_density.scope_id
            and expected_selected_costs.period_grain = value_density.period_grain
            and expected_selected_costs.period_start = value_density.period_start
            and expected_selected_costs.cost_basis = value_density.cost_basis
    where value_density.scope_id is null

)

select * from cost_to_revenue_differences
union all
select * from value_density_differences
union all
select * from value_density_missing
