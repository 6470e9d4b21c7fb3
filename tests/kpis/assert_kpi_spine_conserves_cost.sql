{#- The KPI spine (int_kpi_spine) loses and doubles nothing. Returns, per
    billing period and cost basis:
    - bill: the spine's bill rows whose total differs by more than 0.01 from
      fct_scope_costs (cost_source focus), the allocated bill;
    - selection: per selection of seeds/kpi_cost_selections.csv, the
      spine's selection rows whose total differs by more than 0.01 from
      what the selection picks from the charges, recomputed here from
      fct_charges (a charge counted once per selection however many of its
      conditions match);
    - usage (effective basis only, the quantity has no basis): per canonical
      unit, the spine's usage quantity differs from the charges' consumed
      quantity (fct_charges, summed per unit and mapped through seeds/units.csv)
      by more than 1e-6 relative: shared allocations hand out exactly the
      whole quantity.
    Every part is computed per billing period, never by joining charges to
    scope rows: at 100M charges the test reads the bill once per part. Only
    the billing periods the build rebuilt (unitcost_tested_partitions). -#}

{%- set bases = unitcost_cost_basis_names() %}

with

spine as (

    select * from {{ ref('int_kpi_spine') }}
    where {{ unitcost_tested_partitions('billing_period') }}

),

scope_costs as (

    select * from {{ ref('fct_scope_costs') }}
    where cost_source = 'focus'
        and {{ unitcost_tested_partitions('billing_period') }}

),

charges as {{ unitcost_not_materialized() }} (

    select * from {{ ref('fct_charges') }}
    where {{ unitcost_tested_partitions('billing_period') }}

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

    -- a charge once per selection however many of its conditions match: the
    -- distinct rows carry the charge's own costs, so no join back to the
    -- scope rows by charge key (at 100M charges that join's build side held
    -- the whole bill and filled the disk)
    select distinct
        selections.selection_id,
        charges.charge_key,
        charges.billing_period,
        charges.effective_cost,
        charges.billed_cost,
        case when charges.is_prepaid_purchase then 0 else coalesce(charges.list_cost, 0) end
            as list_cost,
        case when charges.is_prepaid_purchase then 0 else coalesce(charges.contracted_cost, 0) end
            as contracted_cost
    from charges
    cross join selections
    where {{ unitcost_rule_matches(
        unitcost_scope_rule_value('charges', 'selections'),
        'selections.match_operator',
        'selections.match_value'
    ) }}

),

expected_selections as (

    -- the scope rows of a charge (direct, shared out or unallocated) add up
    -- to the charge's cost (assert_allocations_sum_to_each_charge), so a
    -- selection's spine rows add up to its charges' costs
    {%- for basis in bases %}
    select
        'selection' as spine_part,
        selection_id,
        billing_period,
        '{{ basis }}' as cost_basis,
        sum(coalesce({{ basis }}_cost, 0)) as cost
    from selected_charges
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

consumed_by_unit as (

    -- per billing period and unit first: the units seed maps a handful of
    -- units, not every charge
    select
        billing_period,
        consumed_unit as unit,
        sum(cast(consumed_quantity as {{ unitcost_double_type() }})) as quantity
    from charges
    where consumed_unit is not null
        and consumed_quantity is not null
    group by 1, 2

),

units_used as (

    select distinct unit
    from consumed_by_unit

),

mapped_units as (

    {{ unitcost_mapped_units('units_used') }}

),

expected_usage as (

    select
        consumed_by_unit.billing_period,
        mapped_units.canonical_unit,
        sum(consumed_by_unit.quantity * cast(mapped_units.factor as {{ unitcost_double_type() }}))
            as quantity
    from consumed_by_unit
    inner join mapped_units
        on consumed_by_unit.unit = mapped_units.unit
    where mapped_units.canonical_unit is not null
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
