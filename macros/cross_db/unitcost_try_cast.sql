{#- cast(expr as `type`), or null where the value cannot be cast (never an
    error). `type` is one of: date, timestamp, timestamptz, integer,
    bigint, double, json, or a decimal such as 'decimal(18, 6)'. Most
    engines have try_cast (DuckDB, Spark 3.2+, Snowflake, Trino, SQL
    Server); BigQuery calls it safe_cast; PostgreSQL has neither and uses
    the helper functions unitcost_postgres_functions creates. -#}
{% macro unitcost_try_cast(expr, type) %}
    {{ return(adapter.dispatch('unitcost_try_cast', 'unitcost')(expr, type)) }}
{% endmacro %}

{% macro unitcost_try_cast_type(type) -%}
    {%- if type == 'double' -%}
        {{ unitcost_double_type() }}
    {%- elif type == 'json' -%}
        {{ dbt.type_string() }}
    {%- else -%}
        {{ type }}
    {%- endif -%}
{%- endmacro %}

{% macro default__unitcost_try_cast(expr, type) -%}
    try_cast({{ expr }} as {{ unitcost_try_cast_type(type) }})
{%- endmacro %}

{% macro bigquery__unitcost_try_cast(expr, type) -%}
    safe_cast({{ expr }} as {{ unitcost_try_cast_type(type) }})
{%- endmacro %}

{% macro postgres__unitcost_try_cast(expr, type) -%}
    {%- set t = type | lower | replace(' ', '') -%}
    {%- if t in ['date', 'timestamp', 'timestamptz', 'json'] -%}
        {{ unitcost_postgres_function('unitcost_try_' ~ t) }}(cast({{ expr }} as text))
    {%- elif t in ['integer', 'bigint'] -%}
        cast({{ unitcost_postgres_function('unitcost_try_bigint') }}(cast({{ expr }} as text)) as {{ t }})
    {%- elif t == 'double' -%}
        {{ unitcost_postgres_function('unitcost_try_double') }}(cast({{ expr }} as text))
    {%- elif t.startswith('decimal') or t.startswith('numeric') -%}
        {{ unitcost_postgres_function('unitcost_try_numeric') }}(cast({{ expr }} as text), {{ t.split('(')[1].split(',')[0] if '(' in t else 38 }}, {{ t.split(',')[1].rstrip(')') if ',' in t else 0 }})
    {%- else -%}
        {{ exceptions.raise_compiler_error('unitcost_try_cast: no PostgreSQL version for type ' ~ type) }}
    {%- endif -%}
{%- endmacro %}

{#- A helper function of this project on PostgreSQL, schema-qualified. -#}
{% macro unitcost_postgres_function(name) -%}
    {{ adapter.quote(target.schema) }}.{{ name }}
{%- endmacro %}

{#- on-run-start on PostgreSQL (from unitcost_engine_settings): the helper
    functions that stand in for try_cast (PostgreSQL 15 has no try-cast and
    no `is json`). Each casts its text in an exception block and returns
    null instead of an error; they are immutable, so the planner may fold
    them. In the target schema; created or replaced on every run. -#}
{% macro unitcost_postgres_functions() %}
    {%- set schema = adapter.quote(target.schema) -%}
    {%- set casts = {
        'date': 'date', 'timestamp': 'timestamp', 'timestamptz': 'timestamptz',
        'json': 'json', 'bigint': 'bigint', 'double': 'double precision'
    } -%}
    {%- set sql -%}
        create schema if not exists {{ schema }};
        {%- for name, pg_type in casts.items() %}
        create or replace function {{ schema }}.unitcost_try_{{ name }}(value text) returns {{ pg_type }}
        language plpgsql immutable parallel safe as $unitcost$
        begin
            return cast(value as {{ pg_type }});
        exception when others then
            return null;
        end
        $unitcost$;
        {%- endfor %}
        create or replace function {{ schema }}.unitcost_try_to_timestamp(value text, format text)
        returns timestamp
        language plpgsql immutable parallel safe as $unitcost$
        begin
            return cast(to_timestamp(value, format) as timestamp);
        exception when others then
            return null;
        end
        $unitcost$;
        create or replace function {{ schema }}.unitcost_try_numeric(value text, digits integer, scale integer)
        returns numeric
        language plpgsql immutable parallel safe as $unitcost$
        declare
            result numeric;
        begin
            result := round(cast(value as numeric), scale);
            if abs(result) >= power(cast(10 as numeric), digits - scale) then
                return null;
            end if;
            return result;
        exception when others then
            return null;
        end
        $unitcost$;
    {%- endset -%}
    {%- do run_query(sql) -%}
{% endmacro %}
