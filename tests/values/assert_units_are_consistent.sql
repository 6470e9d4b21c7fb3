{#- The units seed is usable: each unit appears once (matched as it will be:
    case-insensitively, whitespace collapsed), every factor is > 0, and every
    canonical unit is itself a unit that maps to itself with factor 1 in the
    same dimension. Returns one row per problem. -#}

with

units as (

    select
        unit,
        {{ unitcost_unit_key('unit') }} as unit_key,
        canonical_unit,
        {{ unitcost_unit_key('canonical_unit') }} as canonical_key,
        factor,
        dimension
    from {{ ref('units') }}

),

duplicated as (

    select
        min(unit) as unit,
        'unit appears ' || cast(count(*) as varchar) || ' times (case-insensitively): '
        || string_agg(unit, ', ') as problem
    from units
    group by unit_key
    having count(*) > 1

),

bad_factors as (

    select
        unit,
        'factor ' || coalesce(cast(factor as varchar), 'null') || ' is not > 0' as problem
    from units
    where factor is null or factor <= 0

),

canonical_units as (

    select
        unit_key,
        canonical_key,
        factor,
        dimension
    from units
    where unit_key = canonical_key

),

unanchored as (

    select
        units.unit,
        'canonical unit ' || units.canonical_unit
        || ' is not a unit of the seed mapping to itself with factor 1 in dimension '
        || units.dimension as problem
    from units
    left join canonical_units
        on units.canonical_key = canonical_units.unit_key
            and canonical_units.factor = 1
            and units.dimension = canonical_units.dimension
    where canonical_units.unit_key is null

)

select * from duplicated
union all
select * from bad_factors
union all
select * from unanchored
