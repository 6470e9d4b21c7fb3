{{ config(materialized='table') }}

{#- One row per resource-efficiency metric of the catalog, scope, KPI
    period and cost basis with usage (grain: metric_id x scope_id x
    period_grain x period_start x cost_basis): the usage the metric counts
    (consumed quantity in its denominator_unit, of its service category and
    subcategory when it names them; compared case-insensitively) borne by
    the scope and its descendants, and the cost of that usage split into
    direct, shared and unallocated. The quantity is the same on every basis.
    Read from the bill part of int_kpi_spine: usage is the rows with a
    canonical unit (charges with a convertible ConsumedQuantity).
    For a metric that names a service category, the charges of that
    category (and subcategory) billed in a unit seeds/units.csv does not
    know are kept apart: not counted, but named (unrecognised_unit, the
    first in alphabetical order) with their cost (unrecognised_cost), so
    that fct_unit_costs can say what its denominator misses; a scope-period
    with only such charges has a row with quantity and usage cost 0. -#}

{%- set bases = unitcost_cost_basis_names() %}

with

metrics as (

    select * from {{ ref('int_unit_cost_metrics') }}
    where metric_kind = 'resource_efficiency'

),

usage as (

    select
        scope_id,
        charge_date,
        service_category,
        service_subcategory,
        canonical_unit,
        unrecognised_unit,
        cost_type,
        {%- for basis in bases %}
        {{ basis }}_cost,
        {%- endfor %}
        usage_quantity as quantity
    from {{ ref('int_kpi_spine') }}
    where spine_part = 'bill'
        and (canonical_unit is not null or unrecognised_unit is not null)

),

ancestors as (

    select * from {{ ref('int_scope_ancestors') }}

),

matched as (

    select
        metrics.metric_id,
        ancestors.ancestor_scope_id as scope_id,
        usage.cost_type,
        usage.unrecognised_unit,
        usage.quantity,
        {%- for basis in bases %}
        usage.{{ basis }}_cost,
        {%- endfor %}
        usage.charge_date
    from usage
    inner join metrics
        on (
            lower(usage.canonical_unit) = lower(metrics.denominator_unit)
            or (usage.unrecognised_unit is not null and metrics.denominator_service_category is not null)
        )
        and (
            metrics.denominator_service_category is null
            or lower(usage.service_category) = lower(metrics.denominator_service_category)
        )
        and (
            metrics.denominator_service_subcategory is null
            or lower(usage.service_subcategory) = lower(metrics.denominator_service_subcategory)
        )
    inner join ancestors
        on usage.scope_id = ancestors.scope_id

),

by_basis as (

    {%- for basis in bases %}
    select
        metric_id,
        scope_id,
        charge_date,
        cost_type,
        unrecognised_unit,
        quantity,
        '{{ basis }}' as cost_basis,
        {{ basis }}_cost as cost
    from matched
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

by_period as (

    {%- for grain in ['day', 'month'] %}
    select
        metric_id,
        scope_id,
        '{{ grain }}' as period_grain,
        {{ 'charge_date' if grain == 'day' else unitcost_month_start('charge_date') }} as period_start,
        cost_basis,
        cast(coalesce(sum(quantity), 0) as {{ unitcost_quantity_type() }}) as quantity,
        {%- for part, condition in [
            ('usage', 'true'),
            ('direct', "cost_type = 'direct'"),
            ('shared', "cost_type = 'shared'"),
            ('unallocated', "cost_type = 'unallocated'"),
        ] %}
        cast(
            sum(case when unrecognised_unit is null and {{ condition }} then cost else 0 end)
            as {{ unitcost_money_type() }}
        ) as {{ part }}_cost,
        {%- endfor %}
        count(distinct case when unrecognised_unit is null then charge_date end) as days_with_usage,
        min(unrecognised_unit) as unrecognised_unit,
        cast(sum(case when unrecognised_unit is not null then cost end) as {{ unitcost_money_type() }})
            as unrecognised_cost
    from by_basis
    group by 1, 2, 3, 4, 5
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

)

select * from by_period
