{#- The KPI spine (int_kpi_spine) loses and doubles nothing. Returns, per
    billing period and cost basis:
    - bill: the spine's bill rows whose total differs by more than 0.01 from
      fct_scope_costs (cost_source focus), the allocated bill;
    - selection: per selection of seeds/kpi_cost_selections.csv, the
      spine's selection rows whose total differs by more than 0.01 from
      what the selection picks from the charges, recomputed here from
      fct_charges and int_scope_charge_costs (a charge counted once per
      selection however many of its conditions match);
    - usage (effective basis only, the quantity has no basis): per canonical
      unit, the spine's usage quantity differs from the charges' consumed
      quantity (int_charge_quantities) by more than 1e-6 relative: shared
      allocations hand out exactly the whole quantity. -#}

{%- set bases = unitcost_cost_basis_names() %}

with

spine as (

    select * from {{ ref('int_kpi_spine') }}

),

scope_costs as (

    select * from {{ ref('fct_scope_costs') }}
    where cost_source = 'focus'

),

charges as {{ unitcost_not_materialized() }} (

    select * from {{ ref('fct_charges') }}

),

scope_charges as (

    select * from {{ ref('int_scope_charge_costs') }}

),

quantities as (

    select * from {{ ref('int_charge_quantities') }}

),

selections as (

    {{ unitcost_kpi_selections() }}

),

spine_by_basis as (

    {%- for basis in bases %}
    select
        spine_part,
        coalesce(selection_id, '') as selection_id,
        billing_period,
        '{{ basis }}' as cost_basis,
        sum({{ basis }}_cost) as cost
    from spine
    group by 1, 2, 3
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

expected_bill as (

    select
        'bill' as spine_part,
        '' as selection_id,
        billing_period,
        cost_basis,
        sum(cost) as cost
    from scope_costs
    group by 1, 2, 3, 4

),

selected_charges as (

    select distinct
        selections.selection_id,
        charges.charge_key
    from charges
    cross join selections
    where {{ unitcost_rule_matches(
        unitcost_scope_rule_value('charges', 'selections'),
        'selections.match_operator',
        'selections.match_value'
    ) }}

),

expected_selections as (

    {%- for basis in bases %}
    select
        'selection' as spine_part,
        selected_charges.selection_id,
        scope_charges.billing_period,
        '{{ basis }}' as cost_basis,
        sum(coalesce(scope_charges.{{ basis }}_cost, 0)) as cost
    from selected_charges
    inner join scope_charges
        on selected_charges.charge_key = scope_charges.charge_key
    group by 1, 2, 3
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

expected as (

    select * from expected_bill
    union all
    select * from expected_selections

),

cost_differences as (

    select
        coalesce(spine_by_basis.spine_part, expected.spine_part) as spine_part,
        coalesce(spine_by_basis.selection_id, expected.selection_id) as selection_id,
        coalesce(spine_by_basis.billing_period, expected.billing_period) as billing_period,
        coalesce(spine_by_basis.cost_basis, expected.cost_basis) as cost_basis,
        cast(null as varchar) as canonical_unit,
        cast(expected.cost as {{ unitcost_double_type() }}) as expected,
        cast(spine_by_basis.cost as {{ unitcost_double_type() }}) as actual
    from spine_by_basis
    full outer join expected
        on spine_by_basis.spine_part = expected.spine_part
            and spine_by_basis.selection_id = expected.selection_id
            and spine_by_basis.billing_period = expected.billing_period
            and spine_by_basis.cost_basis = expected.cost_basis
    where abs(coalesce(spine_by_basis.cost, 0) - coalesce(expected.cost, 0)) > 0.01

),

spine_usage as (

    select
        billing_period,
        canonical_unit,
        sum(cast(usage_quantity as {{ unitcost_double_type() }})) as quantity
    from spine
    where spine_part = 'bill'
        and canonical_unit is not null
    group by 1, 2

),

expected_usage as (

    select
        charges.billing_period,
        quantities.consumed_canonical_unit as canonical_unit,
        sum(cast(quantities.consumed_canonical_quantity as {{ unitcost_double_type() }})) as quantity
    from quantities
    inner join charges
        on quantities.charge_key = charges.charge_key
    where quantities.consumed_canonical_quantity is not null
    group by 1, 2

),

usage_differences as (

    select
        'bill' as spine_part,
        '' as selection_id,
        coalesce(spine_usage.billing_period, expected_usage.billing_period) as billing_period,
        'effective' as cost_basis,
        coalesce(spine_usage.canonical_unit, expected_usage.canonical_unit) as canonical_unit,
        expected_usage.quantity as expected,
        spine_usage.quantity as actual
    from spine_usage
    full outer join expected_usage
        on spine_usage.billing_period = expected_usage.billing_period
            and spine_usage.canonical_unit = expected_usage.canonical_unit
    where abs(coalesce(spine_usage.quantity, 0) - coalesce(expected_usage.quantity, 0))
        > 0.000001 * greatest(abs(coalesce(expected_usage.quantity, 0)), 1)

)

select * from cost_differences
union all
select * from usage_differences
