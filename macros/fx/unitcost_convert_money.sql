{#- `amount` (money) converted by `rate` into money: amount x rate, rounded
    to the money type's scale. A rate of 1 (the billing currency is the
    reporting currency) returns the amount as it is, without the
    multiplication: the product of two 38-digit decimals is computed in
    128-bit arithmetic and rescaled, about 0.6 s per column per million rows
    on DuckDB, and fct_charges converts every cost of every charge each time
    it is read. The result is the same either way. -#}
{% macro unitcost_convert_money(amount, rate) -%}
    case
        when {{ rate }} = 1 then cast({{ amount }} as {{ unitcost_money_type() }})
        else cast({{ amount }} * {{ rate }} as {{ unitcost_money_type() }})
    end
{%- endmacro %}
