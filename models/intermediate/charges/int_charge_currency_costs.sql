{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ unitcost_delete_dirty('billing_period', 'period') }}"
) }}

{#- The charges summed by billing currency (grain: billing_period x
    cost_month x scope_id x billing_currency): each basis's cost in the
    reporting and in the billing currency (list and contracted without
    prepaid purchases, as the scope costs count them), and what a month's
    exchange rate is weighted from: the rate times the absolute billed cost
    in the billing currency, rounded per charge to money, and that absolute
    cost. Every charge once, in the scope int_charges_scoped gives it
    (shared pools and 'unallocated' included, is_shared_pool says which).
    Sums of decimals, so that any grouping of these rows gives the totals
    of the charges. Incremental by billing period (int_build_dirty_periods):
    int_kpi_fx_effects_by_month reads these few rows instead of the bill.
    One scan of int_charges_scoped, which carries each charge's currency,
    rate and billing-currency costs (no join back to fct_charges). -#}

-- depends_on: {{ ref('int_build_dirty_periods') }}

{%- set dbl = unitcost_double_type() %}
{%- set bases = unitcost_cost_basis_names() %}

with

scoped as (

    select * from {{ ref('int_charges_scoped') }}
    where {{ unitcost_incremental_filter('billing_period', 'period') }}

),

aggregated as (

    -- list and contracted costs of prepaid purchases are 0 in int_charges_scoped
    select
        billing_period,
        {{ unitcost_month_start('charge_date') }} as cost_month,
        scope_id,
        is_shared_pool,
        billing_currency,
        {%- for basis in bases %}
        sum({{ basis }}_cost) as {{ basis }}_cost,
        sum(billing_currency_{{ basis }}_cost) as billing_currency_{{ basis }}_cost,
        {%- endfor %}
        sum(
            cast(
                cast(fx_rate as {{ dbl }}) * abs(cast(billing_currency_billed_cost as {{ dbl }}))
                as {{ unitcost_money_type() }}
            )
        ) as rate_weighted_billed_cost,
        sum(abs(billing_currency_billed_cost)) as absolute_billed_cost,
        sum(fx_rate) as fx_rate_sum,
        count(*) as charge_rows
    from scoped
    group by 1, 2, 3, 4, 5

)

select
    billing_period,
    cost_month,
    scope_id,
    is_shared_pool,
    billing_currency,
    {%- for basis in bases %}
    cast({{ basis }}_cost as {{ unitcost_money_type() }}) as {{ basis }}_cost,
    cast(billing_currency_{{ basis }}_cost as {{ unitcost_money_type() }}) as billing_currency_{{ basis }}_cost,
    {%- endfor %}
    cast(rate_weighted_billed_cost as {{ unitcost_money_type() }}) as rate_weighted_billed_cost,
    cast(absolute_billed_cost as {{ unitcost_money_type() }}) as absolute_billed_cost,
    fx_rate_sum,
    charge_rows
from aggregated
