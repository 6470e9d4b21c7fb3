{#- Cost per API call split by provider and service (grain: scope_id x
    period_grain x period_start x cost_basis x provider_name x
    service_name). Numerator: the cost of the 'api' selection's charges of
    one provider and service borne by the scope and its descendants (direct,
    shared, unallocated). Denominator: all the scope's API calls
    (var('kpi_api_calls_metric')), not split by service, so a scope-period's
    contributions add up to kpi_cost_per_api_call.cost_per_api_call. One row
    per service with API charges in the period; see the docs block
    kpi_cost_per_api_call_by_service. -#}

{%- set calls_metric = var('kpi_api_calls_metric') | lower %}
{%- set bases = unitcost_cost_basis_names() %}

with

periods as (

    select * from {{ ref('int_kpi_periods') }}

),

selected as (

    select * from {{ ref('int_kpi_spine') }}
    where spine_part = 'selection'
        and selection_id = 'api'

),

ancestors as (

    select * from {{ ref('int_scope_ancestors') }}

),

api_calls as (

    select * from {{ ref('int_kpi_value_metrics') }}
    where metric = '{{ calls_metric }}'

),

rolled_up as (

    select
        ancestors.ancestor_scope_id as scope_id,
        selected.charge_date,
        selected.provider_name,
        selected.service_name,
        selected.cost_type,
        {%- for basis in bases %}
        selected.{{ basis }}_cost,
        {%- endfor %}
        selected.charge_rows
    from selected
    inner join ancestors
        on selected.scope_id = ancestors.scope_id

),

by_period as (

    {%- for grain in ['day', 'month'] %}
    select
        scope_id,
        '{{ grain }}' as period_grain,
        {{ 'charge_date' if grain == 'day' else unitcost_month_start('charge_date') }} as period_start,
        provider_name,
        service_name,
        {%- for basis in bases %}
        sum(coalesce({{ basis }}_cost, 0)) as {{ basis }}_cost,
        {%- for cost_type in ['direct', 'shared', 'unallocated'] %}
        sum(case when cost_type = '{{ cost_type }}' then coalesce({{ basis }}_cost, 0) else 0 end)
            as {{ basis }}_{{ cost_type }}_cost,
        {%- endfor %}
        {%- endfor %}
        sum(charge_rows) as charge_rows
    from rolled_up
    group by 1, 2, 3, 4, 5
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

by_basis as (

    {%- for basis in bases %}
    select
        scope_id,
        period_grain,
        period_start,
        '{{ basis }}' as cost_basis,
        provider_name,
        service_name,
        {{ basis }}_cost as api_cost,
        {{ basis }}_direct_cost as direct_cost,
        {{ basis }}_shared_cost as shared_cost,
        {{ basis }}_unallocated_cost as unallocated_cost,
        charge_rows
    from by_period
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

scope_totals as (

    select
        scope_id,
        period_grain,
        period_start,
        cost_basis,
        sum(api_cost) as scope_api_cost
    from by_basis
    group by 1, 2, 3, 4

),

joined as (

    select
        by_basis.scope_id,
        by_basis.period_grain,
        by_basis.period_start,
        periods.period_end,
        periods.days_in_period,
        by_basis.cost_basis,
        by_basis.provider_name,
        by_basis.service_name,
        case when periods.days_with_cost = 0 then null else by_basis.api_cost end as api_cost,
        by_basis.direct_cost,
        by_basis.shared_cost,
        by_basis.unallocated_cost,
        case when periods.days_with_cost = 0 then null else scope_totals.scope_api_cost end as scope_api_cost,
        api_calls.metric_value as api_calls,
        coalesce(api_calls.days_with_data, 0) as api_calls_days_with_data,
        periods.days_with_cost,
        periods.is_final,
        periods.finality_reason
    from by_basis
    inner join periods
        on by_basis.period_grain = periods.period_grain
            and by_basis.period_start = periods.period_start
    inner join scope_totals
        on by_basis.scope_id = scope_totals.scope_id
            and by_basis.period_grain = scope_totals.period_grain
            and by_basis.period_start = scope_totals.period_start
            and by_basis.cost_basis = scope_totals.cost_basis
    left join api_calls
        on by_basis.scope_id = api_calls.scope_id
            and by_basis.period_grain = api_calls.period_grain
            and by_basis.period_start = api_calls.period_start

),

final as (

    select
        scope_id,
        period_grain,
        period_start,
        period_end,
        days_in_period,
        cost_basis,
        provider_name,
        service_name,
        '{{ var("reporting_currency") | upper }}' as reporting_currency,
        cast(api_cost as {{ unitcost_money_type() }}) as api_cost,
        cast(scope_api_cost as {{ unitcost_money_type() }}) as scope_api_cost,
        cast(api_calls as {{ unitcost_quantity_type() }}) as api_calls,
        {{ unitcost_ratio('api_cost', 'api_calls') }} as cost_per_api_call_contribution,
        {{ unitcost_percent('api_cost', 'scope_api_cost') }} as share_of_scope_api_cost_pct,
        {{ unitcost_ratio_null_reason('api_cost', 'api_calls', 'cost data', calls_metric) }} as null_reason,
        {{ unitcost_kpi_quality_columns(
            'api_cost', 'direct_cost', 'shared_cost', 'unallocated_cost', 'api_calls_days_with_data'
        ) }},
        is_final,
        finality_reason
    from joined

)

select * from final
