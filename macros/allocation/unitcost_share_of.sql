{#- `amount` x `share`, rounded to the 12 decimals of money. -#}
{% macro unitcost_share_of(amount, share) -%}
    cast(round(cast({{ amount }} as double) * cast({{ share }} as double), 12) as {{ unitcost_money_type() }})
{%- endmacro %}
