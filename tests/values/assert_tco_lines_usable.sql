{#- Every non-cloud TCO line can enter the scope costs: its period is not
    empty, every day of it has an FX rate into the reporting currency, and
    its days add up to its amount exactly (in its own currency). Returns one
    row per problem, naming the line. -#}

with

lines as (

    select * from {{ ref('tco_lines') }}

),

daily as (

    select * from {{ ref('int_tco_costs_daily') }}

),

empty_periods as (

    select
        tco_line_id,
        'period_end ' || cast(period_end as varchar) || ' is not after period_start '
        || cast(period_start as varchar) as problem
    from lines
    where period_end <= period_start

),

missing_rates as (

    select
        tco_line_id,
        'no FX rate from ' || min(currency) || ' to ' || min(reporting_currency) || ' on '
        || cast(count(*) as varchar) || ' day(s) from ' || cast(min(cost_date) as varchar)
        || ' in seed fx_rates' as problem
    from daily
    where fx_rate is null
    group by tco_line_id

),

spread_totals as (

    select
        tco_line_id,
        sum(daily_amount) as spread_amount
    from daily
    group by tco_line_id

),

unbalanced as (

    select
        lines.tco_line_id,
        'the days add up to ' || coalesce(cast(spread_totals.spread_amount as varchar), 'nothing')
        || ', not the amount ' || cast(lines.amount as varchar) as problem
    from lines
    left join spread_totals
        on lines.tco_line_id = spread_totals.tco_line_id
    where lines.period_end > lines.period_start
        and (spread_totals.spread_amount is null or spread_totals.spread_amount <> lines.amount)

)

select * from empty_periods
union all
select * from missing_rates
union all
select * from unbalanced
