{#- One row per FinOps scope (grain: scope_id), the reserved 'unallocated'
    scope included: its place in the hierarchy, whether it is a shared cost
    pool, whether it (or a scope above it) is an AI initiative, a data
    product or a scope with attributed revenue (KPI vars), and its owner. -#}

with

scopes as (

    select
        trim(scope_id) as scope_id,
        trim(scope_name) as scope_name,
        nullif(trim(coalesce(parent_scope_id, '')), '') as parent_scope_id,
        lower(trim(scope_type)) as scope_type,
        nullif(trim(coalesce(owner, '')), '') as owner,
        nullif(trim(coalesce(description, '')), '') as description
    from {{ ref('scopes') }}
    union all
    select
        'unallocated' as scope_id,
        'Unallocated' as scope_name,
        cast(null as varchar) as parent_scope_id,
        'unallocated' as scope_type,
        cast(null as varchar) as owner,
        'Cost no scope rule matched (and no allocation rule distributed)' as description

),

ancestors as (

    select * from {{ ref('int_scope_ancestors') }}

),

paths as (

    select
        ancestors.scope_id,
        max(ancestors.distance) as depth,
        string_agg(ancestors.ancestor_scope_id, ' > ' order by ancestors.distance desc) as scope_path,
        max(case when ancestor_scopes.parent_scope_id is null then ancestors.ancestor_scope_id end)
            as top_scope_id,
        coalesce(bool_or(
            ancestors.ancestor_scope_id in {{ unitcost_sql_list(var('kpi_ai_scopes', [])) }}
        ), false) as is_ai_initiative,
        coalesce(bool_or(
            ancestors.ancestor_scope_id in {{ unitcost_sql_list(var('kpi_data_product_scopes', [])) }}
        ), false) as is_data_product,
        coalesce(bool_or(
            ancestors.ancestor_scope_id in {{ unitcost_sql_list(var('kpi_attributed_revenue_scopes', [])) }}
        ), false) as is_attributed_revenue_scope
    from ancestors
    inner join scopes as ancestor_scopes
        on ancestors.ancestor_scope_id = ancestor_scopes.scope_id
    group by ancestors.scope_id

),

final as (

    select
        scopes.scope_id,
        scopes.scope_name,
        scopes.parent_scope_id,
        scopes.scope_type,
        scopes.scope_type in ('shared', 'unallocated') as is_shared_pool,
        cast(paths.depth as integer) as depth,
        paths.scope_path,
        paths.top_scope_id,
        paths.is_ai_initiative,
        paths.is_data_product,
        paths.is_attributed_revenue_scope,
        scopes.owner,
        scopes.description
    from scopes
    inner join paths
        on scopes.scope_id = paths.scope_id

)

select * from final
