{#- One row per FOCUS row read, with the rate that converts its billing
    currency into the reporting currency on its charge date (1 when they are
    the same; the inverse of a reporting->billing rate when only that one is
    in the seed). -#}

{%- set reporting = var('reporting_currency') | upper %}

with

charges as (

    select * from {{ ref('stg_focus__charges') }}

),

fx_rates as (

    select * from {{ ref('fx_rates') }}

),

reporting_rates as (

    {{ unitcost_reporting_fx_rates('fx_rates') }}

),

with_reporting_currency as (

    select
        *,
        '{{ reporting }}' as reporting_currency
    from charges

),

converted as (

    {{ unitcost_select_with_fx_rate(
        'with_reporting_currency',
        'upper(with_reporting_currency.billing_currency)',
        'with_reporting_currency.charge_date'
    ) }}

)

select * from converted
