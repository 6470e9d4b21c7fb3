{#- A hash of the values of the expressions `exprs` (any types; nulls
    count), the same for the same values on every build of one engine
    version. DuckDB: its 64-bit hash (no text is built, so it is cheap);
    elsewhere md5 over the values as text. -#}
{% macro unitcost_row_hash(exprs) %}
    {{ return(adapter.dispatch('unitcost_row_hash', 'unitcost')(exprs)) }}
{% endmacro %}

{% macro default__unitcost_row_hash(exprs) -%}
    md5(concat_ws(
        '|',
        {%- for e in exprs %}
        coalesce(cast({{ e }} as {{ dbt.type_string() }}), '\N'){% if not loop.last %},{% endif %}
        {%- endfor %}
    ))
{%- endmacro %}

{% macro duckdb__unitcost_row_hash(exprs) -%}
    hash(
        {%- for e in exprs %}
        {{ e }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    )
{%- endmacro %}
