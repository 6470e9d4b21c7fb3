{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ unitcost_delete_dirty('billing_period', 'period') }}"
) }}

{#- One row per staged charge (grain: charge_key) with the scope it belongs
    to: the rule with the lowest priority whose conditions all match and
    whose validity covers the charge date; 'unallocated' when none does.
    Costs on each basis in the reporting currency: list and contracted leave
    out prepaid purchases (their usage carries those costs). Incremental by
    billing period (int_build_dirty_periods). -#}

-- depends_on: {{ ref('int_build_dirty_periods') }}

with

charges as (

    select * from {{ ref('fct_charges') }}
    where {{ unitcost_incremental_filter('billing_period', 'period') }}

),

conditions as (

    select * from {{ ref('int_scope_rules') }}

),

scopes as (

    select * from {{ ref('dim_scopes') }}

),

evaluated as (

    select
        charges.charge_key,
        conditions.rule_id,
        conditions.priority,
        conditions.scope_id,
        conditions.rule_condition_count
    from charges
    cross join conditions
    where
        (conditions.valid_from is null or charges.charge_date >= conditions.valid_from)
        and (conditions.valid_to is null or charges.charge_date < conditions.valid_to)
        and {{ unitcost_rule_matches(
            unitcost_scope_rule_value('charges', 'conditions'),
            'conditions.match_operator',
            'conditions.match_value'
        ) }}

),

matched_rules as (

    select
        charge_key,
        rule_id,
        priority,
        scope_id
    from evaluated
    group by charge_key, rule_id, priority, scope_id, rule_condition_count
    having count(*) = rule_condition_count

),

winners as (

    select
        charge_key,
        rule_id,
        scope_id
    from (
        select
            *,
            row_number() over (partition by charge_key order by priority, rule_id) as rule_rank
        from matched_rules
    ) as ranked
    where rule_rank = 1

),

scoped as (

    select
        charges.charge_key,
        charges.charge_date,
        charges.billing_period,
        charges.provider_name,
        charges.service_category,
        charges.service_name,
        charges.sub_account_id,
        charges.is_prepaid_purchase,
        coalesce(winners.scope_id, 'unallocated') as scope_id,
        winners.rule_id as scope_rule_id,
        scopes.is_shared_pool,
        charges.effective_cost,
        charges.billed_cost,
        case when charges.is_prepaid_purchase then 0 else charges.list_cost end as list_cost,
        case when charges.is_prepaid_purchase then 0 else charges.contracted_cost end as contracted_cost
    from charges
    left join winners
        on charges.charge_key = winners.charge_key
    inner join scopes
        on coalesce(winners.scope_id, 'unallocated') = scopes.scope_id

)

select * from scoped
