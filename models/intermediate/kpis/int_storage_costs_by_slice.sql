{{ config(materialized='table') }}

{#- One row per scope (its descendants included), KPI period, cost basis and
    storage slice (grain: scope_id x period_grain x period_start x cost_basis
    x provider_name x service_name x service_category x region_id x
    sub_account_id x sku_id x storage_tier): the cost of the 'storage'
    selection borne by the scope and the GB-Months attributed to it with the
    cost, from the storage rows of int_kpi_spine (a shared charge brings
    each recipient its allocation share of the GB-Months, the share of the
    cost it gets). storage_cost (split into direct,
    shared and unallocated) is the cost of charges billed in GB-Month and of
    charges without any ConsumedUnit (credits, adjustments, purchases);
    cost_without_volume is the cost of charges billed in another unit
    (requests, operations, GB transferred, IOPS-Months), kept apart so that
    it does not inflate the cost per GB-Month. unrecognised_unit names a
    unit of those charges that seeds/units.csv does not know (a `GB-Mo`
    would be GB-Months had the seed known it). -#}

{%- set bases = unitcost_cost_basis_names() %}
{%- set cost_types = ['direct', 'shared', 'unallocated'] %}
{%- set slice_columns = [
    'provider_name', 'service_name', 'service_category', 'region_id', 'sub_account_id', 'sku_id', 'storage_tier'
] %}

with

scope_charges as (

    select * from {{ ref('int_kpi_spine') }}
    where spine_part = 'selection'
        and selection_id = 'storage'

),

ancestors as (

    select * from {{ ref('int_scope_ancestors') }}

),

units as (

    select * from {{ ref('units') }}

),

unit_keys as (

    select distinct {{ unitcost_unit_key('unit') }} as unit_key
    from units

),

rolled_up as (

    select
        ancestors.ancestor_scope_id as scope_id,
        scope_charges.cost_type,
        scope_charges.charge_date,
        {%- for column in slice_columns %}
        scope_charges.{{ column }},
        {%- endfor %}
        scope_charges.storage_volume_class as volume_class,
        scope_charges.storage_volume_class = 'other_unit' as is_without_volume,
        scope_charges.non_volume_unit,
        case
            when scope_charges.non_volume_unit is not null and unit_keys.unit_key is null
                then scope_charges.non_volume_unit
        end as unrecognised_unit,
        {%- for basis in bases %}
        scope_charges.{{ basis }}_cost,
        {%- endfor %}
        scope_charges.usage_quantity as gb_months,
        scope_charges.charge_rows
    from scope_charges
    inner join ancestors
        on scope_charges.scope_id = ancestors.scope_id
    left join unit_keys
        on {{ unitcost_unit_key('scope_charges.non_volume_unit') }} = unit_keys.unit_key

),

by_period as (

    {%- for grain in ['day', 'month'] %}
    select
        rolled_up.scope_id,
        '{{ grain }}' as period_grain,
        {{ 'rolled_up.charge_date' if grain == 'day' else unitcost_month_start('rolled_up.charge_date') }}
            as period_start,
        {%- for column in slice_columns %}
        rolled_up.{{ column }},
        {%- endfor %}
        {%- for basis in bases %}
        {%- for cost_type in cost_types %}
        sum(
            case
                when rolled_up.cost_type = '{{ cost_type }}' and not rolled_up.is_without_volume
                    then coalesce(rolled_up.{{ basis }}_cost, 0)
                else 0
            end
        ) as {{ basis }}_{{ cost_type }}_cost,
        {%- endfor %}
        sum(
            case when rolled_up.is_without_volume then coalesce(rolled_up.{{ basis }}_cost, 0) else 0 end
        ) as {{ basis }}_cost_without_volume,
        {%- endfor %}
        sum(case when rolled_up.volume_class = 'stored_volume' then rolled_up.gb_months end) as billed_gb_months,
        sum(case when rolled_up.volume_class = 'stored_volume' then rolled_up.charge_rows else 0 end)
            as gb_month_charge_count,
        sum(rolled_up.charge_rows) as charge_count,
        min(case when rolled_up.is_without_volume then rolled_up.non_volume_unit end) as non_volume_unit,
        min(rolled_up.unrecognised_unit) as unrecognised_unit
    from rolled_up
    group by
        rolled_up.scope_id,
        {{ 'rolled_up.charge_date' if grain == 'day' else unitcost_month_start('rolled_up.charge_date') }},
        {%- for column in slice_columns %}
        rolled_up.{{ column }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

by_basis as (

    {%- for basis in bases %}
    select
        scope_id,
        period_grain,
        period_start,
        '{{ basis }}' as cost_basis,
        {%- for column in slice_columns %}
        {{ column }},
        {%- endfor %}
        {{ basis }}_direct_cost + {{ basis }}_shared_cost + {{ basis }}_unallocated_cost as storage_cost,
        {%- for cost_type in cost_types %}
        {{ basis }}_{{ cost_type }}_cost as {{ cost_type }}_cost,
        {%- endfor %}
        {{ basis }}_cost_without_volume as cost_without_volume,
        billed_gb_months,
        gb_month_charge_count,
        charge_count,
        non_volume_unit,
        unrecognised_unit
    from by_period
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

)

select * from by_basis
