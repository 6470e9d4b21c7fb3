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
    billing period (int_build_dirty_periods).
    Rules are evaluated once per charge profile, not per charge: the values
    of the columns the rules test, the Tags when a rule tests a tag, and the
    charge date (at 1M demo charges, about 13,000 profiles); charges join
    their profile's winning rule on a hash of it. Columns no rule tests are
    left out of the profile, so the result is the same as testing every
    charge.
    A FOCUS 1.3 allocated charge is matched on its allocated values
    (AllocatedResourceId/Name before ResourceId/Name, Tags with
    AllocatedTags; original_* conditions test the origin's own values):
    see unitcost_scope_rule_value. Each allocated charge is one row and
    lands in one scope; the origin charge is not a row of the dataset. -#}

-- depends_on: {{ ref('int_build_dirty_periods') }}

{%- set rule_columns = unitcost_scope_rule_columns() %}
{%- set profile_columns = [] %}
{%- for c in rule_columns %}{% do profile_columns.append('profile_' ~ c) %}{% endfor %}
{%- do profile_columns.append('profile_tags') %}
{%- do profile_columns.append('profile_original_tags') %}

with

conditions as (

    select * from {{ ref('int_scope_rules') }}

),

scopes as (

    select * from {{ ref('dim_scopes') }}

),

used as (

    -- which columns and tag keys the rules test
    select
        {%- for c in rule_columns %}
        coalesce(bool_or(match_column = '{{ c }}'), false) as uses_{{ c }},
        {%- endfor %}
        coalesce(bool_or(tag_key is not null and match_column like 'tag:%'), false) as uses_tags,
        coalesce(bool_or(match_column like 'original_tag:%'), false) as uses_original_tags
    from conditions

),

profiles as (

    -- two different profiles with one hash would duplicate charges in the join
    -- below: assert_scope_costs_conserve_charges would fail, it cannot pass silently
    select distinct
        profile_hash,
        charge_date,
        {%- for c in profile_columns %}
        {{ c }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from ({{ unitcost_profiled_charges(rule_columns, profile_columns) }}) as hashed

),

evaluated as (

    select
        profiles.profile_hash,
        conditions.rule_id,
        conditions.priority,
        conditions.scope_id,
        conditions.rule_condition_count
    from profiles
    cross join conditions
    where
        (conditions.valid_from is null or profiles.charge_date >= conditions.valid_from)
        and (conditions.valid_to is null or profiles.charge_date < conditions.valid_to)
        and {{ unitcost_rule_matches(
            unitcost_scope_rule_value('profiles', 'conditions', 'profile_'),
            'conditions.match_operator',
            'conditions.match_value'
        ) }}

),

matched_rules as (

    select
        profile_hash,
        rule_id,
        priority,
        scope_id
    from evaluated
    group by profile_hash, rule_id, priority, scope_id, rule_condition_count
    having count(*) = rule_condition_count

),

winners as (

    select
        profile_hash,
        rule_id,
        scope_id
    from (
        select
            *,
            row_number() over (partition by profile_hash order by priority, rule_id) as rule_rank
        from matched_rules
    ) as ranked
    where rule_rank = 1

),

scoped as (

    select
        profiled.charge_key,
        profiled.charge_date,
        profiled.billing_period,
        profiled.provider_name,
        profiled.service_category,
        profiled.service_name,
        profiled.sub_account_id,
        profiled.is_prepaid_purchase,
        coalesce(winners.scope_id, 'unallocated') as scope_id,
        winners.rule_id as scope_rule_id,
        scopes.is_shared_pool,
        profiled.effective_cost,
        profiled.billed_cost,
        cast(
            case when profiled.is_prepaid_purchase then 0 else profiled.list_cost end as {{ unitcost_money_type() }}
        ) as list_cost,
        cast(
            case when profiled.is_prepaid_purchase then 0 else profiled.contracted_cost end
            as {{ unitcost_money_type() }}
        ) as contracted_cost
    from ({{ unitcost_profiled_charges(rule_columns, profile_columns) }}) as profiled
    left join winners
        on profiled.profile_hash = winners.profile_hash
    inner join scopes
        on coalesce(winners.scope_id, 'unallocated') = scopes.scope_id

)

select * from scoped
