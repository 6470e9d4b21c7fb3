{{ config(materialized='table') }}

{#- One row per scope and KPI period with revenue data (grain: scope_id x
    period_grain x period_start): the value metric var('kpi_revenue_metric')
    in the reporting currency, the scope's descendants included, except that
    ATTRIBUTED revenue does not roll up past the scope it is attributed to.
    Revenue reported on a scope of var('kpi_attributed_revenue_scopes')
    (default: var('kpi_data_product_scopes')) or one of its descendants
    overlaps revenue other scopes already report (a data product is credited
    with a share of the products' sales): it counts for that scope and the
    scopes between, never for the scopes above it, so no ancestor counts the
    same sale twice. Daily values feed day and month periods; a value for a
    whole month feeds only its month (as int_kpi_value_metrics). -#}

{%- set revenue_metric = var('kpi_revenue_metric') | lower %}
{%- set attributed_scopes = var('kpi_attributed_revenue_scopes', var('kpi_data_product_scopes')) %}

with

metrics as (

    select * from {{ ref('fct_business_metrics') }}
    where metric = '{{ revenue_metric }}'

),

ancestors as (

    select * from {{ ref('int_scope_ancestors') }}

),

periods as (

    select * from {{ ref('int_kpi_periods') }}
    where period_grain = 'month'

),

attributed_roots as (

    {%- for scope_id in attributed_scopes %}
    select '{{ scope_id }}' as attributed_scope_id
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- else %}
    select cast(null as varchar) as attributed_scope_id
    where 1 = 0
    {%- endfor %}

),

attributed_sources as (

    -- scopes whose revenue is attributed: the listed scopes and their
    -- descendants, with the listed scope(s) above them
    select
        ancestors.scope_id,
        ancestors.ancestor_scope_id as attributed_scope_id
    from ancestors
    inner join attributed_roots
        on ancestors.ancestor_scope_id = attributed_roots.attributed_scope_id

),

blocked_rollups as (

    -- (source scope, ancestor) pairs attributed revenue must not reach:
    -- every scope strictly above a scope it is attributed to
    select distinct
        attributed_sources.scope_id,
        ancestors.ancestor_scope_id
    from attributed_sources
    inner join ancestors
        on attributed_sources.attributed_scope_id = ancestors.scope_id
    where ancestors.distance > 0

),

attributed_scope_ids as (

    select distinct scope_id
    from attributed_sources

),

rolled_up as (

    select
        ancestors.ancestor_scope_id as scope_id,
        metrics.canonical_unit,
        metrics.period_grain as source_grain,
        metrics.period_start,
        metrics.canonical_value,
        case
            when attributed_scope_ids.scope_id is not null then metrics.canonical_value else 0
        end as attributed_value
    from metrics
    inner join ancestors
        on metrics.scope_id = ancestors.scope_id
    left join blocked_rollups
        on metrics.scope_id = blocked_rollups.scope_id
            and ancestors.ancestor_scope_id = blocked_rollups.ancestor_scope_id
    left join attributed_scope_ids
        on metrics.scope_id = attributed_scope_ids.scope_id
    where blocked_rollups.scope_id is null

),

by_day as (

    select
        scope_id,
        'day' as period_grain,
        period_start,
        min(canonical_unit) as canonical_unit,
        sum(canonical_value) as revenue,
        sum(attributed_value) as attributed_revenue,
        1 as days_with_data
    from rolled_up
    where source_grain = 'day'
    group by scope_id, period_start

),

by_month as (

    select
        scope_id,
        'month' as period_grain,
        {{ unitcost_month_start('period_start') }} as period_start,
        min(canonical_unit) as canonical_unit,
        sum(canonical_value) as revenue,
        sum(attributed_value) as attributed_revenue,
        count(distinct case when source_grain = 'day' then period_start end) as days_with_data,
        max(case when source_grain = 'month' then 1 else 0 end) as has_monthly_value
    from rolled_up
    group by scope_id, {{ unitcost_month_start('period_start') }}

),

final as (

    select
        scope_id,
        period_grain,
        period_start,
        canonical_unit,
        cast(revenue as {{ unitcost_money_type() }}) as revenue,
        cast(attributed_revenue as {{ unitcost_money_type() }}) as attributed_revenue,
        days_with_data
    from by_day
    union all
    select
        by_month.scope_id,
        by_month.period_grain,
        by_month.period_start,
        by_month.canonical_unit,
        cast(by_month.revenue as {{ unitcost_money_type() }}) as revenue,
        cast(by_month.attributed_revenue as {{ unitcost_money_type() }}) as attributed_revenue,
        case
            when by_month.has_monthly_value = 1 then periods.days_in_period
            else by_month.days_with_data
        end as days_with_data
    from by_month
    inner join periods
        on by_month.period_start = periods.period_start

)

select * from final
