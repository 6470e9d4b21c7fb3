{#- A query over the fx_rates seed giving every rate into the reporting
    currency (var reporting_currency): from_currency (upper case),
    valid_from (inclusive), valid_to (exclusive), rate and is_inverse.
    Direct rates (X -> reporting) have is_inverse false; a reporting -> X
    rate is also given inverted (1 / rate) with is_inverse true, to be used
    only when no direct rate covers the date. The reporting currency itself
    has no row: its rate is 1. Look rates up with unitcost_select_with_fx_rate.
-#}
{% macro unitcost_reporting_fx_rates(fx_rates_relation) -%}
    {%- set reporting = var('reporting_currency') | upper -%}
    select
        upper(from_currency) as from_currency,
        valid_from,
        valid_to,
        cast(rate as {{ unitcost_rate_type() }}) as rate,
        false as is_inverse
    from {{ fx_rates_relation }}
    where upper(to_currency) = '{{ reporting }}'
        and upper(from_currency) <> '{{ reporting }}'
    union all
    select
        upper(to_currency) as from_currency,
        valid_from,
        valid_to,
        cast(1 / cast(rate as {{ unitcost_double_type() }}) as {{ unitcost_rate_type() }}) as rate,
        true as is_inverse
    from {{ fx_rates_relation }}
    where upper(from_currency) = '{{ reporting }}'
        and upper(to_currency) <> '{{ reporting }}'
{%- endmacro %}


{#- A query returning every row of `relation` (a CTE name) and, as column
    fx_rate, the rate into the reporting currency of the currency
    expression `currency` (upper case) on the date expression `on_date`,
    both over `relation`'s columns: 1 for the reporting currency itself; the
    direct rate (currency -> reporting) valid on that date; else the inverse
    of a reporting -> currency rate; null when there is none (or no currency).
    `rates` names a CTE holding unitcost_reporting_fx_rates. This is the one
    place the rate rule lives: charges, value data and TCO lines all use it. -#}
{% macro unitcost_select_with_fx_rate(relation, currency, on_date, rates='reporting_rates') -%}
    {%- set reporting = var('reporting_currency') | upper -%}
    select
        {{ relation }}.*,
        case
            when {{ currency }} = '{{ reporting }}' then cast(1 as {{ unitcost_rate_type() }})
            else coalesce(direct_rates.rate, inverse_rates.rate)
        end as fx_rate
    from {{ relation }}
    left join {{ rates }} as direct_rates
        on {{ currency }} = direct_rates.from_currency
            and {{ on_date }} >= direct_rates.valid_from
            and {{ on_date }} < direct_rates.valid_to
            and not direct_rates.is_inverse
    left join {{ rates }} as inverse_rates
        on {{ currency }} = inverse_rates.from_currency
            and {{ on_date }} >= inverse_rates.valid_from
            and {{ on_date }} < inverse_rates.valid_to
            and inverse_rates.is_inverse
            and direct_rates.rate is null
{%- endmacro %}
