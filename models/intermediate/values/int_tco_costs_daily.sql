{#- One row per non-cloud TCO line (seed tco_lines) per day of its period:
    the line's amount spread evenly over its days (the rounding remainder
    on the last day, so the days add up to the amount exactly), converted
    to the reporting currency at the rate valid on that day. Ready to enter
    the scope costs as provider 'Non-cloud' with the line's category as
    service category. -#}

{%- set reporting = var('reporting_currency') | upper %}

with

tco_lines as (

    select * from {{ ref('tco_lines') }}

),

fx_rates as (

    select * from {{ ref('fx_rates') }}

),

reporting_rates as (

    {{ unitcost_reporting_fx_rates('fx_rates') }}

),

days as (

    {{ unitcost_date_series(
        '(select min(period_start) from tco_lines)',
        '(select max(period_end) from tco_lines)'
    ) }}

),

lines as (

    select
        tco_line_id,
        scope_id,
        category,
        description,
        cast(amount as {{ unitcost_money_type() }}) as amount,
        upper(currency) as currency,
        period_start,
        period_end
    from tco_lines

),

line_days as (

    select
        lines.*,
        days.date_day as cost_date,
        count(*) over (partition by lines.tco_line_id) as days_in_period,
        max(days.date_day) over (partition by lines.tco_line_id) as last_day
    from lines
    inner join days
        on lines.period_start <= days.date_day
            and lines.period_end > days.date_day

),

even_shares as (

    select
        *,
        cast(round(amount / days_in_period, 12) as {{ unitcost_money_type() }}) as even_share
    from line_days

),

shared as (

    select
        *,
        case
            when cost_date = last_day then amount - even_share * (days_in_period - 1)
            else even_share
        end as daily_amount
    from even_shares

),

converted as (

    {{ unitcost_select_with_fx_rate('shared', 'shared.currency', 'shared.cost_date') }}

),

final as (

    select
        tco_line_id,
        cost_date,
        scope_id,
        'Non-cloud' as provider_name,
        category as service_category,
        category,
        description,
        currency,
        cast(daily_amount as {{ unitcost_money_type() }}) as daily_amount,
        fx_rate,
        '{{ reporting }}' as reporting_currency,
        {{ unitcost_convert_money('daily_amount', 'fx_rate') }} as daily_cost,
        amount as line_amount,
        period_start,
        period_end,
        days_in_period
    from converted

)

select * from final
