{#- Each shared charge's allocations sum exactly to it, on every basis,
    every pool charge with an allocation rule is allocated, and nothing is
    allocated that is not such a charge. Returns the charges that differ.
    One aggregate of the allocations joined to the pool charges, so it also
    stands in for a row-by-row relationships test on charge_key. -#}

with

pool_charges as (

    select * from {{ ref('int_pool_charges') }}
    where allocation_rule_id is not null

),

allocated as (

    select
        charge_key,
        sum(allocated_effective_cost) as effective_cost,
        sum(allocated_billed_cost) as billed_cost,
        sum(allocated_list_cost) as list_cost,
        sum(allocated_contracted_cost) as contracted_cost
    from {{ ref('fct_cost_allocations') }}
    group by charge_key

)

select
    coalesce(pool_charges.charge_key, allocated.charge_key) as charge_key,
    pool_charges.effective_cost,
    allocated.effective_cost as allocated_effective_cost,
    pool_charges.billed_cost,
    allocated.billed_cost as allocated_billed_cost
from pool_charges
full outer join allocated
    on pool_charges.charge_key = allocated.charge_key
where allocated.charge_key is null
    or pool_charges.charge_key is null
    or allocated.effective_cost <> coalesce(pool_charges.effective_cost, 0)
    or allocated.billed_cost <> coalesce(pool_charges.billed_cost, 0)
    or allocated.list_cost <> coalesce(pool_charges.list_cost, 0)
    or allocated.contracted_cost <> coalesce(pool_charges.contracted_cost, 0)
