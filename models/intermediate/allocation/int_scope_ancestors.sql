{{ config(materialized='table') }}

{#- One row per scope and each of its ancestors, itself included (grain:
    scope_id x ancestor_scope_id): rolls a scope's cost and value data up the
    hierarchy. The reserved scope 'unallocated' is its own only ancestor. -#}

with recursive

scopes as (

    select
        trim(scope_id) as scope_id,
        nullif(trim(coalesce(parent_scope_id, '')), '') as parent_scope_id
    from {{ ref('scopes') }}
    union all
    select
        'unallocated' as scope_id,
        cast(null as varchar) as parent_scope_id

),

ancestry as (

    select
        scope_id,
        scope_id as ancestor_scope_id,
        parent_scope_id as next_ancestor_id,
        0 as distance
    from scopes
    union all
    select
        ancestry.scope_id,
        scopes.scope_id as ancestor_scope_id,
        scopes.parent_scope_id as next_ancestor_id,
        ancestry.distance + 1 as distance
    from ancestry
    inner join scopes
        on ancestry.next_ancestor_id = scopes.scope_id
    where ancestry.distance < 50

)

select
    scope_id,
    ancestor_scope_id,
    distance
from ancestry
