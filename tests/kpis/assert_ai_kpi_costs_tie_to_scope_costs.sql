{#- The cost side of the AI KPIs ties back to fct_scope_costs, recomputed
    here independently of the int_kpi_* and int_ai_* models (descendants
    from the scopes seed, not int_scope_ancestors; bill coverage from the
    FOCUS rows of fct_scope_costs, not int_kpi_periods):
    - kpi_ai_roi.total_cost, per day and per month and basis, equals the cost of
      the scope and its descendants in fct_scope_costs (0 when none), and
      every day or month with such a cost since the initiative's first
      activity has a row;
    - kpi_ai_time_to_value.ai_cost, per month and basis, equals that cost
      on the days from the start date on that the bill covers.
    Returns the rows that differ by more than 0.000001; a row with an
    unknown cost (null: the bill does not cover the period) is not
    compared. -#}

with recursive

scopes as (

    select * from {{ ref('scopes') }}

),

scope_costs as (

    select * from {{ ref('fct_scope_costs') }}

),

roi as (

    select * from {{ ref('kpi_ai_roi') }}

),

time_to_value as (

    select * from {{ ref('kpi_ai_time_to_value') }}

),

hierarchy as (

    select
        trim(scope_id) as scope_id,
        nullif(trim(coalesce(parent_scope_id, '')), '') as parent_scope_id
    from scopes

),

ai_scopes as (

    select scope_id from roi
    union
    select scope_id from time_to_value

),

descendants as (

    select
        scope_id as ai_scope_id,
        scope_id,
        0 as depth
    from ai_scopes
    union all
    select
        descendants.ai_scope_id,
        hierarchy.scope_id,
        descendants.depth + 1 as depth
    from descendants
    inner join hierarchy
        on descendants.scope_id = hierarchy.parent_scope_id
    where descendants.depth < 50

),

bill_days as (

    select distinct cost_date
    from scope_costs
    where cost_source = 'focus'

),

expected_days as (

    select
        descendants.ai_scope_id as scope_id,
        scope_costs.cost_date,
        scope_costs.cost_basis,
        sum(scope_costs.cost) as cost
    from scope_costs
    inner join descendants
        on scope_costs.scope_id = descendants.scope_id
    group by
        descendants.ai_scope_id,
        scope_costs.cost_date,
        scope_costs.cost_basis

),

expected as (

    select
        scope_id,
        'day' as period_grain,
        cost_date as period_start,
        cost_basis,
        cost
    from expected_days
    union all
    select
        scope_id,
        'month' as period_grain,
        {{ unitcost_month_start('cost_date') }} as period_start,
        cost_basis,
        sum(cost) as cost
    from expected_days
    group by
        scope_id,
        {{ unitcost_month_start('cost_date') }},
        cost_basis

),

roi_starts as (

    select
        scope_id,
        min(cumulative_since) as cumulative_since
    from roi
    group by scope_id

),

roi_differences as (

    select
        'kpi_ai_roi.total_cost' as kpi_column,
        roi.scope_id,
        roi.period_grain,
        roi.period_start,
        roi.cost_basis,
        roi.total_cost as kpi_cost,
        coalesce(expected.cost, 0) as expected_cost
    from roi
    left join expected
        on roi.scope_id = expected.scope_id
            and roi.period_grain = expected.period_grain
            and roi.period_start = expected.period_start
            and roi.cost_basis = expected.cost_basis
    where roi.total_cost is not null
        and abs(roi.total_cost - coalesce(expected.cost, 0)) > 0.000001

),

roi_missing as (

    select
        'kpi_ai_roi row missing' as kpi_column,
        expected.scope_id,
        expected.period_grain,
        expected.period_start,
        expected.cost_basis,
        cast(null as {{ unitcost_money_type() }}) as kpi_cost,
        expected.cost as expected_cost
    from expected
    inner join roi_starts
        on expected.scope_id = roi_starts.scope_id
    left join roi
        on expected.scope_id = roi.scope_id
            and expected.period_grain = roi.period_grain
            and expected.period_start = roi.period_start
            and expected.cost_basis = roi.cost_basis
    where roi.scope_id is null
        and expected.cost <> 0
        and expected.period_start >= {{ unitcost_month_start('roi_starts.cumulative_since') }}
        and (expected.period_grain = 'month' or expected.period_start >= roi_starts.cumulative_since)

),

expected_since_start as (

    select
        time_to_value.scope_id,
        time_to_value.period_start,
        time_to_value.cost_basis,
        sum(expected_days.cost) as cost
    from time_to_value
    inner join expected_days
        on time_to_value.scope_id = expected_days.scope_id
            and time_to_value.cost_basis = expected_days.cost_basis
            and time_to_value.period_start = {{ unitcost_month_start('expected_days.cost_date') }}
            and time_to_value.start_date <= expected_days.cost_date
    inner join bill_days
        on expected_days.cost_date = bill_days.cost_date
    group by
        time_to_value.scope_id,
        time_to_value.period_start,
        time_to_value.cost_basis

),

time_to_value_differences as (

    select
        'kpi_ai_time_to_value.ai_cost' as kpi_column,
        time_to_value.scope_id,
        time_to_value.period_grain,
        time_to_value.period_start,
        time_to_value.cost_basis,
        time_to_value.ai_cost as kpi_cost,
        coalesce(expected_since_start.cost, 0) as expected_cost
    from time_to_value
    left join expected_since_start
        on time_to_value.scope_id = expected_since_start.scope_id
            and time_to_value.period_start = expected_since_start.period_start
            and time_to_value.cost_basis = expected_since_start.cost_basis
    where time_to_value.ai_cost is not null
        and abs(time_to_value.ai_cost - coalesce(expected_since_start.cost, 0)) > 0.000001

)

select * from roi_differences
union all
select * from roi_missing
union all
select * from time_to_value_differences
