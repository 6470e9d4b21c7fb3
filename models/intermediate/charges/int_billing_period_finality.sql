{{ config(materialized='table') }}

{#- One row per billing period of one provider's billing account in the
    bill (grain: provider_name x billing_account_id x billing_period):
    whether its charges are final or may still change, by the settling rule
    (used when no Recency metadata covers the period, see int_kpi_periods):
    a period is final once it has ended, var('kpi_settling_days') days have
    passed since (the provider's settling lag: late usage, credits and
    restatements arrive in the first days of the next month), and the export
    in use was delivered after that, so that no newer delivery is expected
    to change it (a table source, var focus_relations, has no delivery time:
    its periods settle by date only). Before that its unit costs are
    provisional. "Now" is
    var('kpi_as_of') (a date) when given, else the time of the build.
    Billing periods are taken to be calendar months (every major provider's),
    so the end is the start plus one month. A table of a few rows per month,
    rebuilt on every build. -#}

{%- set settling_days = var('kpi_settling_days', 5) | int %}
{%- set as_of = var('kpi_as_of', none) %}

with

exports as (

    select * from {{ ref('int_charge_exports') }}
    where export_rank = 1

),

dated as (

    select
        provider_name,
        billing_account_id,
        cast(billing_period_start as date) as billing_period,
        cast({{ dbt.dateadd('month', 1, 'cast(billing_period_start as date)') }} as date) as billing_period_end,
        cast(export_modified_at as {{ dbt.type_timestamp() }}) as delivered_at,
        {%- if as_of %}
        cast('{{ as_of }}' as {{ dbt.type_timestamp() }}) as as_of
        {%- else %}
        cast({{ dbt.current_timestamp() }} as {{ dbt.type_timestamp() }}) as as_of
        {%- endif %}
    from exports

),

settled as (

    select
        *,
        cast({{ dbt.dateadd('day', settling_days, 'billing_period_end') }} as date) as settles_on
    from dated

),

final as (

    select
        provider_name,
        billing_account_id,
        billing_period,
        billing_period_end,
        delivered_at,
        settles_on,
        as_of,
        as_of >= settles_on and coalesce(delivered_at >= settles_on, true) as is_final,
        case
            when as_of < billing_period_end
                then 'billing period open until ' || cast(billing_period_end as varchar)
            when as_of < settles_on
                then 'billing period ended ' || cast(billing_period_end as varchar)
                    || ', settling until ' || cast(settles_on as varchar)
            when delivered_at < settles_on
                then 'last delivery ' || cast(cast(delivered_at as date) as varchar)
                    || ' came before the period settled (' || cast(settles_on as varchar)
                    || '): a newer delivery may still change it'
            when delivered_at is null
                then 'settled: ended ' || cast(billing_period_end as varchar)
                    || ' (a table source has no delivery time: settled by date only)'
            else 'settled: ended ' || cast(billing_period_end as varchar)
                || ', delivered ' || cast(cast(delivered_at as date) as varchar)
        end as finality_reason
    from settled

)

select * from final
