{#- A query over the fx_rates seed giving every rate into the reporting
    currency (var reporting_currency): from_currency (upper case),
    valid_from (inclusive), valid_to (exclusive), rate and is_inverse.
    Direct rates (X -> reporting) have is_inverse false; a reporting -> X
    rate is also given inverted (1 / rate) with is_inverse true, to be used
    only when no direct rate covers the date (the rule of
    int_charges_converted). The reporting currency itself has no row: its
    rate is 1. Usage:

        left join reporting_rates as direct_rates
            on ... and not direct_rates.is_inverse
        left join reporting_rates as inverse_rates
            on ... and inverse_rates.is_inverse and direct_rates.rate is null
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
        cast(1 / cast(rate as double) as {{ unitcost_rate_type() }}) as rate,
        true as is_inverse
    from {{ fx_rates_relation }}
    where upper(from_currency) = '{{ reporting }}'
        and upper(to_currency) <> '{{ reporting }}'
{%- endmacro %}
