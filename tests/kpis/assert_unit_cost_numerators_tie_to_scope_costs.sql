{#- The numerators of fct_unit_costs tie out, recomputed independently of
    the int_kpi_* and int_unit_cost_* models:
    1. every metric whose numerator is the scope's cost (dim_metrics
       cost_numerator = scope_cost) has, for every scope (its descendants
       included, walked from dim_scopes here), day, month and basis of
       fct_scope_costs, a row whose numerator_cost equals that cost to 0.01,
       null only when the bill covers no day of the period;
    2. for every metric, scope and basis, a month's numerator equals the sum
       of its days' numerators, to 0.01.
    Returns one row per difference. -#}

with recursive

scopes as (

    select * from {{ ref('dim_scopes') }}

),

scope_costs as (

    select * from {{ ref('fct_scope_costs') }}

),

metrics as (

    select * from {{ ref('dim_metrics') }}

),

unit_costs as (

    select * from {{ ref('fct_unit_costs') }}

),

descendants as (

    select
        scope_id as ancestor_scope_id,
        scope_id
    from scopes
    union all
    select
        descendants.ancestor_scope_id,
        scopes.scope_id
    from descendants
    inner join scopes
        on descendants.scope_id = scopes.parent_scope_id

),

bill_days as (

    select distinct cost_date
    from scope_costs
    where cost_source = 'focus'

),

daily_scope_costs as (

    select
        descendants.ancestor_scope_id as scope_id,
        scope_costs.cost_date,
        scope_costs.cost_basis,
        sum(scope_costs.cost) as cost
    from scope_costs
    inner join descendants
        on scope_costs.scope_id = descendants.scope_id
    group by 1, 2, 3

),

expected as (

    select
        daily_scope_costs.scope_id,
        'day' as period_grain,
        daily_scope_costs.cost_date as period_start,
        daily_scope_costs.cost_basis,
        case when bill_days.cost_date is null then null else daily_scope_costs.cost end as expected_cost
    from daily_scope_costs
    left join bill_days
        on daily_scope_costs.cost_date = bill_days.cost_date
    union all
    select
        daily_scope_costs.scope_id,
        'month' as period_grain,
        {{ unitcost_month_start('daily_scope_costs.cost_date') }} as period_start,
        daily_scope_costs.cost_basis,
        case
            when count(bill_days.cost_date) = 0 then null else sum(daily_scope_costs.cost)
        end as expected_cost
    from daily_scope_costs
    left join bill_days
        on daily_scope_costs.cost_date = bill_days.cost_date
    group by 1, 2, 3, 4

),

scope_cost_metrics as (

    select metric_id
    from metrics
    where cost_numerator = 'scope_cost'

),

expected_by_metric as (

    select
        scope_cost_metrics.metric_id,
        expected.scope_id,
        expected.period_grain,
        expected.period_start,
        expected.cost_basis,
        expected.expected_cost
    from expected
    cross join scope_cost_metrics

),

scope_cost_differences as (

    select
        expected_by_metric.metric_id,
        expected_by_metric.scope_id,
        expected_by_metric.period_grain,
        expected_by_metric.period_start,
        expected_by_metric.cost_basis,
        expected_by_metric.expected_cost,
        unit_costs.numerator_cost,
        case
            when unit_costs.metric_id is null then 'no fct_unit_costs row for a scope cost'
            else 'numerator_cost differs from fct_scope_costs'
        end as problem
    from expected_by_metric
    left join unit_costs
        on expected_by_metric.metric_id = unit_costs.metric_id
            and expected_by_metric.scope_id = unit_costs.scope_id
            and expected_by_metric.period_grain = unit_costs.period_grain
            and expected_by_metric.period_start = unit_costs.period_start
            and expected_by_metric.cost_basis = unit_costs.cost_basis
    where
        unit_costs.metric_id is null
        or (unit_costs.numerator_cost is null) <> (expected_by_metric.expected_cost is null)
        or abs(unit_costs.numerator_cost - expected_by_metric.expected_cost) > 0.01

),

extra_numerators as (

    {#- rows of scope-cost metrics that fct_scope_costs knows nothing about
        must have no cost (value data alone made the row). -#}
    select
        unit_costs.metric_id,
        unit_costs.scope_id,
        unit_costs.period_grain,
        unit_costs.period_start,
        unit_costs.cost_basis,
        cast(null as {{ unitcost_money_type() }}) as expected_cost,
        unit_costs.numerator_cost,
        'numerator_cost without any cost in fct_scope_costs' as problem
    from unit_costs
    inner join scope_cost_metrics
        on unit_costs.metric_id = scope_cost_metrics.metric_id
    left join expected
        on unit_costs.scope_id = expected.scope_id
            and unit_costs.period_grain = expected.period_grain
            and unit_costs.period_start = expected.period_start
            and unit_costs.cost_basis = expected.cost_basis
    where expected.scope_id is null and unit_costs.numerator_cost <> 0

),

-- Months the bill covers on every day: a partly covered month keeps the cost of its
-- covered days and TCO lines, while its uncovered days have an unknown (null) cost.
month_costs as (

    select * from unit_costs
    where period_grain = 'month' and numerator_days_with_data = days_in_period

),

day_sums as (

    select
        metric_id,
        scope_id,
        {{ unitcost_month_start('period_start') }} as period_start,
        cost_basis,
        sum(coalesce(numerator_cost, 0)) as day_cost
    from unit_costs
    where period_grain = 'day'
    group by 1, 2, 3, 4

),

month_differences as (

    select
        coalesce(months.metric_id, day_sums.metric_id) as metric_id,
        coalesce(months.scope_id, day_sums.scope_id) as scope_id,
        'month' as period_grain,
        coalesce(months.period_start, day_sums.period_start) as period_start,
        coalesce(months.cost_basis, day_sums.cost_basis) as cost_basis,
        day_sums.day_cost as expected_cost,
        months.numerator_cost,
        'month numerator differs from the sum of its days' as problem
    from month_costs as months
    left join day_sums
        on months.metric_id = day_sums.metric_id
            and months.scope_id = day_sums.scope_id
            and months.period_start = day_sums.period_start
            and months.cost_basis = day_sums.cost_basis
    where abs(coalesce(months.numerator_cost, 0) - coalesce(day_sums.day_cost, 0)) > 0.01

)

select * from scope_cost_differences
union all
select * from extra_numerators
union all
select * from month_differences
