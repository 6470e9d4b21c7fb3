{{ config(materialized='table') }}

{#- Drivers of a unit-cost change per metric, scope, month and cost basis
    (grain: metric_id x scope_id x period_start x cost_basis; months only;
    metrics whose numerator is all the scope's cost): the change of the
    comparable unit cost since the previous month split into rate, usage
    intensity, mix, currency, allocation and other effects that add up to
    it. Per-day rates as kpi_unit_cost_trends. See the docs block
    kpi_unit_cost_drivers for the formulas. Every sum adds decimals (each
    row's value rounded to 12 places first), so the parts are the same
    whatever order rows are added in: an incremental build equals a full
    refresh. -#}

{%- set dbl = unitcost_double_type() %}
{%- set money = unitcost_money_type() %}

with

series as (

    select * from {{ ref('int_kpi_unit_cost_monthly') }}
    where cost_numerator = 'scope_cost'

),

periods as (

    select
        period_start,
        days_in_period
    from {{ ref('int_kpi_periods') }}
    where period_grain = 'month'

),

usage_costs as (

    select
        usage_costs.*,
        cast(usage_costs.cost as {{ dbl }}) / periods.days_in_period as cost_per_day,
        cast(usage_costs.quantity as {{ dbl }}) / periods.days_in_period as quantity_per_day
    from {{ ref('int_kpi_usage_costs_by_month') }} as usage_costs
    inner join periods
        on usage_costs.period_start = periods.period_start

),

fx as (

    select * from {{ ref('int_kpi_fx_effects_by_month') }}

),

scope_costs as (

    select * from {{ ref('int_kpi_scope_costs_by_period') }}
    where period_grain = 'month'

),

bill as (

    select
        scope_id,
        period_start,
        cost_basis,
        sum(cast(case when cost_class = 'direct' then cost_per_day else 0 end as {{ money }})) as direct_cost,
        sum(cast(case when cost_class = 'shared' then cost_per_day else 0 end as {{ money }})) as shared_cost
    from usage_costs
    group by 1, 2, 3

),

scope_months as (

    {#- per scope, month and basis, per day: direct and shared bill cost,
        non-cloud TCO, the currency effect and the factor that takes it out
        of the direct cost -#}
    select
        scope_costs.scope_id,
        scope_costs.period_start,
        scope_costs.cost_basis,
        coalesce(bill.direct_cost, 0) as direct_cost,
        coalesce(bill.shared_cost, 0) as shared_cost,
        cast(scope_costs.tco_cost as {{ dbl }}) / periods.days_in_period as tco_cost,
        coalesce(cast(fx.fx_effect as {{ dbl }}), 0) / periods.days_in_period as fx_cost,
        case
            when coalesce(bill.direct_cost, 0) <> 0
                then (bill.direct_cost - coalesce(cast(fx.fx_effect as {{ dbl }}), 0) / periods.days_in_period)
                    / bill.direct_cost
            else 1.0
        end as fx_deflator
    from scope_costs
    inner join periods
        on scope_costs.period_start = periods.period_start
    left join bill
        on scope_costs.scope_id = bill.scope_id
            and scope_costs.period_start = bill.period_start
            and scope_costs.cost_basis = bill.cost_basis
    left join fx
        on scope_costs.scope_id = fx.scope_id
            and scope_costs.period_start = fx.period_start
            and scope_costs.cost_basis = fx.cost_basis

),

direct_groups as (

    select
        scope_id,
        period_start,
        cast({{ dbt.dateadd('month', 1, 'period_start') }} as date) as next_period_start,
        cost_basis,
        service_category,
        service_subcategory,
        canonical_unit,
        cost_per_day,
        quantity_per_day
    from usage_costs
    where cost_class = 'direct'

),

group_pairs as (

    {#- each usage group this month against the same group last month -#}
    select
        coalesce(cur.scope_id, prev.scope_id) as scope_id,
        coalesce(cur.period_start, prev.next_period_start) as period_start,
        coalesce(cur.cost_basis, prev.cost_basis) as cost_basis,
        coalesce(cur.canonical_unit, prev.canonical_unit) as canonical_unit,
        coalesce(cur.cost_per_day, 0) as cost_cur,
        coalesce(cur.quantity_per_day, 0) as quantity_cur,
        coalesce(prev.cost_per_day, 0) as cost_prev,
        coalesce(prev.quantity_per_day, 0) as quantity_prev
    from direct_groups as cur
    full outer join direct_groups as prev
        on cur.scope_id = prev.scope_id
            and cur.cost_basis = prev.cost_basis
            and cur.period_start = prev.next_period_start
            and cur.service_category = prev.service_category
            and cur.service_subcategory = prev.service_subcategory
            and coalesce(cur.canonical_unit, '') = coalesce(prev.canonical_unit, '')

),

classified_pairs as (

    select
        group_pairs.*,
        group_pairs.cost_cur * scope_months.fx_deflator as deflated_cur,
        case
            when group_pairs.canonical_unit is null then 'unquantified'
            when group_pairs.quantity_cur > 0 and group_pairs.quantity_prev > 0 then 'common'
            else 'entering_or_leaving'
        end as pair_kind
    from group_pairs
    inner join scope_months
        on group_pairs.scope_id = scope_months.scope_id
            and group_pairs.period_start = scope_months.period_start
            and group_pairs.cost_basis = scope_months.cost_basis

),

families as (

    {#- groups of one canonical unit present in both months: their
        quantities add up, so last month's average price of the family
        weighs the usage change and the shift between groups (mix) -#}
    select
        scope_id,
        period_start,
        cost_basis,
        canonical_unit,
        sum(cast(quantity_cur as {{ money }})) as family_quantity_cur,
        sum(cast(quantity_prev as {{ money }})) as family_quantity_prev,
        cast(sum(cast(cost_prev as {{ money }})) as {{ dbl }})
        / cast(sum(cast(quantity_prev as {{ money }})) as {{ dbl }}) as family_price_prev
    from classified_pairs
    where pair_kind = 'common'
    group by 1, 2, 3, 4

),

scope_parts as (

    select
        scope_id,
        period_start,
        cost_basis,
        sum(
            cast(
                case
                    when pair_kind = 'common'
                        then deflated_cur - quantity_cur * cost_prev / quantity_prev
                    else 0
                end as {{ money }}
            )
        ) as rate_cur,
        sum(
            cast(
                case
                    when pair_kind = 'common' then quantity_cur * cost_prev / quantity_prev
                    else 0
                end as {{ money }}
            )
        ) as usage_at_previous_prices_cur,
        sum(cast(case when pair_kind = 'entering_or_leaving' then deflated_cur else 0 end as {{ money }}))
            as entering_cur,
        sum(cast(case when pair_kind = 'entering_or_leaving' then cost_prev else 0 end as {{ money }})) as leaving_prev,
        sum(cast(case when pair_kind = 'unquantified' then deflated_cur else 0 end as {{ money }})) as unquantified_cur,
        sum(cast(case when pair_kind = 'unquantified' then cost_prev else 0 end as {{ money }})) as unquantified_prev
    from classified_pairs
    group by 1, 2, 3

),

family_parts as (

    select
        scope_id,
        period_start,
        cost_basis,
        sum(cast(family_quantity_cur * family_price_prev as {{ money }})) as family_usage_cur,
        sum(cast(family_quantity_prev * family_price_prev as {{ money }})) as family_usage_prev
    from families
    group by 1, 2, 3

),

pairs as (

    select
        cur.metric_id,
        cur.scope_id,
        cur.period_start,
        cur.period_end,
        cur.days_in_period,
        cur.cost_basis,
        cur.reporting_currency,
        cur.metric_status,
        cur.unit_label,
        cur.comparable_unit_cost,
        prev.comparable_unit_cost as previous_unit_cost,
        cur.volume_rate as volume_cur,
        prev.volume_rate as volume_prev,
        cast(cur.unit_multiplier as {{ dbl }}) * case
            when cur.denominator_aggregation = 'average' then 365.25 / 12 else 1
        end as scale,
        sm_cur.shared_cost as shared_cur,
        sm_prev.shared_cost as shared_prev,
        sm_cur.tco_cost as tco_cur,
        sm_prev.tco_cost as tco_prev,
        sm_cur.fx_cost as fx_cur,
        sm_cur.direct_cost as direct_cur,
        sm_prev.direct_cost as direct_prev,
        coalesce(scope_parts.rate_cur, 0) as rate_cur,
        coalesce(scope_parts.usage_at_previous_prices_cur, 0) as usage_at_previous_prices_cur,
        coalesce(scope_parts.entering_cur, 0) as entering_cur,
        coalesce(scope_parts.leaving_prev, 0) as leaving_prev,
        coalesce(scope_parts.unquantified_cur, 0) as unquantified_cur,
        coalesce(scope_parts.unquantified_prev, 0) as unquantified_prev,
        coalesce(family_parts.family_usage_cur, 0) as family_usage_cur,
        coalesce(family_parts.family_usage_prev, 0) as family_usage_prev,
        case
            when prev.metric_id is null then 'no unit cost in the previous month'
            when cur.volume_rate is null or cur.volume_rate <= 0 then 'no volume in the month'
            when prev.volume_rate is null or prev.volume_rate <= 0 then 'no volume in the previous month'
            when sm_cur.scope_id is null or sm_prev.scope_id is null then 'no cost data in one of the months'
        end as null_reason
    from series as cur
    left join series as prev
        on cur.metric_id = prev.metric_id
            and cur.scope_id = prev.scope_id
            and cur.cost_basis = prev.cost_basis
            and prev.period_start = cast({{ dbt.dateadd('month', -1, 'cur.period_start') }} as date)
    left join scope_months as sm_cur
        on cur.scope_id = sm_cur.scope_id
            and cur.period_start = sm_cur.period_start
            and cur.cost_basis = sm_cur.cost_basis
    left join scope_months as sm_prev
        on prev.scope_id = sm_prev.scope_id
            and prev.period_start = sm_prev.period_start
            and prev.cost_basis = sm_prev.cost_basis
    left join scope_parts
        on cur.scope_id = scope_parts.scope_id
            and cur.period_start = scope_parts.period_start
            and cur.cost_basis = scope_parts.cost_basis
    left join family_parts
        on cur.scope_id = family_parts.scope_id
            and cur.period_start = family_parts.period_start
            and cur.cost_basis = family_parts.cost_basis

),

effects as (

    select
        *,
        case when null_reason is null then scale * rate_cur / volume_cur end as rate_effect,
        case
            when null_reason is null
                then scale * (family_usage_cur / volume_cur - family_usage_prev / volume_prev)
        end as usage_effect,
        case
            when null_reason is null
                then scale * (
                        (usage_at_previous_prices_cur - family_usage_cur + entering_cur) / volume_cur
                        - leaving_prev / volume_prev
                    )
        end as mix_effect,
        case when null_reason is null then scale * fx_cur / volume_cur end as fx_effect,
        case
            when null_reason is null then scale * (shared_cur / volume_cur - shared_prev / volume_prev)
        end as allocation_effect,
        case
            when null_reason is null
                then scale * ((unquantified_cur + tco_cur) / volume_cur - (unquantified_prev + tco_prev) / volume_prev)
        end as other_effect
    from pairs

),

rounded as (

    select
        *,
        cast({{ unitcost_round_double("rate_effect", 10) }} as {{ money }}) as rate_part,
        cast({{ unitcost_round_double("usage_effect", 10) }} as {{ money }}) as usage_part,
        cast({{ unitcost_round_double("mix_effect", 10) }} as {{ money }}) as mix_part,
        cast({{ unitcost_round_double("fx_effect", 10) }} as {{ money }}) as fx_part,
        cast({{ unitcost_round_double("allocation_effect", 10) }} as {{ money }}) as allocation_part,
        cast({{ unitcost_round_double("other_effect", 10) }} as {{ money }}) as other_part
    from effects

),

final as (

    select
        metric_id,
        scope_id,
        period_start,
        period_end,
        days_in_period,
        cost_basis,
        reporting_currency,
        metric_status,
        unit_label,
        previous_unit_cost,
        comparable_unit_cost as unit_cost,
        rate_part + usage_part + mix_part + fx_part + allocation_part + other_part as unit_cost_change,
        rate_part as rate_effect,
        usage_part as usage_intensity_effect,
        mix_part as mix_effect,
        fx_part as currency_effect,
        allocation_part as allocation_effect,
        other_part as other_effect,
        case
            when null_reason is not null then null
            when abs(rate_part) >= greatest(
                    abs(usage_part), abs(mix_part), abs(fx_part), abs(allocation_part), abs(other_part)
                ) then 'rate'
            when abs(usage_part) >= greatest(abs(mix_part), abs(fx_part), abs(allocation_part), abs(other_part))
                then 'usage_intensity'
            when abs(mix_part) >= greatest(abs(fx_part), abs(allocation_part), abs(other_part)) then 'mix'
            when abs(fx_part) >= greatest(abs(allocation_part), abs(other_part)) then 'currency'
            when abs(allocation_part) >= abs(other_part) then 'allocation'
            else 'other'
        end as main_driver,
        null_reason
    from rounded

)

select * from final
