{#- The null_reason of a usage KPI that counted nothing because its charges
    are billed in a unit seeds/units.csv does not know: `prefix` (text, e.g.
    'no GB-Month in the bill for this slice: its charges') then the unit
    named. `unit` is an SQL expression (the unknown ConsumedUnit). Used by
    kpi_cost_per_gb_stored and fct_unit_costs, so both say it alike. -#}
{% macro unitcost_unrecognised_unit_reason(prefix, unit) -%}
    concat(
        {{ prefix }},
        ' are billed per ''',
        {{ unit }},
        ''', a unit seeds/units.csv does not know',
        ' (add it there to count it; see fct_unrecognised_units)'
    )
{%- endmacro %}
