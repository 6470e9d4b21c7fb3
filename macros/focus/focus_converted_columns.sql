{#- FOCUS money columns in the billing currency that unitcost converts into
    the reporting currency (the billing-currency values stay alongside, named
    billing_currency_<column>). PricingCurrency* columns stay as written. -#}
{% macro focus_converted_columns() %}
    {{ return(['billed_cost', 'effective_cost', 'list_cost', 'contracted_cost', 'list_unit_price', 'contracted_unit_price']) }}
{% endmacro %}
