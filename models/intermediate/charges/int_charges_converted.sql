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

direct_rates as (

    select
        upper(from_currency) as from_currency,
        valid_from,
        valid_to,
        cast(rate as {{ unitcost_rate_type() }}) as rate
    from fx_rates
    where upper(to_currency) = '{{ reporting }}'

),

inverse_rates as (

    select
        upper(to_currency) as from_currency,
        valid_from,
        valid_to,
        cast(1 / cast(rate as double) as {{ unitcost_rate_type() }}) as rate
    from fx_rates
    where upper(from_currency) = '{{ reporting }}'

),

converted as (

    select
        charges.*,
        '{{ reporting }}' as reporting_currency,
        case
            when upper(charges.billing_currency) = '{{ reporting }}'
                then cast(1 as {{ unitcost_rate_type() }})
            else coalesce(direct_rates.rate, inverse_rates.rate)
        end as fx_rate
    from charges
    left join direct_rates
        on upper(charges.billing_currency) = direct_rates.from_currency
            and charges.charge_date >= direct_rates.valid_from
            and charges.charge_date < direct_rates.valid_to
    left join inverse_rates
        on upper(charges.billing_currency) = inverse_rates.from_currency
            and charges.charge_date >= inverse_rates.valid_from
            and charges.charge_date < inverse_rates.valid_to
            and direct_rates.rate is null

)

select * from converted
