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

    Read from int_charge_currency_costs (the charges summed by billing
    period, month, scope and billing currency, incremental), since the KPI
    spine does not carry the billing currency. Direct cost only: charges of shared
    pools reach recipients as allocations, whose currency effect
    kpi_unit_cost_drivers counts in the allocation effect. Non-cloud TCO
    lines are not included. -#}

{%- set dbl = unitcost_double_type() %}
{%- set bases = unitcost_cost_basis_names() %}

with

currency_costs as (

    select * from {{ ref('int_charge_currency_costs') }}

),

ancestors as (

    select * from {{ ref('int_scope_ancestors') }}

),

by_scope as (

    select
        scope_id,
        cost_month as period_start,
        billing_currency,
        {%- for basis in bases %}
        sum({{ basis }}_cost) as {{ basis }}_cost,
        sum(billing_currency_{{ basis }}_cost) as billing_currency_{{ basis }}_cost,
        {%- endfor %}
        sum(charge_rows) as charge_rows
    from currency_costs
    where not is_shared_pool
    group by 1, 2, 3

),

rates as (

    {#- sums of decimals (each charge's product rounded first): the same in
        any order, so an incremental build equals a full refresh -#}

    select
        cost_month as period_start,
        billing_currency,
        case
            when sum(absolute_billed_cost) > 0
                then cast(sum(rate_weighted_billed_cost) as {{ dbl }}) / cast(sum(absolute_billed_cost) as {{ dbl }})
            else cast(sum(fx_rate_sum) as {{ dbl }}) / sum(charge_rows)
        end as month_rate
    from currency_costs
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
