{#- The fct_charges columns a scope rule may test (besides tag:<key> and
    original_tag:<key>); original_resource_id and original_resource_name are
    ResourceId and ResourceName of an allocated charge (see
    unitcost_scope_rule_value). -#}
{% macro unitcost_scope_rule_columns() %}
    {{ return([
        'billing_account_id', 'billing_account_name', 'sub_account_id', 'sub_account_name',
        'provider_name', 'service_provider_name', 'invoice_issuer_name', 'publisher_name',
        'service_name', 'service_category', 'service_subcategory', 'region_id', 'region_name',
        'availability_zone', 'sku_id', 'sku_price_id', 'resource_id', 'resource_name',
        'resource_type', 'original_resource_id', 'original_resource_name', 'charge_category', 'charge_class', 'charge_frequency',
        'pricing_category', 'commitment_discount_id', 'commitment_discount_status',
        'commitment_discount_type', 'charge_description', 'billing_currency'
    ]) }}
{% endmacro %}
