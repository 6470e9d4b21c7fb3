{#- numerator / denominator as decimal(38, 12), or null (never 0, never
    infinity, never an error on any engine) when the denominator is zero or
    missing, or the numerator is missing. -#}
{% macro unitcost_ratio(numerator, denominator) -%}
    cast(
        case
            when {{ denominator }} is null or {{ denominator }} = 0 or {{ numerator }} is null then null
            else cast({{ numerator }} as {{ unitcost_double_type() }}) / cast({{ denominator }} as {{ unitcost_double_type() }})
        end as {{ unitcost_money_type() }}
    )
{%- endmacro %}

{#- Why unitcost_ratio(numerator, denominator) is null, in words (null when
    it is not): names the missing or zero denominator. -#}
{% macro unitcost_ratio_null_reason(numerator, denominator, numerator_label, denominator_label) -%}
    case
        when {{ denominator }} is null then 'no {{ denominator_label }} in the period'
        when {{ denominator }} = 0 then '{{ denominator_label }} is zero'
        when {{ numerator }} is null then 'no {{ numerator_label }} in the period'
    end
{%- endmacro %}
