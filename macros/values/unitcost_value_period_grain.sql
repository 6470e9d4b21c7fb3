{#- 'day' when the (cleaned) text is a day, YYYY-MM-DD (a midnight
    timestamp such as "2025-10-01 00:00:00" or "2025-10-01T00:00:00" also
    counts: Parquet files store days that way); 'month' when it is YYYY-MM;
    otherwise null. Says nothing about the date being valid:
    unitcost_parse_value_period_start does. -#}
{% macro unitcost_value_period_grain(expr) %}
    {{ return(adapter.dispatch('unitcost_value_period_grain', 'unitcost')(expr)) }}
{% endmacro %}

{% macro default__unitcost_value_period_grain(expr) -%}
    case
        when {{ unitcost_regex_matches(expr, "'^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T]00:00(:00([.]0+)?)?)?$'") }} then 'day'
        when {{ unitcost_regex_matches(expr, "'^[0-9]{4}-[0-9]{2}$'") }} then 'month'
    end
{%- endmacro %}

{% macro duckdb__unitcost_value_period_grain(expr) -%}
    case
        when regexp_full_match({{ expr }}, '\d{4}-\d{2}-\d{2}([ T]00:00(:00(\.0+)?)?)?') then 'day'
        when regexp_full_match({{ expr }}, '\d{4}-\d{2}') then 'month'
    end
{%- endmacro %}
