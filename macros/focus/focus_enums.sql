{#- FOCUS enumerations (1.0-1.3), in their canonical spelling. Values are
    matched case-insensitively and ignoring spaces, hyphens and underscores
    (Oracle writes "Usage-based"), then written canonically.
    strict: an unknown value rejects the row (the column drives cost semantics);
    otherwise an unknown value is kept as written and reported by
    `unitcost validate`. -#}
{% macro focus_enums() %}
    {{ return({
        'ChargeCategory': {'strict': true, 'values': ['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment']},
        'ChargeClass': {'strict': true, 'values': ['Correction']},
        'CommitmentDiscountStatus': {'strict': true, 'values': ['Used', 'Unused']},
        'ChargeFrequency': {'strict': false, 'values': ['One-Time', 'Recurring', 'Usage-Based']},
        'PricingCategory': {'strict': false, 'values': ['Standard', 'Dynamic', 'Committed', 'Other']},
        'CommitmentDiscountCategory': {'strict': false, 'values': ['Spend', 'Usage']},
        'CapacityReservationStatus': {'strict': false, 'values': ['Used', 'Unused']},
        'ServiceCategory': {'strict': false, 'values': [
            'AI and Machine Learning', 'Analytics', 'Business Applications', 'Compute',
            'Databases', 'Developer Tools', 'Multicloud', 'Identity', 'Integration',
            'Internet of Things', 'Management and Governance', 'Media', 'Migration',
            'Mobile', 'Networking', 'Security', 'Storage', 'Web', 'Other']},
    }) }}
{% endmacro %}
