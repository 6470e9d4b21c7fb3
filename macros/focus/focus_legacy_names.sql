{#- Pre-1.0 (FOCUS 0.5) column names still met in exports, mapped to the
    FOCUS 1.x column they became. Region became RegionId and RegionName. -#}
{% macro focus_legacy_names() %}
    {{ return({
        'AmortizedCost': ['EffectiveCost'],
        'ChargeType': ['ChargeCategory'],
        'UsageQuantity': ['ConsumedQuantity'],
        'UsageUnit': ['ConsumedUnit'],
        'Region': ['RegionId', 'RegionName'],
        'Provider': ['ProviderName'],
        'Publisher': ['PublisherName'],
        'InvoiceIssuer': ['InvoiceIssuerName'],
    }) }}
{% endmacro %}
