{{ config(materialized='table') }}

{#- One row per calendar month whose costs this run rebuilds (grain:
    cost_month): the months the charges of the dirty billing periods fall
    in, before (unitcost_built_period_months) and after (fct_charges) this
    run (a correction in a later billing period reaches back to the month
    of its charge), and the months whose allocation weights changed since
    the last successful build (value data or direct costs moved). The cost
    models (allocations, scope costs, the KPI spine) replace these months.
    Without the state of a previous build, every month with charges. -#}

with

charges as {{ unitcost_not_materialized() }} (

    select * from {{ ref('fct_charges') }}

),

{%- if unitcost_has_build_state() %}

dirty_periods as (

    select * from {{ ref('int_build_dirty_periods') }}

),

weights as (

    select
        rule_id,
        allocation_month,
        recipient_scope_id,
        applied_method,
        share
    from {{ ref('int_allocation_weights') }}

),

built_weights as (

    select
        rule_id,
        allocation_month,
        recipient_scope_id,
        applied_method,
        share
    from {{ unitcost_state_relation('weights') }}

),

months as (

    select built.cost_month
    from {{ unitcost_state_relation('period_months') }} as built
    inner join dirty_periods
        on built.billing_period = dirty_periods.billing_period
    union all
    -- the dirty periods as literals (unitcost_in_dirty), so that only their
    -- charges are read
    select {{ unitcost_month_start('charges.charge_date') }} as cost_month
    from charges
    where {{ unitcost_in_dirty('charges.billing_period', 'period') }}
    union all
    select allocation_month as cost_month
    from (
        select * from weights
        except
        select * from built_weights
    ) as new_weights
    union all
    select allocation_month as cost_month
    from (
        select * from built_weights
        except
        select * from weights
    ) as old_weights

)

{%- else %}

-- depends_on: {{ ref('int_build_dirty_periods') }}
-- depends_on: {{ ref('int_allocation_weights') }}
months as (

    select {{ unitcost_month_start('charge_date') }} as cost_month
    from charges

)

{%- endif %}

select distinct cost_month
from months
