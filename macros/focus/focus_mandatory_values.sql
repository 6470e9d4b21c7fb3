{#- FOCUS columns whose value every row must have to be staged: the cost
    metrics and the keys of billing period, account, charge and currency.
    ProviderName may come from ServiceProviderName (FOCUS 1.3). Other
    non-nullable FOCUS columns (e.g. ContractedCost, null on the Oracle rows of
    the FOCUS sample) are kept null rather than losing the row's cost. -#}
{% macro focus_mandatory_values() %}
    {{ return([
        'BilledCost', 'EffectiveCost', 'BillingAccountId', 'BillingCurrency',
        'BillingPeriodStart', 'BillingPeriodEnd', 'ChargeCategory',
        'ChargePeriodStart', 'ChargePeriodEnd', 'ProviderName'
    ]) }}
{% endmacro %}
