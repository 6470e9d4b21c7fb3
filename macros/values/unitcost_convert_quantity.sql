{#- A quantity times a unit factor (units seed) as a quantity decimal.
    Whole factors (1, 1000, 1000000) multiply exactly in decimal; fractional
    ones (1.073741824, 1/3600) in double precision (about 16 significant
    digits), because a decimal product of decimal(38, 12) and the factor's
    decimal(38, 18) keeps only 8 integer digits and would overflow on byte
    or token counts. A null factor (unknown unit) gives null. -#}
{% macro unitcost_convert_quantity(quantity, factor) %}
    {{ return(adapter.dispatch('unitcost_convert_quantity', 'unitcost')(quantity, factor)) }}
{% endmacro %}

{% macro default__unitcost_convert_quantity(quantity, factor) -%}
    case
        when {{ factor }} = floor({{ factor }})
            then cast({{ quantity }} * cast({{ factor }} as decimal(38, 0)) as {{ unitcost_quantity_type() }})
        else cast(cast({{ quantity }} as {{ unitcost_double_type() }}) * cast({{ factor }} as {{ unitcost_double_type() }}) as {{ unitcost_quantity_type() }})
    end
{%- endmacro %}
