{{ config(materialized='table') }}

{#- One row per charge of the 'storage' cost selection (grain: charge_key),
    with its storage tier and its stored volume. The tier is read from the
    first source that names one, in this order: an explicit tier attribute
    (SkuPriceDetails or x_ columns, keys x_StorageTier, StorageTier,
    x_StorageClass, StorageClass), SkuMeter, ChargeDescription, SkuId; within
    a source the first matching tier of `tiers` below wins (Archive before
    Standard: "Standard-Infrequent Access" is Infrequent). Words are matched
    after lower-casing and turning punctuation into spaces. The volume is
    ConsumedQuantity when its unit converts to GB-Month (int_charge_quantities);
    volume_class says how the charge's cost counts in kpi_cost_per_gb_stored. -#}

{%- set tiers = [
    ('Archive', ['%archive%', '%glacier%']),
    ('Cold', ['%coldline%', '% cold %']),
    ('Infrequent', ['%infrequent%', '%nearline%', '% cool %', '% standard ia %', '% one zone ia %', '% onezone ia %']),
    ('Auto-tiered', ['%intelligent tiering%', '%intelligenttiering%', '%autoclass%']),
    ('Premium', ['%premium%']),
    ('Standard', ['%standard%', '% hot %']),
] %}
{%- set tier_sources = [
    ('tier attribute', 'tier_attribute'),
    ('SkuMeter', 'sku_meter'),
    ('ChargeDescription', 'charge_description'),
    ('SkuId', 'sku_id'),
] %}
{%- set attribute_keys = [
    ('sku_price_details', 'x_StorageTier'),
    ('sku_price_details', 'StorageTier'),
    ('sku_price_details', 'x_StorageClass'),
    ('sku_price_details', 'StorageClass'),
    ('extension_columns', 'x_StorageTier'),
    ('extension_columns', 'x_StorageClass'),
] %}

with

selected as (

    select * from {{ ref('int_kpi_selected_costs') }}
    where selection_id = 'storage'

),

charges as (

    select * from {{ ref('fct_charges') }}

),

quantities as (

    select * from {{ ref('int_charge_quantities') }}

),

storage_charge_keys as (

    select distinct charge_key
    from selected

),

described as (

    select
        charges.charge_key,
        charges.sku_meter,
        charges.charge_description,
        charges.sku_id,
        coalesce(
            {%- for column, key in attribute_keys %}
            case
                when {{ unitcost_is_json_object('charges.' ~ column) }}
                    then {{ unitcost_tag_value('charges.' ~ column, "'" ~ key ~ "'") }}
            end,
            {%- endfor %}
            null
        ) as tier_attribute
    from storage_charge_keys
    inner join charges
        on storage_charge_keys.charge_key = charges.charge_key

),

normalized as (

    select
        charge_key,
        {%- for label, column in tier_sources %}
        ' ' || translate(lower({{ column }}), '-_:/(),.;"[]{}', '              ') || ' ' as {{ column }}_words,
        {%- endfor %}
        tier_attribute
    from described

),

tier_by_source as (

    select
        charge_key,
        {%- for label, column in tier_sources %}
        case
            {%- for tier, patterns in tiers %}
            {%- for pattern in patterns %}
            when {{ column }}_words like '{{ pattern }}' then '{{ tier }}'
            {%- endfor %}
            {%- endfor %}
        end as {{ column }}_tier,
        {%- endfor %}
        tier_attribute
    from normalized

),

tiered as (

    select
        charge_key,
        coalesce(
            {%- for label, column in tier_sources %}
            {{ column }}_tier,
            {%- endfor %}
            'unknown'
        ) as storage_tier,
        case
            {%- for label, column in tier_sources %}
            when {{ column }}_tier is not null then '{{ label }}'
            {%- endfor %}
        end as storage_tier_source
    from tier_by_source

),

final as (

    select
        tiered.charge_key,
        tiered.storage_tier,
        tiered.storage_tier_source,
        quantities.consumed_quantity,
        quantities.consumed_unit,
        quantities.consumed_canonical_unit,
        case
            when quantities.consumed_canonical_unit = 'GB-Month' then quantities.consumed_canonical_quantity
        end as gb_months,
        case
            when quantities.consumed_canonical_unit = 'GB-Month' then 'stored_volume'
            when quantities.consumed_unit is null and quantities.consumed_quantity is null then 'no_quantity'
            else 'other_unit'
        end as volume_class
    from tiered
    inner join quantities
        on tiered.charge_key = quantities.charge_key

)

select * from final
