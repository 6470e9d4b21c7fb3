{#- A query giving one row per day (column date_day, type date) from
    start_date (inclusive) to end_date (exclusive); both are SQL expressions
    (e.g. scalar subqueries). No rows when end_date <= start_date. -#}
{% macro unitcost_date_series(start_date, end_date) %}
    {{ return(adapter.dispatch('unitcost_date_series', 'unitcost')(start_date, end_date)) }}
{% endmacro %}

{#- Portable version: up to 100,000 days (274 years) from a digits table. -#}
{% macro default__unitcost_date_series(start_date, end_date) -%}
    with digits as (
        {%- for d in range(10) %}
        select {{ d }} as d{% if not loop.last %} union all{% endif %}
        {%- endfor %}
    ),

    offsets as (
        select d1.d + 10 * d2.d + 100 * d3.d + 1000 * d4.d + 10000 * d5.d as day_offset
        from digits as d1
        cross join digits as d2
        cross join digits as d3
        cross join digits as d4
        cross join digits as d5
    )

    select cast({{ dbt.dateadd('day', 'day_offset', start_date) }} as date) as date_day
    from offsets
    where day_offset < {{ dbt.datediff(start_date, end_date, 'day') }}
{%- endmacro %}

{% macro duckdb__unitcost_date_series(start_date, end_date) -%}
    select cast(unnest(range(
        cast({{ start_date }} as timestamp),
        cast({{ end_date }} as timestamp),
        interval 1 day
    )) as date) as date_day
{%- endmacro %}
