{{ config(materialized='table') }}

{#- One row per allocation rule, month and recipient (grain: rule_id x
    allocation_month x recipient_scope_id) for every month in which the
    rule's pool has charges: the recipient's weight and share. Weights:
    proportional_cost = the recipient's direct effective cost in the month
    (its descendants included, a negative total counting as zero); driver =
    its value of the driver metric in the month (descendants included);
    even = 1; fixed = its fixed percent. When the method's weights are zero
    or missing for every recipient, the fallback method applies
    (proportional_cost, else even) and fell_back is true. -#}

{%- set share_expr = 'cast(weight as ' ~ unitcost_double_type() ~ ') / cast(total_weight as '
    ~ unitcost_double_type() ~ ')' %}

with

pool_months as (

    select distinct
        allocation_rule_id as rule_id,
        allocation_month
    from {{ ref('int_pool_charges') }}
    where allocation_rule_id is not null

),

rules as (

    select * from {{ ref('int_allocation_rules') }}

),

ancestors as (

    select * from {{ ref('int_scope_ancestors') }}

),

direct_charges as (

    select * from {{ ref('int_charges_scoped') }}
    where not is_shared_pool

),

metrics as (

    select * from {{ ref('fct_business_metrics') }}

),

direct_monthly as (

    select
        ancestors.ancestor_scope_id as scope_id,
        {{ unitcost_month_start('direct_charges.charge_date') }} as allocation_month,
        sum(direct_charges.effective_cost) as direct_cost
    from direct_charges
    inner join ancestors
        on direct_charges.scope_id = ancestors.scope_id
    group by 1, 2

),

driver_monthly as (

    select
        ancestors.ancestor_scope_id as scope_id,
        metrics.metric,
        {{ unitcost_month_start('metrics.period_start') }} as allocation_month,
        sum(metrics.canonical_value) as driver_value
    from metrics
    inner join ancestors
        on metrics.scope_id = ancestors.scope_id
    group by 1, 2, 3

),

candidates as (

    select
        pool_months.rule_id,
        pool_months.allocation_month,
        rules.recipient_scope_id,
        rules.method,
        rules.fallback_method,
        rules.driver_metric,
        case when coalesce(direct_monthly.direct_cost, 0) > 0 then direct_monthly.direct_cost else 0 end
            as cost_weight,
        case
            when rules.method = 'proportional_cost'
                then case when coalesce(direct_monthly.direct_cost, 0) > 0 then direct_monthly.direct_cost else 0 end
            when rules.method = 'driver'
                then case when coalesce(driver_monthly.driver_value, 0) > 0 then driver_monthly.driver_value else 0 end
            when rules.method = 'fixed' then coalesce(rules.fixed_percent, 0)
            else 1
        end as method_weight
    from pool_months
    inner join rules
        on pool_months.rule_id = rules.rule_id
    left join direct_monthly
        on rules.recipient_scope_id = direct_monthly.scope_id
            and pool_months.allocation_month = direct_monthly.allocation_month
    left join driver_monthly
        on rules.recipient_scope_id = driver_monthly.scope_id
            and rules.driver_metric = driver_monthly.metric
            and pool_months.allocation_month = driver_monthly.allocation_month

),

totals as (

    select
        *,
        sum(method_weight) over (partition by rule_id, allocation_month) as method_total,
        sum(cost_weight) over (partition by rule_id, allocation_month) as cost_total
    from candidates

),

chosen as (

    select
        rule_id,
        allocation_month,
        recipient_scope_id,
        method,
        case
            when method_total > 0 then method
            when fallback_method = 'proportional_cost' and cost_total > 0 then 'proportional_cost'
            else 'even'
        end as applied_method,
        method_total <= 0 as fell_back,
        cast(case
            when method_total > 0 then method_weight
            when fallback_method = 'proportional_cost' and cost_total > 0 then cost_weight
            else 1
        end as {{ unitcost_money_type() }}) as weight
    from totals

),

shares as (

    select
        *,
        sum(weight) over (partition by rule_id, allocation_month) as total_weight
    from chosen

)

select
    rule_id,
    allocation_month,
    recipient_scope_id,
    method,
    applied_method,
    fell_back,
    weight,
    total_weight,
    cast({{ unitcost_round_double(share_expr, 15) }} as decimal(38, 15)) as share,
    row_number() over (
        partition by rule_id, allocation_month
        order by weight desc, recipient_scope_id asc
    ) as share_rank
from shares
