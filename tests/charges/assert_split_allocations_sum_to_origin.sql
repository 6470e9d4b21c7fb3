{#- FOCUS 1.3 split cost allocation (Data Generator-Calculated Split Cost
    Allocation Handling): a provider replaces an origin charge by allocated
    charges (AllocatedMethodId not null) whose dimensions repeat the
    origin's and whose costs sum to it; the origin charge is not a row of
    its own. An origin is identified by the dimensions its allocated charges
    share. Per origin this test proves that
    - the AllocatedRatio of its parts sums to 1 (to 1e-6),
    - each part's EffectiveCost and BilledCost is its ratio of the parts'
      sum, to 0.01: the parts are the origin, split as the provider says,
    - no staged row without AllocatedMethodId has the origin's dimensions
      and its whole cost: such a row would be the origin again, and its cost
      would count twice.
    One row per broken origin, with what is wrong. -#}

{%- set origin_columns = [
    'billing_account_id', 'sub_account_id', 'billing_period', 'charge_period_start', 'charge_period_end',
    'charge_category', 'charge_class', 'resource_id', 'sku_id', 'sku_price_id', 'pricing_category',
    'commitment_discount_id', 'commitment_discount_status', 'billing_currency', 'provider_name'
] %}

with

charges as {{ unitcost_not_materialized() }} (

    select * from {{ ref('fct_charges') }}

),

parts as (

    select
        {{ unitcost_row_hash(origin_columns + ['allocated_method_id']) }} as origin_hash,
        {{ unitcost_row_hash(origin_columns) }} as dimensions_hash,
        charge_key,
        allocated_method_id,
        resource_id,
        charge_period_start,
        {{ unitcost_allocated_ratio('allocated_method_details') }} as allocated_ratio,
        effective_cost,
        billed_cost
    from charges
    where allocated_method_id is not null

),

origins as (

    select
        origin_hash,
        min(dimensions_hash) as dimensions_hash,
        min(allocated_method_id) as allocated_method_id,
        min(resource_id) as resource_id,
        min(charge_period_start) as charge_period_start,
        count(*) as part_count,
        sum(allocated_ratio) as ratio_sum,
        count(allocated_ratio) as parts_with_ratio,
        sum(effective_cost) as effective_cost,
        sum(billed_cost) as billed_cost
    from parts
    group by origin_hash

),

part_errors as (

    select
        parts.origin_hash,
        max(abs(parts.effective_cost - parts.allocated_ratio * origins.effective_cost)) as effective_error,
        max(abs(parts.billed_cost - parts.allocated_ratio * origins.billed_cost)) as billed_error
    from parts
    inner join origins
        on parts.origin_hash = origins.origin_hash
    group by parts.origin_hash

),

unallocated_rows as (

    select
        {{ unitcost_row_hash(origin_columns) }} as dimensions_hash,
        effective_cost,
        billed_cost
    from charges
    where allocated_method_id is null
        and resource_id in (select parts.resource_id from parts)

),

origin_rows as (

    select
        origins.origin_hash,
        count(*) as origin_row_count
    from origins
    inner join unallocated_rows
        on origins.dimensions_hash = unallocated_rows.dimensions_hash
            and abs(unallocated_rows.effective_cost - origins.effective_cost) < 0.01
            and abs(unallocated_rows.billed_cost - origins.billed_cost) < 0.01
    group by origins.origin_hash

),

problems as (

    select
        origins.allocated_method_id,
        origins.resource_id,
        origins.charge_period_start,
        origins.part_count,
        origins.ratio_sum,
        origins.parts_with_ratio,
        part_errors.effective_error,
        part_errors.billed_error,
        coalesce(origin_rows.origin_row_count, 0) as origin_row_count
    from origins
    inner join part_errors
        on origins.origin_hash = part_errors.origin_hash
    left join origin_rows
        on origins.origin_hash = origin_rows.origin_hash

)

select * from problems
where (parts_with_ratio > 0 and parts_with_ratio < part_count)
    or (
        parts_with_ratio = part_count
        and (abs(ratio_sum - 1) > 0.000001 or effective_error > 0.01 or billed_error > 0.01)
    )
    or origin_row_count > 0
