{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ unitcost_delete_dirty('billing_period', 'period') }}"
) }}

{#- The quantity units of the staged charges (grain: billing_period x
    unit_column x unit x provider_name x reporting_currency): for
    ConsumedUnit and PricingUnit, how many charges carry each unit, their
    quantity in it and their cost in the reporting currency (converted as
    fct_charges converts it).
    Read from the resolved rows that fct_charges stages, so that
    `unitcost validate` lists the same units without building the marts.
    Incremental by billing period (int_build_dirty_periods), so that
    fct_unrecognised_units reads these few rows, not the bill. -#}

-- depends_on: {{ ref('int_build_dirty_periods') }}

with

resolved as (

    select
        *,
        cast(billing_period_start as date) as billing_period
    from {{ ref('int_charges_resolved') }}
    where reject_rule is null

),

used as (

    select
        billing_period,
        'ConsumedUnit' as unit_column,
        consumed_unit as unit,
        provider_name,
        reporting_currency,
        consumed_quantity as quantity,
        {{ unitcost_convert_money('effective_cost', 'fx_rate') }} as effective_cost,
        {{ unitcost_convert_money('billed_cost', 'fx_rate') }} as billed_cost
    from resolved
    where consumed_unit is not null
        and {{ unitcost_incremental_filter('billing_period', 'period') }}
    union all
    select
        billing_period,
        'PricingUnit' as unit_column,
        pricing_unit as unit,
        provider_name,
        reporting_currency,
        pricing_quantity as quantity,
        {{ unitcost_convert_money('effective_cost', 'fx_rate') }} as effective_cost,
        {{ unitcost_convert_money('billed_cost', 'fx_rate') }} as billed_cost
    from resolved
    where pricing_unit is not null
        and {{ unitcost_incremental_filter('billing_period', 'period') }}

)

select
    billing_period,
    unit_column,
    unit,
    provider_name,
    reporting_currency,
    cast(count(*) as bigint) as charge_rows,
    cast(sum(quantity) as {{ unitcost_quantity_type() }}) as quantity,
    cast(sum(effective_cost) as {{ unitcost_money_type() }}) as effective_cost,
    cast(sum(billed_cost) as {{ unitcost_money_type() }}) as billed_cost
from used
group by
    billing_period,
    unit_column,
    unit,
    provider_name,
    reporting_currency
