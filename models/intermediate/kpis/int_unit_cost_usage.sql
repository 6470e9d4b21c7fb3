{{ config(materialized='table') }}

{#- One row per scope bearing metered usage, charge date, service category,
    service subcategory, canonical unit and cost type (grain: scope_id x
    charge_date x service_category x service_subcategory x canonical_unit x
    cost_type): the bill's consumed quantities in canonical units, attributed
    to the scopes that bear the charges' cost, with that cost on the four
    bases. A direct or unallocated charge gives its whole quantity to its
    scope; a shared charge gives each recipient its allocation_share of the
    quantity, the same share of the cost it receives, so a recipient's cost
    per unit of a shared charge is the charge's own. Charges without a
    convertible ConsumedQuantity (tax, fees, unused commitments, units not in
    seeds/units.csv) are left out. Not rolled up the hierarchy. -#}

{%- set bases = unitcost_cost_basis_names() %}

with

scope_charges as (

    select * from {{ ref('int_scope_charge_costs') }}

),

quantities as (

    select * from {{ ref('int_charge_quantities') }}
    where consumed_canonical_quantity is not null

),

charges as (

    select * from {{ ref('fct_charges') }}

),

allocations as (

    select * from {{ ref('fct_cost_allocations') }}

),

attributed as (

    select
        scope_charges.scope_id,
        scope_charges.charge_date,
        coalesce(charges.service_category, 'Unknown') as service_category,
        coalesce(charges.service_subcategory, 'Unknown') as service_subcategory,
        quantities.consumed_canonical_unit as canonical_unit,
        scope_charges.cost_type,
        -- each row's quantity as a decimal, so that sums are exact and the same in any
        -- order (an incremental build equals a full refresh)
        cast(case
            when scope_charges.cost_type = 'shared'
                then cast(quantities.consumed_canonical_quantity as double) * allocations.allocation_share
            else quantities.consumed_canonical_quantity
        end as {{ unitcost_quantity_type() }}) as quantity,
        {%- for basis in bases %}
        coalesce(scope_charges.{{ basis }}_cost, 0) as {{ basis }}_cost,
        {%- endfor %}
        scope_charges.charge_key
    from scope_charges
    inner join quantities
        on scope_charges.charge_key = quantities.charge_key
    inner join charges
        on scope_charges.charge_key = charges.charge_key
    left join allocations
        on scope_charges.cost_type = 'shared'
            and scope_charges.charge_key = allocations.charge_key
            and scope_charges.scope_id = allocations.recipient_scope_id

),

aggregated as (

    select
        scope_id,
        charge_date,
        service_category,
        service_subcategory,
        canonical_unit,
        cost_type,
        cast(sum(quantity) as {{ unitcost_quantity_type() }}) as quantity,
        {%- for basis in bases %}
        cast(sum({{ basis }}_cost) as {{ unitcost_money_type() }}) as {{ basis }}_cost,
        {%- endfor %}
        count(*) as charge_count
    from attributed
    group by 1, 2, 3, 4, 5, 6

)

select * from aggregated
