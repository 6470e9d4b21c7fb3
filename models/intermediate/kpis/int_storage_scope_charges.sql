{#- One row per charge of the 'storage' selection and scope bearing its cost
    (grain: charge_key x scope_id x cost_type, as int_kpi_selected_costs):
    the cost on the four bases, the slice attributes, and the GB-Months the
    scope stored through this charge. A direct charge (its own scope) and an
    unallocated one (the 'unallocated' scope) bring all of the charge's
    GB-Months; a shared charge brings the share of them its allocation gives
    the scope (fct_cost_allocations.allocation_share, the share its cost
    gets too, so a recipient pays the shared bucket's own rate per GB-Month
    whatever the allocation method). gb_months is null when the charge is
    not billed in GB-Month. -#}

{%- set bases = unitcost_cost_basis_names() %}

with

selected as (

    select * from {{ ref('int_kpi_selected_costs') }}
    where selection_id = 'storage'

),

storage_charges as (

    select * from {{ ref('int_storage_charges') }}

),

allocations as (

    select * from {{ ref('fct_cost_allocations') }}

),

attributed as (

    select
        selected.charge_key,
        selected.scope_id,
        selected.cost_type,
        selected.charge_date,
        selected.provider_name,
        selected.service_name,
        selected.service_category,
        selected.region_id,
        selected.sub_account_id,
        selected.sku_id,
        storage_charges.storage_tier,
        storage_charges.volume_class,
        storage_charges.volume_class = 'other_unit' as is_without_volume,
        storage_charges.consumed_unit,
        case
            when selected.cost_type = 'shared' then allocations.allocation_share
            else 1
        end as quantity_share,
        cast(
            cast(storage_charges.gb_months as double)
            * cast(case when selected.cost_type = 'shared' then allocations.allocation_share else 1 end as double)
            as {{ unitcost_quantity_type() }}
        ) as gb_months,
        {%- for basis in bases %}
        selected.{{ basis }}_cost{% if not loop.last %},{% endif %}
        {%- endfor %}
    from selected
    inner join storage_charges
        on selected.charge_key = storage_charges.charge_key
    left join allocations
        on selected.cost_type = 'shared'
            and selected.charge_key = allocations.charge_key
            and selected.scope_id = allocations.recipient_scope_id

)

select * from attributed
