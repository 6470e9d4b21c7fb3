{#- One row per charge of a shared pool (grain: charge_key): charges scoped
    to a shared scope or to 'unallocated', with the allocation rule that
    covers the charge date (null when none does: the cost then stays
    unallocated) and the calendar month whose weights split it. -#}

with

scoped as (

    select * from {{ ref('int_charges_scoped') }}
    where is_shared_pool

),

rules as (

    select distinct
        rule_id,
        pool_scope_id,
        method,
        driver_metric,
        fallback_method,
        valid_from,
        valid_to
    from {{ ref('int_allocation_rules') }}

),

matched as (

    select
        scoped.*,
        {{ unitcost_month_start('scoped.charge_date') }} as allocation_month,
        rules.rule_id as allocation_rule_id,
        rules.method as allocation_method,
        rules.driver_metric,
        rules.fallback_method
    from scoped
    left join rules
        on scoped.scope_id = rules.pool_scope_id
            and (rules.valid_from is null or scoped.charge_date >= rules.valid_from)
            and (rules.valid_to is null or scoped.charge_date < rules.valid_to)

)

select * from matched
