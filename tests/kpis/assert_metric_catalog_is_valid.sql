{#- The metric catalog (seeds/metric_catalog.csv) is usable: returns one
    row per problem (metric_id, problem). Checks: a known metric_kind and
    cost_numerator; a business metric names its denominator_metric and a
    known denominator_aggregation; a resource-efficiency metric names a
    canonical unit of seeds/units.csv; a cost_selection_id exists in
    seeds/kpi_cost_selections.csv and fits the cost_numerator; usage_cost
    only for resource-efficiency metrics; unit_multiplier > 0; a known
    status; metric_id present and unique. -#}

with

catalog as (

    select * from {{ ref('metric_catalog') }}

),

units as (

    select * from {{ ref('units') }}

),

selections as (

    select * from {{ ref('kpi_cost_selections') }}

),

canonical_units as (

    select distinct lower(trim(canonical_unit)) as canonical_unit
    from units

),

selection_ids as (

    select distinct trim(selection_id) as selection_id
    from selections

),

metrics as (

    select
        coalesce(trim(metric_id), '') as metric_id,
        lower(trim(coalesce(metric_kind, ''))) as metric_kind,
        lower(nullif(trim(coalesce(cost_numerator, '')), '')) as cost_numerator,
        nullif(trim(coalesce(cost_selection_id, '')), '') as cost_selection_id,
        nullif(trim(coalesce(denominator_metric, '')), '') as denominator_metric,
        lower(nullif(trim(coalesce(denominator_aggregation, '')), '')) as denominator_aggregation,
        nullif(trim(coalesce(denominator_unit, '')), '') as denominator_unit,
        unit_multiplier,
        lower(trim(coalesce(status, ''))) as status
    from catalog

),

checked as (

    select
        metrics.metric_id,
        metrics.metric_kind,
        metrics.cost_numerator,
        metrics.cost_selection_id,
        metrics.denominator_metric,
        metrics.denominator_aggregation,
        metrics.denominator_unit,
        metrics.unit_multiplier,
        metrics.status,
        canonical_units.canonical_unit is not null as unit_is_canonical,
        selection_ids.selection_id is not null as selection_exists,
        count(*) over (partition by metrics.metric_id) as rows_with_id
    from metrics
    left join canonical_units
        on lower(metrics.denominator_unit) = canonical_units.canonical_unit
    left join selection_ids
        on metrics.cost_selection_id = selection_ids.selection_id

),

problems as (

    select
        metric_id,
        'metric_id is empty' as problem
    from checked
    where metric_id = ''
    union all
    select distinct
        metric_id,
        'metric_id is not unique (' || cast(rows_with_id as varchar) || ' rows)' as problem
    from checked
    where rows_with_id > 1 and metric_id <> ''
    union all
    select
        metric_id,
        'unknown metric_kind ''' || metric_kind || ''' (use business or resource_efficiency)' as problem
    from checked
    where metric_kind not in ('business', 'resource_efficiency')
    union all
    select
        metric_id,
        'unknown cost_numerator ''' || cost_numerator || ''' (use scope_cost, selected_cost or usage_cost)' as problem
    from checked
    where cost_numerator not in ('scope_cost', 'selected_cost', 'usage_cost')
    union all
    select
        metric_id,
        'business metric without denominator_metric' as problem
    from checked
    where metric_kind = 'business' and denominator_metric is null
    union all
    select
        metric_id,
        'unknown denominator_aggregation ''' || denominator_aggregation || ''' (use sum or average)' as problem
    from checked
    where denominator_aggregation not in ('sum', 'average')
    union all
    select
        metric_id,
        'resource_efficiency metric whose denominator_unit '''
        || coalesce(denominator_unit, '') || ''' is not a canonical_unit of seeds/units.csv' as problem
    from checked
    where metric_kind = 'resource_efficiency' and not unit_is_canonical
    union all
    select
        metric_id,
        'unknown cost_selection_id ''' || cost_selection_id || ''' (not in seeds/kpi_cost_selections.csv)' as problem
    from checked
    where cost_selection_id is not null and not selection_exists
    union all
    select
        metric_id,
        'cost_numerator selected_cost without a cost_selection_id' as problem
    from checked
    where cost_numerator = 'selected_cost' and cost_selection_id is null
    union all
    select
        metric_id,
        'cost_numerator ' || cost_numerator || ' with a cost_selection_id (leave it empty)' as problem
    from checked
    where cost_numerator in ('scope_cost', 'usage_cost') and cost_selection_id is not null
    union all
    select
        metric_id,
        'cost_numerator usage_cost on a business metric (usage cost needs a usage denominator)' as problem
    from checked
    where cost_numerator = 'usage_cost' and metric_kind = 'business'
    union all
    select
        metric_id,
        'unit_multiplier must be greater than 0' as problem
    from checked
    where unit_multiplier is null or unit_multiplier <= 0
    union all
    select
        metric_id,
        'unknown status ''' || status || ''' (use proposed, active, deprecated or retired)' as problem
    from checked
    where lower(trim(status)) not in ('proposed', 'active', 'deprecated', 'retired', 'draft', 'approved')

)

select * from problems
