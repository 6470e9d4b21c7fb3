{#- The ten largest sources of unallocated cost per month (grain: cost_month
    x driver_rank), effective basis: which provider, service and sub account
    the cost comes from, so a practitioner knows which rule or tag to add. -#}

with

pool_charges as (

    select * from {{ ref('int_pool_charges') }}
    where allocation_rule_id is null

),

unallocated_charges as (

    select
        {{ unitcost_month_start('charge_date') }} as cost_month,
        provider_name,
        service_name,
        sub_account_id,
        scope_id as source_scope_id,
        effective_cost
    from pool_charges

),

drivers as (

    select
        cost_month,
        provider_name,
        service_name,
        sub_account_id,
        source_scope_id,
        sum(effective_cost) as unallocated_cost,
        count(*) as charge_count
    from unallocated_charges
    group by 1, 2, 3, 4, 5

),

ranked as (

    select
        *,
        sum(unallocated_cost) over (partition by cost_month) as month_unallocated_cost,
        row_number() over (
            partition by cost_month
            order by abs(unallocated_cost) desc, provider_name, service_name asc, sub_account_id asc
        ) as driver_rank
    from drivers

),

final as (

    select
        cost_month,
        cast(driver_rank as integer) as driver_rank,
        provider_name,
        service_name,
        sub_account_id,
        source_scope_id,
        cast(unallocated_cost as {{ unitcost_money_type() }}) as unallocated_cost,
        {{ unitcost_percent('unallocated_cost', 'month_unallocated_cost') }} as pct_of_month_unallocated,
        charge_count
    from ranked
    where driver_rank <= 10

)

select * from final
