{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ unitcost_delete_dirty(unitcost_month_start('charge_date'), 'month') }}"
) }}

{#- The KPI spine: the one aggregate of charge-grain data every KPI reads
    (grain: spine_part x selection_id x scope_id x charge_date x
    billing_period x cost_type x the slice columns). It is the only KPI
    model that reads charges (int_scope_charge_costs, fct_charges,
    int_charge_quantities, fct_cost_allocations); KPIs roll it up the scope
    hierarchy and into periods, so their run time follows scopes x days x
    slices, not charges.

    Two parts, each a partition of the cost it covers:
    - bill: every charge of the bill as it lands in the scopes bearing it
      (direct, shared, unallocated), by service category and subcategory
      ('Unknown' when null, as in fct_scope_costs) and the canonical unit
      of its consumed quantity (null when the charge has no convertible
      ConsumedQuantity), with that quantity. Per billing
      period and basis it sums to fct_scope_costs (cost_source focus).
    - selection: the charges each selection of seeds/kpi_cost_selections.csv
      picks (a charge once per selection however many conditions match),
      sliced only where a KPI slices that selection (`selection_slices`
      below); the other slice columns are null.

    A shared charge brings each recipient its allocation share of the
    charge's quantity, the share its cost gets. Costs are never null (a
    missing cost counts 0). Not rolled up: scope_id is the scope bearing
    the cost. Every row keeps the day and billing period of its charges, so
    the spine can be rebuilt one billing period at a time. Incremental by
    the month of the charge date (int_build_dirty_months), like the
    allocations and scope costs it is made of. -#}

-- depends_on: {{ ref('int_build_dirty_months') }}

{%- set dbl = unitcost_double_type() %}
{%- set bases = unitcost_cost_basis_names() %}
{#- Slice columns and the selections they are filled for (null for the
    other selections): the API KPI by service, and the storage KPI's slices
    with what it needs to tell stored volume from other units. -#}
{%- set selection_slices = {
    'provider_name': "('api', 'storage')",
    'service_name': "('api', 'storage')",
    'service_category': "('storage')",
    'region_id': "('storage')",
    'sub_account_id': "('storage')",
    'sku_id': "('storage')",
    'storage_tier': "('storage')",
    'storage_volume_class': "('storage')",
    'non_volume_unit': "('storage')",
} %}
{#- The storage tier rule: the tier is read from the first source that names
    one, in this order: an explicit tier attribute (SkuPriceDetails or x_
    columns, keys x_StorageTier, StorageTier, x_StorageClass, StorageClass),
    SkuMeter, ChargeDescription, SkuId; within a source the first matching
    tier below wins (Archive before Standard: "Standard-Infrequent Access" is
    Infrequent). Words are matched after lower-casing and turning
    punctuation into spaces. -#}
{%- set tiers = [
    ('Archive', ['%archive%', '%glacier%']),
    ('Cold', ['%coldline%', '% cold %']),
    ('Infrequent', ['%infrequent%', '%nearline%', '% cool %', '% standard ia %', '% one zone ia %', '% onezone ia %']),
    ('Auto-tiered', ['%intelligent tiering%', '%intelligenttiering%', '%autoclass%']),
    ('Premium', ['%premium%']),
    ('Standard', ['%standard%', '% hot %']),
] %}
{%- set tier_sources = ['tier_attribute', 'sku_meter', 'charge_description', 'sku_id'] %}
{%- set attribute_keys = [
    ('sku_price_details', 'x_StorageTier'),
    ('sku_price_details', 'StorageTier'),
    ('sku_price_details', 'x_StorageClass'),
    ('sku_price_details', 'StorageClass'),
    ('extension_columns', 'x_StorageTier'),
    ('extension_columns', 'x_StorageClass'),
] %}

with

scope_charges as (

    select * from {{ ref('int_scope_charge_costs') }}
    where {{ unitcost_incremental_filter(unitcost_month_start('charge_date'), 'month') }}

),

charges as {{ unitcost_not_materialized() }} (

    select * from {{ ref('fct_charges') }}
    where {{ unitcost_incremental_filter(unitcost_month_start('charge_date'), 'month') }}

),

quantities as (

    select * from {{ ref('int_charge_quantities') }}

),

allocations as (

    select * from {{ ref('fct_cost_allocations') }}
    where {{ unitcost_incremental_filter(unitcost_month_start('charge_date'), 'month') }}

),

selections as (

    select
        trim(selection_id) as selection_id,
        trim(match_column) as match_column,
        {{ unitcost_rule_tag_key('trim(match_column)') }} as tag_key,
        lower(trim(match_operator)) as match_operator,
        nullif(trim(coalesce(match_value, '')), '') as match_value
    from {{ ref('kpi_cost_selections') }}

),

selected_charges as (

    select distinct
        selections.selection_id,
        charges.charge_key
    from charges
    cross join selections
    where {{ unitcost_rule_matches(
        unitcost_scope_rule_value('charges', 'selections'),
        'selections.match_operator',
        'selections.match_value'
    ) }}

),

storage_described as (

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
    from selected_charges
    inner join charges
        on selected_charges.charge_key = charges.charge_key
    where selected_charges.selection_id = 'storage'

),

storage_words as (

    select
        {%- for column in tier_sources %}
        ' ' || translate(lower({{ column }}), '-_:/(),.;"[]{}', '              ') || ' ' as {{ column }}_words,
        {%- endfor %}
        charge_key
    from storage_described

),

storage_tiers as (

    select
        charge_key,
        coalesce(
            {%- for column in tier_sources %}
            case
                {%- for tier, patterns in tiers %}
                {%- for pattern in patterns %}
                when {{ column }}_words like '{{ pattern }}' then '{{ tier }}'
                {%- endfor %}
                {%- endfor %}
            end,
            {%- endfor %}
            'unknown'
        ) as storage_tier
    from storage_words

),

charge_rows as (

    -- each scope's part of each charge, with the charge attributes and its
    -- quantity share (1, or the allocation share of a shared charge)
    select
        scope_charges.charge_key,
        scope_charges.scope_id,
        scope_charges.cost_type,
        scope_charges.charge_date,
        scope_charges.billing_period,
        charges.provider_name,
        charges.service_name,
        charges.service_category,
        charges.service_subcategory,
        charges.region_id,
        charges.sub_account_id,
        charges.sku_id,
        quantities.consumed_quantity,
        quantities.consumed_unit,
        quantities.consumed_canonical_unit,
        quantities.consumed_canonical_quantity,
        case
            when quantities.consumed_canonical_unit = 'GB-Month' then 'stored_volume'
            when quantities.consumed_unit is null and quantities.consumed_quantity is null then 'no_quantity'
            else 'other_unit'
        end as storage_volume_class,
        case
            when quantities.consumed_canonical_unit = 'GB-Month' then null
            when quantities.consumed_unit is null and quantities.consumed_quantity is null then null
            else quantities.consumed_unit
        end as non_volume_unit,
        case
            when scope_charges.cost_type = 'shared' then allocations.allocation_share else 1
        end as quantity_share,
        {%- for basis in bases %}
        coalesce(scope_charges.{{ basis }}_cost, 0) as {{ basis }}_cost{% if not loop.last %},{% endif %}
        {%- endfor %}
    from scope_charges
    inner join charges
        on scope_charges.charge_key = charges.charge_key
    inner join quantities
        on scope_charges.charge_key = quantities.charge_key
    left join allocations
        on scope_charges.cost_type = 'shared'
            and scope_charges.charge_key = allocations.charge_key
            and scope_charges.scope_id = allocations.recipient_scope_id

),

charge_parts as (

    -- every charge once for the bill (no selection) and once per selection
    -- picking it, so that the charge rows are read in one pass
    select
        cast(null as varchar) as selection_id,
        charge_key
    from charges
    union all
    select
        selection_id,
        charge_key
    from selected_charges

),

spine_rows as (

    select
        case when charge_parts.selection_id is null then 'bill' else 'selection' end as spine_part,
        charge_parts.selection_id,
        charge_rows.scope_id,
        charge_rows.charge_date,
        charge_rows.billing_period,
        charge_rows.cost_type,
        {%- for column, sliced in selection_slices.items() %}
        case
            {%- if column == 'service_category' %}
            when charge_parts.selection_id is null then coalesce(charge_rows.service_category, 'Unknown')
            {%- endif %}
            when charge_parts.selection_id in {{ sliced }}
                then {{ 'storage_tiers' if column == 'storage_tier' else 'charge_rows' }}.{{ column }}
        end as {{ column }},
        {%- endfor %}
        case
            when charge_parts.selection_id is null then coalesce(charge_rows.service_subcategory, 'Unknown')
        end as service_subcategory,
        case
            when charge_parts.selection_id is null and charge_rows.consumed_canonical_quantity is not null
                then charge_rows.consumed_canonical_unit
            when charge_parts.selection_id = 'storage' and charge_rows.consumed_canonical_unit = 'GB-Month'
                then 'GB-Month'
        end as canonical_unit,
        {%- for basis in bases %}
        charge_rows.{{ basis }}_cost,
        {%- endfor %}
        case
            -- bill: exact decimals, a shared share rounded per charge row, so
            -- that a sum does not depend on the order rows are added in
            when charge_parts.selection_id is null and charge_rows.cost_type <> 'shared'
                then charge_rows.consumed_canonical_quantity
            when charge_parts.selection_id is null
                then cast(
                        cast(charge_rows.consumed_canonical_quantity as {{ dbl }})
                        * cast(charge_rows.quantity_share as {{ dbl }})
                        as {{ unitcost_quantity_type() }}
                    )
            -- storage: the GB-Months of the charge, rounded per charge and
            -- scope as its share of the cost is
            when charge_parts.selection_id = 'storage' and charge_rows.consumed_canonical_unit = 'GB-Month'
                then cast(
                        cast(charge_rows.consumed_canonical_quantity as {{ dbl }})
                        * cast(charge_rows.quantity_share as {{ dbl }})
                        as {{ unitcost_quantity_type() }}
                    )
        end as quantity
    from charge_parts
    inner join charge_rows
        on charge_parts.charge_key = charge_rows.charge_key
    left join storage_tiers
        on charge_parts.selection_id = 'storage'
            and charge_parts.charge_key = storage_tiers.charge_key

),

aggregated as (

    select
        spine_part,
        selection_id,
        scope_id,
        charge_date,
        billing_period,
        cost_type,
        {%- for column in selection_slices %}
        {{ column }},
        {%- endfor %}
        service_subcategory,
        canonical_unit,
        {%- for basis in bases %}
        sum({{ basis }}_cost) as {{ basis }}_cost,
        {%- endfor %}
        cast(sum(quantity) as {{ unitcost_quantity_type() }}) as usage_quantity,
        count(*) as charge_rows
    from spine_rows
    group by
        spine_part,
        selection_id,
        scope_id,
        charge_date,
        billing_period,
        cost_type,
        {%- for column in selection_slices %}
        {{ column }},
        {%- endfor %}
        service_subcategory,
        canonical_unit

),

final as (

    select
        spine_part,
        selection_id,
        scope_id,
        charge_date,
        billing_period,
        cost_type,
        {%- for column in selection_slices %}
        {{ column }},
        {%- endfor %}
        service_subcategory,
        canonical_unit,
        {%- for basis in bases %}
        cast({{ basis }}_cost as {{ unitcost_money_type() }}) as {{ basis }}_cost,
        {%- endfor %}
        usage_quantity,
        charge_rows
    from aggregated

)

select * from final
