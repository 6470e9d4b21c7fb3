{#- The units of relation `units_used` (one column, unit: the unit texts a
    bill uses, each once) with their canonical unit, factor and dimension
    from seeds/units.csv, matched on unitcost_unit_key; null for a unit the
    seed does not know. The key is computed per distinct unit, never per
    charge: charges then join on their unit text as it is. -#}
{% macro unitcost_mapped_units(units_used) -%}
    select
        units_used.unit,
        unit_map.canonical_unit,
        unit_map.factor,
        unit_map.dimension
    from {{ units_used }} as units_used
    left join (
        select
            {{ unitcost_unit_key('unit') }} as unit_key,
            canonical_unit,
            factor,
            dimension
        from {{ ref('units') }}
    ) as unit_map
        on {{ unitcost_unit_key('units_used.unit') }} = unit_map.unit_key
{%- endmacro %}
