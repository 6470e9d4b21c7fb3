{{ config(materialized='table') }}

{#- One row per KPI cost selection, charge and scope bearing its cost
    (grain: selection_id x charge_key x scope_id x cost_type): the charges a
    selection of seeds/kpi_cost_selections.csv picks (any of its conditions
    matching the charge), with their cost on the four bases as it lands in
    each scope (direct, shared, unallocated) and the charge attributes KPIs
    slice by. -#}

with

scope_charges as (

    select * from {{ ref('int_scope_charge_costs') }}

),

charges as (

    select * from {{ ref('fct_charges') }}

),

selections as (

    select
        trim(selection_id) as selection_id,
        trim(match_column) as match_column,
        case
            when trim(match_column) like 'tag:%' then substr(trim(match_column), 5)
        end as tag_key,
        lower(trim(match_operator)) as match_operator,
        nullif(trim(coalesce(match_value, '')), '') as match_value
    from {{ ref('kpi_cost_selections') }}

),

selected_charges as (

    select distinct
        selections.selection_id,
        charges.charge_key
    from charges
    cross join selections
    where {{ unitcost_rule_matches(
        unitcost_scope_rule_value('charges', 'selections'),
        'selections.match_operator',
        'selections.match_value'
    ) }}

),

final as (

    select
        selected_charges.selection_id,
        scope_charges.charge_key,
        scope_charges.scope_id,
        scope_charges.cost_type,
        scope_charges.charge_date,
        scope_charges.billing_period,
        charges.provider_name,
        charges.service_name,
        charges.service_category,
        charges.region_id,
        charges.sub_account_id,
        charges.sku_id,
        scope_charges.effective_cost,
        scope_charges.billed_cost,
        scope_charges.list_cost,
        scope_charges.contracted_cost
    from selected_charges
    inner join scope_charges
        on selected_charges.charge_key = scope_charges.charge_key
    inner join charges
        on selected_charges.charge_key = charges.charge_key

)

select * from final
