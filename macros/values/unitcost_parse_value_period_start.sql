{#- The first day of the period a value-data date names: the day itself for
    YYYY-MM-DD, the first of the month for YYYY-MM; null when the text is
    neither or not a real date (2025-02-30, 2025-13). Never guessed: other
    formats (01/10/2025) are null. -#}
{% macro unitcost_parse_value_period_start(expr) %}
    {{ return(adapter.dispatch('unitcost_parse_value_period_start', 'unitcost')(expr)) }}
{% endmacro %}

{% macro default__unitcost_parse_value_period_start(expr) -%}
    case {{ unitcost_value_period_grain(expr) }}
        when 'day' then {{ unitcost_try_cast('substring(' ~ expr ~ ', 1, 10)', 'date') }}
        when 'month' then {{ unitcost_try_cast(expr ~ " || '-01'", 'date') }}
    end
{%- endmacro %}

{% macro duckdb__unitcost_parse_value_period_start(expr) -%}
    case {{ unitcost_value_period_grain(expr) }}
        when 'day' then try_cast(left({{ expr }}, 10) as date)
        when 'month' then try_cast({{ expr }} || '-01' as date)
    end
{%- endmacro %}
