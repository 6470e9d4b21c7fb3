{#- Text to decimal(38, 12), or null when the text is not a finite number
    (plain decimal or scientific notation; no currency symbols or thousands
    separators). Expects cleaned text (see unitcost_clean_text). -#}
{% macro unitcost_parse_decimal(expr) %}
    {{ return(adapter.dispatch('unitcost_parse_decimal', 'unitcost')(expr)) }}
{% endmacro %}

{% macro default__unitcost_parse_decimal(expr) -%}
    cast({{ expr }} as {{ unitcost_money_type() }})
{%- endmacro %}

{#- PostgreSQL: the helper function's try-cast (unitcost_try_cast); NaN,
    infinity and values beyond 26 integer digits give null, as on DuckDB. -#}
{% macro postgres__unitcost_parse_decimal(expr) -%}
    cast({{ unitcost_try_cast(expr, unitcost_money_type()) }} as {{ unitcost_money_type() }})
{%- endmacro %}

{% macro duckdb__unitcost_parse_decimal(expr) -%}
    case
        when isfinite(try_cast({{ expr }} as {{ unitcost_double_type() }}))
            then coalesce(
                try_cast({{ expr }} as {{ unitcost_money_type() }}),
                try_cast(try_cast({{ expr }} as {{ unitcost_double_type() }}) as {{ unitcost_money_type() }})
            )
    end
{%- endmacro %}
