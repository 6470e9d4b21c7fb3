{#- Storage cost per GB-Month stored per scope, period, cost basis and
    storage slice (grain: scope_id x period_grain x period_start x cost_basis
    x provider_name x service_name x service_category x region_id x
    sub_account_id x sku_id x storage_tier). Numerator: the cost of the
    'storage' selection (seeds/kpi_cost_selections.csv) borne by the scope and
    its descendants, except charges billed in a unit that is not GB-Month
    (kept in storage_cost_without_volume). Denominator: the GB-Months the
    bill attributes to the slice, or, when the scope has value data for
    var('kpi_gb_stored_metric') in the period, that value split over the
    scope's slices in proportion to their billed GB-Months
    (denominator_source). A scope-period with such value data and no storage
    charge has one row with empty slice columns. See the docs block
    kpi_cost_per_gb_stored. -#}

{%- set dbl = unitcost_double_type() %}
{%- set gb_metric = var('kpi_gb_stored_metric') | lower %}
{%- set slice_columns = [
    'provider_name', 'service_name', 'service_category', 'region_id', 'sub_account_id', 'sku_id', 'storage_tier'
] %}

with

periods as (

    select * from {{ ref('int_kpi_periods') }}

),

slices as (

    select * from {{ ref('int_storage_costs_by_slice') }}

),

gb_stored_values as (

    select * from {{ ref('int_storage_gb_stored_values') }}

),

bases as (

    {{ unitcost_cost_bases() }}

),

scope_billed as (

    select
        scope_id,
        period_grain,
        period_start,
        cost_basis,
        sum(billed_gb_months) as billed_gb_months
    from slices
    group by 1, 2, 3, 4

),

scope_periods_with_storage as (

    select distinct
        scope_id,
        period_grain,
        period_start
    from slices

),

value_only as (

    select
        gb_stored_values.scope_id,
        gb_stored_values.period_grain,
        gb_stored_values.period_start,
        bases.cost_basis
    from gb_stored_values
    cross join bases
    left join scope_periods_with_storage
        on gb_stored_values.scope_id = scope_periods_with_storage.scope_id
            and gb_stored_values.period_grain = scope_periods_with_storage.period_grain
            and gb_stored_values.period_start = scope_periods_with_storage.period_start
    where scope_periods_with_storage.scope_id is null

),

keyed as (

    select
        scope_id,
        period_grain,
        period_start,
        cost_basis,
        {%- for column in slice_columns %}
        {{ column }},
        {%- endfor %}
        storage_cost,
        direct_cost,
        shared_cost,
        unallocated_cost,
        cost_without_volume,
        billed_gb_months,
        gb_month_charge_count,
        non_volume_unit,
        unrecognised_unit,
        false as is_scope_without_storage
    from slices
    union all
    select
        scope_id,
        period_grain,
        period_start,
        cost_basis,
        {%- for column in slice_columns %}
        cast(null as varchar) as {{ column }},
        {%- endfor %}
        0 as storage_cost,
        0 as direct_cost,
        0 as shared_cost,
        0 as unallocated_cost,
        0 as cost_without_volume,
        cast(null as {{ unitcost_quantity_type() }}) as billed_gb_months,
        0 as gb_month_charge_count,
        cast(null as varchar) as non_volume_unit,
        cast(null as varchar) as unrecognised_unit,
        true as is_scope_without_storage
    from value_only

),

joined as (

    select
        keyed.*,
        periods.period_end,
        periods.days_in_period,
        periods.days_with_cost,
        periods.is_final,
        periods.finality_reason,
        months.days_in_period as days_in_month,
        scope_billed.billed_gb_months as scope_billed_gb_months,
        gb_stored_values.gb_months as value_gb_months,
        gb_stored_values.days_with_data as value_days_with_data,
        case when gb_stored_values.scope_id is null then 'bill' else 'value_data' end as denominator_source
    from keyed
    inner join periods
        on keyed.period_grain = periods.period_grain
            and keyed.period_start = periods.period_start
    inner join periods as months
        on months.period_grain = 'month'
            and keyed.period_start >= months.period_start
            and keyed.period_start < months.period_end
    left join scope_billed
        on keyed.scope_id = scope_billed.scope_id
            and keyed.period_grain = scope_billed.period_grain
            and keyed.period_start = scope_billed.period_start
            and keyed.cost_basis = scope_billed.cost_basis
    left join gb_stored_values
        on keyed.scope_id = gb_stored_values.scope_id
            and keyed.period_grain = gb_stored_values.period_grain
            and keyed.period_start = gb_stored_values.period_start

),

measured as (

    select
        *,
        case when days_with_cost = 0 then null else storage_cost end as numerator_cost,
        case
            when denominator_source = 'bill' then billed_gb_months
            when is_scope_without_storage then value_gb_months
            when scope_billed_gb_months is null or scope_billed_gb_months = 0 then null
            else cast(
                    cast(value_gb_months as {{ dbl }}) * billed_gb_months / scope_billed_gb_months
                    as {{ unitcost_quantity_type() }}
                )
        end as gb_months,
        case
            when denominator_source = 'bill' then days_with_cost
            else value_days_with_data
        end as denominator_days
    from joined

),

final as (

    select
        scope_id,
        period_grain,
        period_start,
        period_end,
        days_in_period,
        cost_basis,
        {%- for column in slice_columns %}
        {{ column }},
        {%- endfor %}
        '{{ var("reporting_currency") | upper }}' as reporting_currency,
        cast(numerator_cost as {{ unitcost_money_type() }}) as storage_cost,
        cast(
            case when days_with_cost = 0 then null else cost_without_volume end as {{ unitcost_money_type() }}
        ) as storage_cost_without_volume,
        cast(
            case when days_with_cost = 0 then null else storage_cost + cost_without_volume end
            as {{ unitcost_money_type() }}
        ) as total_storage_cost,
        cast(gb_months as {{ unitcost_quantity_type() }}) as gb_months,
        cast(
            cast(gb_months as {{ dbl }})
            * days_in_month
            / days_in_period as {{ unitcost_quantity_type() }}
        ) as avg_gb_stored,
        cast(billed_gb_months as {{ unitcost_quantity_type() }}) as billed_gb_months,
        denominator_source,
        {{ unitcost_ratio('numerator_cost', 'gb_months') }} as cost_per_gb_month,
        case
            when gb_months is null and gb_month_charge_count = 0 and unrecognised_unit is not null
                then {{ unitcost_unrecognised_unit_reason(
                    "'no GB-Month in the bill for this slice: its charges'", 'unrecognised_unit'
                ) }}
            when gb_months is null and gb_month_charge_count = 0 and non_volume_unit is not null
                then concat(
                        'no GB-Month in the bill for this slice: its charges are billed per ',
                        non_volume_unit,
                        ' (their cost is in storage_cost_without_volume)'
                    )
            when gb_months is null and gb_month_charge_count = 0
                then 'no GB-Month in the bill for this slice'
            when gb_months is null
                then '{{ gb_metric }} cannot be split across slices: the bill has no GB-Month for the scope'
            when gb_months = 0 then 'GB stored is zero'
            when numerator_cost is null then 'no cost data in the period'
        end as null_reason,
        {{ unitcost_kpi_quality_columns(
            'numerator_cost', 'direct_cost', 'shared_cost', 'unallocated_cost', 'cast(denominator_days as bigint)',
            numerator_days='cast(days_with_cost as bigint)'
        ) }},
        is_final,
        finality_reason
    from measured

)

select * from final
