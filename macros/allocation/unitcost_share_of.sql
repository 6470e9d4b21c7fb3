{#- `amount` x `share`, rounded to the 12 decimals of money. -#}
{% macro unitcost_share_of(amount, share) -%}
    cast({{ unitcost_round_double('cast(' ~ amount ~ ' as ' ~ unitcost_double_type() ~ ') * cast(' ~ share ~ ' as ' ~ unitcost_double_type() ~ ')', 12) }} as {{ unitcost_money_type() }})
{%- endmacro %}
