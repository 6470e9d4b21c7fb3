{#- One row per FOCUS row read, with the rate that converts its billing
    currency into the reporting currency on its charge date (1 when they are
    the same; the inverse of a reporting->billing rate when only that one is
    in the seed). The rate rule (unitcost_select_with_fx_rate) runs once per
    distinct currency and day, and the rows join that small result on
    equality: a range join of every charge with the rates, or a CTE over the
    charges referenced twice (which DuckDB materializes, every column of
    every row), took minutes at 10M rows. -#}

{%- set reporting = var('reporting_currency') | upper %}

with

charges as (

    select * from {{ ref('stg_focus__charges') }}

),

rate_keys as (

    -- a scan of two columns of its own, not a second reference to charges
    select distinct
        upper(billing_currency) as currency,
        charge_date
    from {{ ref('stg_focus__charges') }}

),

fx_rates as (

    select * from {{ ref('fx_rates') }}

),

reporting_rates as (

    {{ unitcost_reporting_fx_rates('fx_rates') }}

),

key_rates as (

    {{ unitcost_select_with_fx_rate('rate_keys', 'rate_keys.currency', 'rate_keys.charge_date') }}

),

converted as (

    select
        charges.*,
        '{{ reporting }}' as reporting_currency,
        key_rates.fx_rate
    from charges
    left join key_rates
        on {{ unitcost_null_safe_equals('upper(charges.billing_currency)', 'key_rates.currency') }}
            and {{ unitcost_null_safe_equals('charges.charge_date', 'key_rates.charge_date') }}

)

select * from converted
