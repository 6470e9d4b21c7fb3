{#- The storage tier rule: the tier is read from the first source that names
    one, in this order: an explicit tier attribute (SkuPriceDetails or x_
    columns, keys x_StorageTier, StorageTier, x_StorageClass, StorageClass),
    SkuMeter, ChargeDescription, SkuId; within a source the first matching
    tier below wins (Archive before Standard: "Standard-Infrequent Access" is
    Infrequent). Words are matched after lower-casing and turning
    punctuation into spaces; 'unknown' when no source names a tier.

    In two steps, so that each source is lower-cased once:
    unitcost_storage_tier_words(charges, condition) gives the columns
    <source>_words of the charges of relation `charges` for which `condition`
    holds (null for the others), unitcost_storage_tier(words) the tier from
    the relation `words` holding them (null when the condition did not
    hold). -#}

{% macro unitcost_storage_tier_rule() %}
    {{ return({
        'tiers': [
            ('Archive', ['%archive%', '%glacier%']),
            ('Cold', ['%coldline%', '% cold %']),
            ('Infrequent', ['%infrequent%', '%nearline%', '% cool %', '% standard ia %', '% one zone ia %',
                            '% onezone ia %']),
            ('Auto-tiered', ['%intelligent tiering%', '%intelligenttiering%', '%autoclass%']),
            ('Premium', ['%premium%']),
            ('Standard', ['%standard%', '% hot %']),
        ],
        'sources': ['tier_attribute', 'sku_meter', 'charge_description', 'sku_id'],
        'attribute_keys': [
            ('sku_price_details', 'x_StorageTier'),
            ('sku_price_details', 'StorageTier'),
            ('sku_price_details', 'x_StorageClass'),
            ('sku_price_details', 'StorageClass'),
            ('extension_columns', 'x_StorageTier'),
            ('extension_columns', 'x_StorageClass'),
        ],
    }) }}
{% endmacro %}

{% macro unitcost_storage_tier_words(charges, condition) -%}
    {%- set rule = unitcost_storage_tier_rule() %}
    {%- for source in rule.sources %}
        case
            when {{ condition }} then ' ' || translate(lower(
                {%- if source == 'tier_attribute' %}
                coalesce(
                    {%- for column, key in rule.attribute_keys %}
                    case
                        when {{ unitcost_is_json_object(charges ~ '.' ~ column) }}
                            then {{ unitcost_tag_value(charges ~ '.' ~ column, "'" ~ key ~ "'") }}
                    end,
                    {%- endfor %}
                    null
                )
                {%- else %}
                {{ charges }}.{{ source }}
                {%- endif %}
            ), '-_:/(),.;"[]{}', '              ') || ' '
        end as {{ source }}_words,
    {%- endfor %}
        {{ condition }} as has_storage_tier
{%- endmacro %}

{% macro unitcost_storage_tier(words) -%}
    {%- set rule = unitcost_storage_tier_rule() %}
    case
        when {{ words }}.has_storage_tier then coalesce(
            {%- for source in rule.sources %}
            case
                {%- for tier, patterns in rule.tiers %}
                {%- for pattern in patterns %}
                when {{ words }}.{{ source }}_words like '{{ pattern }}' then '{{ tier }}'
                {%- endfor %}
                {%- endfor %}
            end,
            {%- endfor %}
            'unknown'
        )
    end
{%- endmacro %}
