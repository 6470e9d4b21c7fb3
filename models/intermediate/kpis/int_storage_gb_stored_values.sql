{{ config(materialized='table') }}

{#- One row per scope (its descendants included) and KPI period with value
    data for var('kpi_gb_stored_metric') (grain: scope_id x period_grain x
    period_start): the GB-Months the scope stored by the user's own
    measurements. A daily value in GB is a snapshot of the GB stored that day
    (a daily value in GB-Month is that day's share of a month, so it counts
    as value x days in its month GB that day). A month's GB-Months = the
    average of the daily snapshots over the days that have one (missing days
    are assumed like the others; denominator completeness tells how many
    there were), plus any value given for the whole month (in GB: the month's
    average; in GB-Month: as it is). A day's GB-Months = its GB / days in its
    month, the share of a GB-Month one day of storage is, as a daily bill
    line counts it. Averages are taken per scope of the value data, then
    summed up the hierarchy. Values in other units are not used. -#}

{%- set dbl = unitcost_double_type() %}
{%- set gb_metric = var('kpi_gb_stored_metric') | lower %}

with

metrics as (

    select * from {{ ref('fct_business_metrics') }}
    where metric = '{{ gb_metric }}'
        and canonical_unit in ('GB', 'GB-Month')

),

months as (

    select * from {{ ref('int_kpi_periods') }}
    where period_grain = 'month'

),

ancestors as (

    select * from {{ ref('int_scope_ancestors') }}

),

daily as (

    select
        metrics.scope_id,
        metrics.period_start as value_date,
        months.period_start as month_start,
        months.days_in_period as days_in_month,
        sum(
            case
                when metrics.canonical_unit = 'GB-Month' then metrics.canonical_value * months.days_in_period
                else metrics.canonical_value
            end
        ) as gb_stored
    from metrics
    inner join months
        on metrics.period_start >= months.period_start
            and metrics.period_start < months.period_end
    where metrics.period_grain = 'day'
    group by 1, 2, 3, 4

),

monthly as (

    select
        scope_id,
        period_start as month_start,
        sum(canonical_value) as gb_months
    from metrics
    where period_grain = 'month'
    group by 1, 2

),

scope_months as (

    select
        scope_id,
        month_start,
        avg(gb_stored) as gb_months
    from daily
    group by 1, 2
    union all
    select
        scope_id,
        month_start,
        gb_months
    from monthly

),

days_rolled_up as (

    select
        ancestors.ancestor_scope_id as scope_id,
        daily.value_date,
        daily.month_start,
        sum(daily.gb_stored) as gb_stored,
        min(daily.days_in_month) as days_in_month
    from daily
    inner join ancestors
        on daily.scope_id = ancestors.scope_id
    group by 1, 2, 3

),

months_rolled_up as (

    select
        ancestors.ancestor_scope_id as scope_id,
        scope_months.month_start,
        sum(scope_months.gb_months) as gb_months
    from scope_months
    inner join ancestors
        on scope_months.scope_id = ancestors.scope_id
    group by 1, 2

),

days_with_data as (

    select
        scope_id,
        month_start,
        count(*) as days_with_data
    from days_rolled_up
    group by 1, 2

),

whole_months as (

    select distinct
        ancestors.ancestor_scope_id as scope_id,
        monthly.month_start
    from monthly
    inner join ancestors
        on monthly.scope_id = ancestors.scope_id

),

final as (

    select
        scope_id,
        'day' as period_grain,
        value_date as period_start,
        cast(cast(gb_stored as {{ dbl }}) / days_in_month as {{ unitcost_quantity_type() }})
            as gb_months,
        1 as days_with_data
    from days_rolled_up
    union all
    select
        months_rolled_up.scope_id,
        'month' as period_grain,
        months_rolled_up.month_start as period_start,
        cast(months_rolled_up.gb_months as {{ unitcost_quantity_type() }}) as gb_months,
        case
            when whole_months.scope_id is not null then months.days_in_period
            else coalesce(days_with_data.days_with_data, 0)
        end as days_with_data
    from months_rolled_up
    inner join months
        on months_rolled_up.month_start = months.period_start
    left join days_with_data
        on months_rolled_up.scope_id = days_with_data.scope_id
            and months_rolled_up.month_start = days_with_data.month_start
    left join whole_months
        on months_rolled_up.scope_id = whole_months.scope_id
            and months_rolled_up.month_start = whole_months.month_start

)

select * from final
