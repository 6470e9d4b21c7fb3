{{ config(materialized='table') }}

{#- Unit-cost anomalies per metric, scope, month and cost basis (grain:
    metric_id x scope_id x period_start x cost_basis): each month's unit cost
    against the band of its own trailing months (the metric's anomaly_window
    of dim_metrics, default 6, the month itself excluded): median +- k x
    sigma, where sigma = 1.4826 x the median absolute deviation (MAD), at
    least 1 % of the median, and k the metric's anomaly_k (default 3). On the
    unit cost, not on cost: a cost spike that volume grew with is no anomaly.
    Anomalous months name the provider / service categories whose cost moved
    most. See the docs block kpi_unit_cost_anomalies. -#}

{%- set dbl = unitcost_double_type() %}
{%- set min_periods = var('kpi_anomaly_min_periods', 4) %}
{%- set min_sigma_pct = var('kpi_anomaly_min_sigma_pct', 1) %}
{%- set top_contributors = var('kpi_anomaly_top_contributors', 3) %}

with

series as (

    select * from {{ ref('int_kpi_unit_cost_monthly') }}

),

service_costs as (

    select * from {{ ref('int_kpi_service_costs_by_month') }}

),

history as (

    select
        cur.metric_id,
        cur.scope_id,
        cur.cost_basis,
        cur.period_start,
        past.period_start as history_period_start,
        past.comparable_unit_cost as history_unit_cost,
        past.cost_per_day as history_cost_per_day,
        past.volume_rate as history_volume_rate,
        past.days_in_period as history_days
    from series as cur
    inner join series as past
        on cur.metric_id = past.metric_id
            and cur.scope_id = past.scope_id
            and cur.cost_basis = past.cost_basis
            and cur.period_start > past.period_start
            and past.period_start >= cast({{ dbt.dateadd('month', '-cur.anomaly_window', 'cur.period_start') }} as date)
            and past.comparable_unit_cost is not null

),

medians as (

    select
        metric_id,
        scope_id,
        cost_basis,
        period_start,
        count(*) as history_periods,
        {{ unitcost_median('history_unit_cost') }} as band_median,
        cast(sum(cast(history_cost_per_day as {{ unitcost_money_type() }})) as {{ dbl }}) / count(*)
            as history_cost_per_day,
        cast(sum(cast(history_volume_rate as {{ unitcost_money_type() }})) as {{ dbl }}) / count(*)
            as history_volume_rate
    from history
    group by 1, 2, 3, 4

),

mads as (

    select
        history.metric_id,
        history.scope_id,
        history.cost_basis,
        history.period_start,
        {{ unitcost_median('abs(history.history_unit_cost - medians.band_median)') }} as band_mad
    from history
    inner join medians
        on history.metric_id = medians.metric_id
            and history.scope_id = medians.scope_id
            and history.cost_basis = medians.cost_basis
            and history.period_start = medians.period_start
    group by 1, 2, 3, 4

),

bands as (

    select
        series.*,
        coalesce(medians.history_periods, 0) as history_periods,
        medians.band_median,
        mads.band_mad,
        medians.history_cost_per_day,
        medians.history_volume_rate,
        case
            when medians.history_periods >= {{ min_periods }}
                then
                    case
                        when 1.4826 * mads.band_mad > abs(medians.band_median) * {{ min_sigma_pct }} / 100.0
                            then 1.4826 * mads.band_mad
                        else abs(medians.band_median) * {{ min_sigma_pct }} / 100.0
                    end
        end as band_sigma
    from series
    left join medians
        on series.metric_id = medians.metric_id
            and series.scope_id = medians.scope_id
            and series.cost_basis = medians.cost_basis
            and series.period_start = medians.period_start
    left join mads
        on series.metric_id = mads.metric_id
            and series.scope_id = mads.scope_id
            and series.cost_basis = mads.cost_basis
            and series.period_start = mads.period_start

),

scored as (

    select
        *,
        band_median - anomaly_k * band_sigma as band_lower,
        band_median + anomaly_k * band_sigma as band_upper,
        case
            when band_sigma > 0 and comparable_unit_cost is not null
                then (comparable_unit_cost - band_median) / band_sigma
        end as deviation_sigmas
    from bands

),

flagged as (

    select
        *,
        coalesce(abs(deviation_sigmas) > anomaly_k, false) as is_anomaly
    from scored

),

service_history as (

    {#- Each provider / service category's cost per day in the anomalous
        month against its average over the band's months. -#}
    select
        flagged.metric_id,
        flagged.scope_id,
        flagged.cost_basis,
        flagged.period_start,
        service_costs.provider_name,
        service_costs.service_category,
        cast(sum(
            cast(
                case
                    when service_costs.period_start = flagged.period_start
                        then cast(service_costs.cost as {{ dbl }}) / flagged.days_in_period
                    else 0
                end as {{ unitcost_money_type() }}
            )
        ) as {{ dbl }}) as cost_per_day,
        cast(sum(
            cast(
                case
                    when service_costs.period_start < flagged.period_start
                        then cast(service_costs.cost as {{ dbl }}) / history.history_days
                    else 0
                end as {{ unitcost_money_type() }}
            )
        ) as {{ dbl }}) / max(flagged.history_periods) as history_cost_per_day
    from flagged
    inner join service_costs
        on flagged.scope_id = service_costs.scope_id
            and flagged.cost_basis = service_costs.cost_basis
    left join history
        on flagged.metric_id = history.metric_id
            and flagged.scope_id = history.scope_id
            and flagged.cost_basis = history.cost_basis
            and flagged.period_start = history.period_start
            and service_costs.period_start = history.history_period_start
    where flagged.is_anomaly
        and (service_costs.period_start = flagged.period_start or history.history_period_start is not null)
    group by 1, 2, 3, 4, 5, 6

),

ranked_services as (

    select
        *,
        row_number() over (
            partition by metric_id, scope_id, cost_basis, period_start
            order by
                abs(cost_per_day - history_cost_per_day) desc,
                provider_name asc,
                service_category asc
        ) as contributor_rank,
        provider_name || ' / ' || service_category || ' '
        || case when cost_per_day >= history_cost_per_day then '+' else '' end
        || cast(cast(cost_per_day - history_cost_per_day as decimal(38, 2)) as varchar)
        || ' a day' as contributor_text
    from service_history

),

contributors as (

    select
        metric_id,
        scope_id,
        cost_basis,
        period_start,
        {{ dbt.listagg(
            'contributor_text',
            "'; '",
            "order by contributor_rank"
        ) }} as top_contributors
    from ranked_services
    where contributor_rank <= {{ top_contributors }}
    group by 1, 2, 3, 4

),

final as (

    select
        flagged.metric_id,
        flagged.scope_id,
        flagged.period_start,
        flagged.period_end,
        flagged.days_in_period,
        flagged.cost_basis,
        flagged.reporting_currency,
        flagged.metric_status,
        flagged.unit_label,
        cast(flagged.unit_cost as {{ unitcost_money_type() }}) as unit_cost,
        flagged.comparable_unit_cost,
        cast(flagged.anomaly_window as integer) as window_periods,
        cast(flagged.history_periods as integer) as history_periods,
        flagged.anomaly_k as band_k,
        cast(
            case when flagged.band_sigma is not null then flagged.band_median end as {{ unitcost_money_type() }}
        ) as band_median,
        cast(
            case when flagged.band_sigma is not null then flagged.band_mad end as {{ unitcost_money_type() }}
        ) as band_mad,
        cast(flagged.band_sigma as {{ unitcost_money_type() }}) as band_sigma,
        cast(flagged.band_lower as {{ unitcost_money_type() }}) as band_lower,
        cast(flagged.band_upper as {{ unitcost_money_type() }}) as band_upper,
        cast(flagged.deviation_sigmas as decimal(38, 4)) as deviation_sigmas,
        flagged.is_anomaly,
        case
            when not flagged.is_anomaly then null
            when flagged.deviation_sigmas > 0 then 'above'
            else 'below'
        end as direction,
        case
            when not flagged.is_anomaly then null
            when abs(flagged.deviation_sigmas) > 2 * flagged.anomaly_k then 'high'
            when abs(flagged.deviation_sigmas) > 1.5 * flagged.anomaly_k then 'medium'
            else 'low'
        end as severity,
        case
            when flagged.band_sigma is not null and flagged.history_cost_per_day > 0
                then cast(
                        100 * (flagged.cost_per_day - flagged.history_cost_per_day)
                        / flagged.history_cost_per_day as decimal(38, 4)
                    )
        end as cost_vs_history_pct,
        case
            when flagged.band_sigma is not null and flagged.history_volume_rate > 0
                then cast(
                        100 * (flagged.volume_rate - flagged.history_volume_rate)
                        / flagged.history_volume_rate as decimal(38, 4)
                    )
        end as volume_vs_history_pct,
        contributors.top_contributors,
        flagged.is_final,
        flagged.finality_reason,
        case
            when flagged.comparable_unit_cost is null then coalesce(flagged.null_reason, 'no unit cost in the period')
            when flagged.history_periods < {{ min_periods }}
                then 'fewer than {{ min_periods }} earlier months with a unit cost in the window'
        end as null_reason
    from flagged
    left join contributors
        on flagged.metric_id = contributors.metric_id
            and flagged.scope_id = contributors.scope_id
            and flagged.cost_basis = contributors.cost_basis
            and flagged.period_start = contributors.period_start

)

select * from final
