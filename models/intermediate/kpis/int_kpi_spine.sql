{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ unitcost_delete_dirty(unitcost_month_start('charge_date'), 'month') }}"
) }}

{#- The KPI spine: the one aggregate of charge-grain data every KPI reads
    (grain: spine_part x selection_id x scope_id x charge_date x
    billing_period x cost_type x the slice columns x canonical_unit x
    unrecognised_unit). It is the only KPI
    model that reads charges, and it reads them in one pass of
    int_scope_charge_costs, whose rows carry every attribute used here
    (unitcost_kpi_charge_attributes): no join back to the bill by charge
    key, and the KPI selections are matched per charge profile in
    int_charges_scoped. KPIs roll it up the scope hierarchy and into
    periods, so their run time follows scopes x days x slices, not charges.

    Two parts, each a partition of the cost it covers:
    - bill: every charge of the bill as it lands in the scopes bearing it
      (direct, shared, unallocated), by service category and subcategory
      ('Unknown' when null, as in fct_scope_costs) and the canonical unit
      of its consumed quantity (null when the charge has no convertible
      ConsumedQuantity), with that quantity, and the ConsumedUnit of the
      charges whose unit seeds/units.csv does not know (unrecognised_unit,
      so that a KPI can name what it could not count). Per billing
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

with

scope_charges as (

    select * from {{ ref('int_scope_charge_costs') }}
    where {{ unitcost_incremental_filter(unitcost_month_start('charge_date'), 'month') }}

),

parts as (

    -- the bill (no selection) and each selection: a scope row goes to the
    -- bill and to every selection picking its charge, in one pass
    select cast(null as varchar) as selection_id
    union all
    select distinct trim(selection_id) as selection_id
    from {{ ref('kpi_cost_selections') }}

),

charge_rows as (

    select
        *,
        case
            when consumed_canonical_unit = 'GB-Month' then 'stored_volume'
            when consumed_unit is null and consumed_quantity is null then 'no_quantity'
            else 'other_unit'
        end as storage_volume_class,
        case
            when consumed_canonical_unit = 'GB-Month' then null
            when consumed_unit is null and consumed_quantity is null then null
            else consumed_unit
        end as non_volume_unit,
        {%- for basis in bases %}
        coalesce({{ basis }}_cost, 0) as {{ basis }}_amount{% if not loop.last %},{% endif %}
        {%- endfor %}
    from scope_charges

),

spine_rows as (

    select
        case when parts.selection_id is null then 'bill' else 'selection' end as spine_part,
        parts.selection_id,
        charge_rows.scope_id,
        charge_rows.charge_date,
        charge_rows.billing_period,
        charge_rows.cost_type,
        {%- for column, sliced in selection_slices.items() %}
        case
            {%- if column == 'service_category' %}
            when parts.selection_id is null then coalesce(charge_rows.service_category, 'Unknown')
            {%- endif %}
            when parts.selection_id in {{ sliced }}
                then charge_rows.{{ column }}
        end as {{ column }},
        {%- endfor %}
        case
            when parts.selection_id is null then coalesce(charge_rows.service_subcategory, 'Unknown')
        end as service_subcategory,
        case
            when parts.selection_id is null and charge_rows.consumed_canonical_quantity is not null
                then charge_rows.consumed_canonical_unit
            when parts.selection_id = 'storage' and charge_rows.consumed_canonical_unit = 'GB-Month'
                then 'GB-Month'
        end as canonical_unit,
        case
            when parts.selection_id is null and charge_rows.consumed_canonical_unit is null
                then charge_rows.consumed_unit
        end as unrecognised_unit,
        {%- for basis in bases %}
        charge_rows.{{ basis }}_amount as {{ basis }}_cost,
        {%- endfor %}
        case
            -- bill: exact decimals, a shared share rounded per charge row, so
            -- that a sum does not depend on the order rows are added in
            when parts.selection_id is null and charge_rows.cost_type <> 'shared'
                then charge_rows.consumed_canonical_quantity
            when parts.selection_id is null
                then cast(
                        cast(charge_rows.consumed_canonical_quantity as {{ dbl }})
                        * cast(charge_rows.quantity_share as {{ dbl }})
                        as {{ unitcost_quantity_type() }}
                    )
            -- storage: the GB-Months of the charge, rounded per charge and
            -- scope as its share of the cost is
            when parts.selection_id = 'storage' and charge_rows.consumed_canonical_unit = 'GB-Month'
                then cast(
                        cast(charge_rows.consumed_canonical_quantity as {{ dbl }})
                        * cast(charge_rows.quantity_share as {{ dbl }})
                        as {{ unitcost_quantity_type() }}
                    )
        end as quantity
    from charge_rows
    inner join parts
        on parts.selection_id is null
            or {{ unitcost_kpi_selection_picks('charge_rows.kpi_selection_ids', 'parts.selection_id') }}

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
        unrecognised_unit,
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
        canonical_unit,
        unrecognised_unit

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
        unrecognised_unit,
        {%- for basis in bases %}
        cast({{ basis }}_cost as {{ unitcost_money_type() }}) as {{ basis }}_cost,
        {%- endfor %}
        usage_quantity,
        charge_rows
    from aggregated

)

select * from final
