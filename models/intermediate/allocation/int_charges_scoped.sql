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
    lands in one scope; the origin charge is not a row of the dataset.
    Each charge carries its billing currency, FX rate and billing-currency
    costs too, so that int_charge_currency_costs sums these rows alone
    (joining them back to fct_charges by charge key was the third slowest
    model of a 100M-row build).
    Each charge also carries what the KPI spine groups and slices by
    (unitcost_kpi_charge_attributes): its ConsumedQuantity in canonical
    units, the KPI cost selections that pick it (evaluated per profile like
    the scope rules; the profile then also holds the columns the selections
    test) and, for storage charges, the storage tier. -#}

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

selections as (

    {{ unitcost_kpi_selections() }}

),

tested as (

    select
        match_column,
        tag_key
    from conditions
    union all
    select
        match_column,
        tag_key
    from selections

),

scopes as (

    select * from {{ ref('dim_scopes') }}

),

used as (

    -- which columns and tag keys the scope rules and KPI selections test
    select
        {%- for c in rule_columns %}
        coalesce(bool_or(match_column = '{{ c }}'), false) as uses_{{ c }},
        {%- endfor %}
        coalesce(bool_or(tag_key is not null and match_column like 'tag:%'), false) as uses_tags,
        coalesce(bool_or(match_column like 'original_tag:%'), false) as uses_original_tags
    from tested

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

profile_selections as (

    -- the KPI cost selections that pick each profile (a selection picks a
    -- charge when any of its conditions matches)
    select
        profile_hash,
        '|' || {{ dbt.listagg('selection_id', "'|'", 'order by selection_id') }} || '|' as kpi_selection_ids
    from (
        select distinct
            profiles.profile_hash,
            selections.selection_id
        from profiles
        cross join selections
        where {{ unitcost_rule_matches(
            unitcost_scope_rule_value('profiles', 'selections', 'profile_'),
            'selections.match_operator',
            'selections.match_value'
        ) }}
    ) as picked
    group by profile_hash

),

units_used as (

    select distinct consumed_unit as unit
    from {{ ref('fct_charges') }}
    where consumed_unit is not null
        and {{ unitcost_incremental_filter('billing_period', 'period') }}

),

consumed_units as (

    {{ unitcost_mapped_units('units_used') }}

),

scoped as (

    select
        profiled.charge_key,
        profiled.charge_date,
        profiled.billing_period,
        profiled.provider_name,
        profiled.service_name,
        profiled.service_category,
        profiled.service_subcategory,
        profiled.region_id,
        profiled.sub_account_id,
        profiled.sku_id,
        profiled.consumed_quantity,
        profiled.consumed_unit,
        consumed_units.canonical_unit as consumed_canonical_unit,
        {{ unitcost_convert_quantity('profiled.consumed_quantity', 'consumed_units.factor') }}
            as consumed_canonical_quantity,
        profile_selections.kpi_selection_ids,
        {{ unitcost_storage_tier_words(
            'profiled',
            unitcost_kpi_selection_picks('profile_selections.kpi_selection_ids', "'storage'")
        ) }},
        profiled.is_prepaid_purchase,
        coalesce(winners.scope_id, 'unallocated') as scope_id,
        winners.rule_id as scope_rule_id,
        scopes.is_shared_pool,
        {%- for prefix in ['', 'billing_currency_'] %}
        {%- for basis in unitcost_cost_basis_names() %}
        {%- set cost = prefix ~ basis ~ '_cost' %}
        {%- if basis in ('effective', 'billed') %}
        profiled.{{ cost }},
        {%- else %}
        cast(
            case when profiled.is_prepaid_purchase then 0 else profiled.{{ cost }} end
            as {{ unitcost_money_type() }}
        ) as {{ cost }},
        {%- endif %}
        {%- endfor %}
        {%- endfor %}
        profiled.billing_currency,
        profiled.fx_rate
    from ({{ unitcost_profiled_charges(rule_columns, profile_columns) }}) as profiled
    left join winners
        on profiled.profile_hash = winners.profile_hash
    left join profile_selections
        on profiled.profile_hash = profile_selections.profile_hash
    left join consumed_units
        on profiled.consumed_unit = consumed_units.unit
    inner join scopes
        on coalesce(winners.scope_id, 'unallocated') = scopes.scope_id

),

final as (

    select
        charge_key,
        charge_date,
        billing_period,
        {%- for column in unitcost_kpi_charge_attributes() if column != 'storage_tier' %}
        {{ column }},
        {%- endfor %}
        {{ unitcost_storage_tier('scoped') }} as storage_tier,
        is_prepaid_purchase,
        scope_id,
        scope_rule_id,
        is_shared_pool,
        {%- for basis in unitcost_cost_basis_names() %}
        {{ basis }}_cost,
        {%- endfor %}
        billing_currency,
        fx_rate,
        {%- for basis in unitcost_cost_basis_names() %}
        billing_currency_{{ basis }}_cost{% if not loop.last %},{% endif %}
        {%- endfor %}
    from scoped

)

select * from final
