{#- 100 * numerator / denominator as decimal(38, 4); null (never 0, never
    infinity) when the denominator is zero or null. -#}
{% macro unitcost_percent(numerator, denominator) -%}
    cast(
        case
            when {{ denominator }} is null or {{ denominator }} = 0 then null
            else 100 * cast({{ numerator }} as {{ unitcost_double_type() }}) / cast({{ denominator }} as {{ unitcost_double_type() }})
        end as decimal(38, 4)
    )
{%- endmacro %}
