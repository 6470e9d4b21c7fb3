{#- The values of a FOCUS row as one JSON object text keyed by FOCUS column
    name (nulls left out), merged with its non-FOCUS columns. With
    raw_suffix (stg_focus__charges: '__raw'), each column's text as written
    is used where there is one, else its typed value as text (natively typed
    Parquet columns); without it, the typed values as text. -#}
{% macro unitcost_raw_values_json(relation_alias, raw_suffix=none) %}
    {{ return(adapter.dispatch('unitcost_raw_values_json', 'unitcost')(relation_alias, raw_suffix)) }}
{% endmacro %}

{#- Portable: the FOCUS values only (extension columns are left out), keys
    and values written by unitcost_json_object_text. -#}
{% macro default__unitcost_raw_values_json(relation_alias, raw_suffix=none) -%}
    {%- set names = [] -%}
    {%- set exprs = [] -%}
    {%- for col in focus_columns() -%}
        {%- set typed = 'cast(' ~ relation_alias ~ '.' ~ col.snake ~ ' as varchar)' -%}
        {%- do names.append(col.name) -%}
        {%- do exprs.append('coalesce(' ~ relation_alias ~ '.' ~ col.snake ~ raw_suffix ~ ', ' ~ typed ~ ')' if raw_suffix else typed) -%}
    {%- endfor -%}
    {{ unitcost_json_object_text(names, exprs) }}
{%- endmacro %}

{#- PostgreSQL: jsonb objects of at most 50 keys each (a function takes at
    most 100 arguments), nulls stripped, merged over the extension columns. -#}
{% macro postgres__unitcost_raw_values_json(relation_alias, raw_suffix=none) -%}
    {%- set columns = focus_columns() -%}
    cast(
        coalesce(cast({{ relation_alias }}.extension_columns as jsonb), cast('{}' as jsonb))
        {%- for batch in columns | batch(50) %}
        || jsonb_strip_nulls(jsonb_build_object(
            {%- for col in batch %}
            '{{ col.name }}', {{ unitcost_raw_value(relation_alias, col, raw_suffix) }}
            {%- if not loop.last %},{% endif %}
            {%- endfor %}
        ))
        {%- endfor %}
        as varchar
    )
{%- endmacro %}

{% macro duckdb__unitcost_raw_values_json(relation_alias, raw_suffix=none) -%}
    cast(json_merge_patch(
        coalesce({{ relation_alias }}.extension_columns, '{}'),
        json_object(
            {%- for col in focus_columns() %}
            '{{ col.name }}', {{ unitcost_raw_value(relation_alias, col, raw_suffix) }}
            {%- if not loop.last %},{% endif %}
            {%- endfor %}
        )
    ) as varchar)
{%- endmacro %}

{#- One FOCUS column's value in a rejected row's raw values: the raw text
    (`<column><raw_suffix>`) when there is one, else the value as text. -#}
{% macro unitcost_raw_value(relation_alias, col, raw_suffix=none) -%}
    {%- set typed = 'cast(' ~ relation_alias ~ '.' ~ col.snake ~ ' as varchar)' -%}
    {%- if raw_suffix -%}
        coalesce({{ relation_alias }}.{{ col.snake }}{{ raw_suffix }}, {{ typed }})
    {%- else -%}
        {{ typed }}
    {%- endif -%}
{%- endmacro %}
