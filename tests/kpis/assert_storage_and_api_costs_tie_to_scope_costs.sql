{#- The storage and API KPI numerators lose and double nothing. Returns the
    scope-periods (day and month, every basis) where:
    - storage: the storage cost of kpi_cost_per_gb_stored, summed over the
      slices (with and without stored volume), differs by more than 0.01
      from the bill's cost of the storage service categories in
      fct_scope_costs, rolled up the scope hierarchy. Checked when the
      'storage' selection of seeds/kpi_cost_selections.csv only tests
      service_category (equals / in), as it does by default: other
      selections cannot be read off fct_scope_costs;
    - api: the API cost of kpi_cost_per_api_call_by_service, summed over the
      services, differs by more than 0.01 from kpi_cost_per_api_call.api_cost
      (whose numerator is computed by another path), or its contributions
      do not add up to cost_per_api_call. -#}

with

selections as (

    select
        trim(selection_id) as selection_id,
        trim(match_column) as match_column,
        lower(trim(match_operator)) as match_operator,
        lower(trim(match_value)) as match_value
    from {{ ref('kpi_cost_selections') }}

),

storage_conditions as (

    select * from selections
    where selection_id = 'storage'

),

storage_is_by_category as (

    select count(*) = 0 as applies
    from storage_conditions
    where match_column <> 'service_category'
        or match_operator not in ('equals', 'in')

),

ancestors as (

    select * from {{ ref('int_scope_ancestors') }}

),

scope_costs as (

    select * from {{ ref('fct_scope_costs') }}
    where cost_source = 'focus'

),

categories as (

    select distinct service_category
    from scope_costs

),

storage_categories as (

    select distinct categories.service_category
    from categories
    inner join storage_conditions
        on (
            storage_conditions.match_operator = 'equals'
            and lower(categories.service_category) = storage_conditions.match_value
        )
        or (
            storage_conditions.match_operator = 'in'
            and {{ unitcost_in_pipe_list('lower(categories.service_category)', 'storage_conditions.match_value') }}
        )

),

storage_costs as (

    select
        scope_costs.scope_id,
        scope_costs.cost_date,
        scope_costs.cost_basis,
        scope_costs.cost
    from scope_costs
    inner join storage_categories
        on scope_costs.service_category = storage_categories.service_category

),

expected_storage as (

    {%- for grain in ['day', 'month'] %}
    select
        ancestors.ancestor_scope_id as scope_id,
        '{{ grain }}' as period_grain,
        {{ 'storage_costs.cost_date' if grain == 'day' else unitcost_month_start('storage_costs.cost_date') }}
            as period_start,
        storage_costs.cost_basis,
        sum(storage_costs.cost) as cost
    from storage_costs
    inner join ancestors
        on storage_costs.scope_id = ancestors.scope_id
    group by 1, 2, 3, 4
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

kpi_storage as (

    select
        scope_id,
        period_grain,
        period_start,
        cost_basis,
        sum(coalesce(total_storage_cost, 0)) as cost
    from {{ ref('kpi_cost_per_gb_stored') }}
    group by 1, 2, 3, 4

),

storage_differences as (

    select
        'storage cost differs from fct_scope_costs' as problem,
        coalesce(expected_storage.scope_id, kpi_storage.scope_id) as scope_id,
        coalesce(expected_storage.period_grain, kpi_storage.period_grain) as period_grain,
        coalesce(expected_storage.period_start, kpi_storage.period_start) as period_start,
        coalesce(expected_storage.cost_basis, kpi_storage.cost_basis) as cost_basis,
        cast(expected_storage.cost as {{ unitcost_double_type() }}) as expected,
        cast(kpi_storage.cost as {{ unitcost_double_type() }}) as actual
    from expected_storage
    full outer join kpi_storage
        on expected_storage.scope_id = kpi_storage.scope_id
            and expected_storage.period_grain = kpi_storage.period_grain
            and expected_storage.period_start = kpi_storage.period_start
            and expected_storage.cost_basis = kpi_storage.cost_basis
    cross join storage_is_by_category
    where storage_is_by_category.applies
        and abs(coalesce(expected_storage.cost, 0) - coalesce(kpi_storage.cost, 0)) > 0.01

),

api_reference as (

    select * from {{ ref('kpi_cost_per_api_call') }}

),

api_by_service as (

    select
        scope_id,
        period_grain,
        period_start,
        cost_basis,
        sum(api_cost) as api_cost,
        sum(cost_per_api_call_contribution) as cost_per_api_call,
        count(cost_per_api_call_contribution) as contributions
    from {{ ref('kpi_cost_per_api_call_by_service') }}
    group by 1, 2, 3, 4

),

api_joined as (

    select
        coalesce(api_reference.scope_id, api_by_service.scope_id) as scope_id,
        coalesce(api_reference.period_grain, api_by_service.period_grain) as period_grain,
        coalesce(api_reference.period_start, api_by_service.period_start) as period_start,
        coalesce(api_reference.cost_basis, api_by_service.cost_basis) as cost_basis,
        api_reference.api_cost as reference_cost,
        api_by_service.api_cost as service_cost,
        api_reference.cost_per_api_call as reference_kpi,
        api_by_service.cost_per_api_call as service_kpi,
        api_by_service.contributions
    from api_reference
    full outer join api_by_service
        on api_reference.scope_id = api_by_service.scope_id
            and api_reference.period_grain = api_by_service.period_grain
            and api_reference.period_start = api_by_service.period_start
            and api_reference.cost_basis = api_by_service.cost_basis

),

api_differences as (

    select
        'api cost by service differs from kpi_cost_per_api_call' as problem,
        scope_id,
        period_grain,
        period_start,
        cost_basis,
        cast(reference_cost as {{ unitcost_double_type() }}) as expected,
        cast(service_cost as {{ unitcost_double_type() }}) as actual
    from api_joined
    where abs(coalesce(reference_cost, 0) - coalesce(service_cost, 0)) > 0.01
    union all
    select
        'api contributions do not add up to cost_per_api_call' as problem,
        scope_id,
        period_grain,
        period_start,
        cost_basis,
        cast(reference_kpi as {{ unitcost_double_type() }}) as expected,
        cast(service_kpi as {{ unitcost_double_type() }}) as actual
    from api_joined
    where contributions > 0
        and (
            reference_kpi is null
            or abs(
                cast(reference_kpi as {{ unitcost_double_type() }}) - cast(service_kpi as {{ unitcost_double_type() }})
            )
            > 0.000000001
        )

)

select * from storage_differences
union all
select * from api_differences
