{{ config(materialized='table') }}

{#- The currency effect on each scope's direct bill cost per month and cost
    basis (grain: scope_id x period_start x cost_basis): what the month's
    cost in the reporting currency gained or lost because exchange rates
    moved since the previous month. fx_effect = sum over billing currencies
    of (cost in reporting currency - cost in billing currency x the
    currency's rate of the previous month), where a currency's rate of a
    month is the mean fx_rate of the month's charges weighted by their
    absolute billed cost. 0 for the reporting currency and when the
    previous month has no rate for the currency.

    The one analytics model that reads charges (fct_charges with
    int_charges_scoped, for the scope of each charge): the KPI spine does
    not carry the billing currency. Direct cost only: charges of shared
    pools reach recipients as allocations, whose currency effect
    kpi_unit_cost_drivers counts in the allocation effect. Non-cloud TCO
    lines are not included. -#}

{%- set dbl = unitcost_double_type() %}
{%- set bases = unitcost_cost_basis_names() %}

with

charges as {{ unitcost_not_materialized() }} (

    select * from {{ ref('fct_charges') }}

),

scoped as (

    select * from {{ ref('int_charges_scoped') }}
    where not is_shared_pool

),

ancestors as (

    select * from {{ ref('int_scope_ancestors') }}

),

by_scope as (

    select
        scoped.scope_id,
        {{ unitcost_month_start('charges.charge_date') }} as period_start,
        charges.billing_currency,
        {%- for basis in bases %}
        {%- set keep = 'true' if basis in ('effective', 'billed') else 'not charges.is_prepaid_purchase' %}
        sum(case when {{ keep }} then charges.{{ basis }}_cost else 0 end) as {{ basis }}_cost,
        sum(case when {{ keep }} then charges.billing_currency_{{ basis }}_cost else 0 end)
            as billing_currency_{{ basis }}_cost,
        {%- endfor %}
        count(*) as charge_rows
    from charges
    inner join scoped
        on charges.charge_key = scoped.charge_key
    group by 1, 2, 3

),

rates as (

    {#- sums of decimals (each row's product rounded first): the same in any
        order, so an incremental build equals a full refresh -#}

    select
        {{ unitcost_month_start('charge_date') }} as period_start,
        billing_currency,
        case
            when sum(abs(billing_currency_billed_cost)) > 0
                then cast(
                        sum(
                            cast(
                                cast(fx_rate as {{ dbl }}) * abs(cast(billing_currency_billed_cost as {{ dbl }}))
                                as {{ unitcost_money_type() }}
                            )
                        ) as {{ dbl }}
                    )
                    / cast(sum(abs(billing_currency_billed_cost)) as {{ dbl }})
            else cast(sum(fx_rate) as {{ dbl }}) / count(*)
        end as month_rate
    from charges
    group by 1, 2

),

effects as (

    select
        ancestors.ancestor_scope_id as scope_id,
        by_scope.period_start,
        {%- for basis in bases %}
        sum(
            cast(
                case
                    when previous_rates.month_rate is null then 0
                    else cast(by_scope.{{ basis }}_cost as {{ dbl }})
                        - cast(by_scope.billing_currency_{{ basis }}_cost as {{ dbl }}) * previous_rates.month_rate
                end as {{ unitcost_money_type() }}
            )
        ) as {{ basis }}_fx_effect,
        {%- endfor %}
        sum(by_scope.charge_rows) as charge_rows
    from by_scope
    inner join ancestors
        on by_scope.scope_id = ancestors.scope_id
    left join rates as previous_rates
        on by_scope.billing_currency = previous_rates.billing_currency
            and previous_rates.period_start = cast({{ dbt.dateadd('month', -1, 'by_scope.period_start') }} as date)
    group by 1, 2

),

final as (

    {%- for basis in bases %}
    select
        scope_id,
        period_start,
        '{{ basis }}' as cost_basis,
        cast({{ basis }}_fx_effect as {{ unitcost_money_type() }}) as fx_effect
    from effects
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

)

select * from final
