{#- Two rates of one currency pair must not both apply on a date (a charge
    would be converted twice), and every range must be non-empty. Returns the
    offending rows. -#}

with

rates as (

    select
        upper(from_currency) as from_currency,
        upper(to_currency) as to_currency,
        valid_from,
        valid_to,
        row_number() over (
            order by from_currency, to_currency, valid_from, valid_to, rate
        ) as rate_id
    from {{ ref('fx_rates') }}

),

overlapping as (

    select
        a.from_currency,
        a.to_currency,
        a.valid_from,
        a.valid_to,
        'overlaps the range from ' || cast(b.valid_from as varchar)
        || ' to ' || cast(b.valid_to as varchar) as problem
    from rates as a
    inner join rates as b
        on a.from_currency = b.from_currency
            and a.to_currency = b.to_currency
            and a.rate_id < b.rate_id
            and a.valid_from < b.valid_to
            and a.valid_to > b.valid_from

),

empty_ranges as (

    select
        from_currency,
        to_currency,
        valid_from,
        valid_to,
        'valid_to is not after valid_from' as problem
    from rates
    where valid_to <= valid_from

)

select * from overlapping
union all
select * from empty_ranges
