{#- A JSON object as text from parallel lists of keys (plain strings) and
    SQL expressions (cast to text; null values left out on DuckDB, written
    as empty strings elsewhere). Null when there are no keys. -#}
{% macro unitcost_json_object_text(keys, exprs) %}
    {{ return(adapter.dispatch('unitcost_json_object_text', 'unitcost')(keys, exprs)) }}
{% endmacro %}

{% macro default__unitcost_json_object_text(keys, exprs) -%}
    {%- if keys | length == 0 -%}
        cast(null as varchar)
    {%- else -%}
        {%- set parts = [] -%}
        {%- for k in keys -%}
            {%- set part -%}
                {{ unitcost_sql_text(tojson(k) ~ ': "') }}
                || coalesce(replace(cast({{ exprs[loop.index0] }} as varchar), '"', '\"'), '') || '"'
            {%- endset -%}
            {%- do parts.append(part) -%}
        {%- endfor -%}
        '{' || {{ parts | join(" || ', ' || ") }} || '}'
    {%- endif -%}
{%- endmacro %}

{#- PostgreSQL: written as DuckDB writes it ({"k":"v",...}; null values
    as null), in chunks (a function takes at most 100 arguments). -#}
{% macro postgres__unitcost_json_object_text(keys, exprs) -%}
    {%- if keys | length == 0 -%}
        cast(null as varchar)
    {%- else -%}
        {%- set parts = [] -%}
        {%- for k in keys -%}
            {%- do parts.append(unitcost_sql_text(tojson(k) ~ ':') ~ " || coalesce(cast(to_json(cast("
                ~ exprs[loop.index0] ~ " as text)) as text), 'null')") -%}
        {%- endfor -%}
        ('{' || {{ parts | join(" || ',' || ") }} || '}')
    {%- endif -%}
{%- endmacro %}

{% macro duckdb__unitcost_json_object_text(keys, exprs) -%}
    {%- if keys | length == 0 -%}
        cast(null as varchar)
    {%- else -%}
        cast(json_object(
            {%- for k in keys %}
            {{ unitcost_sql_text(k) }}, cast({{ exprs[loop.index0] }} as varchar){% if not loop.last %},{% endif %}
            {%- endfor %}
        ) as varchar)
    {%- endif -%}
{%- endmacro %}
