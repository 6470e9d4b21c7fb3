{#- The values of a FOCUS row as one JSON object text keyed by FOCUS column
    name (nulls left out), merged with its non-FOCUS columns. With
    raw_suffix (stg_focus__charges: '__raw'), each column's text as written
    is used where there is one, else its typed value as text (natively typed
    Parquet columns); without it, the typed values as text. -#}
{% macro unitcost_raw_values_json(relation_alias, raw_suffix=none) %}
    {{ return(adapter.dispatch('unitcost_raw_values_json', 'unitcost')(relation_alias, raw_suffix)) }}
{% endmacro %}

{% macro duckdb__unitcost_raw_values_json(relation_alias, raw_suffix=none) -%}
    cast(json_merge_patch(
        coalesce({{ relation_alias }}.extension_columns, '{}'),
        json_object(
            {%- for col in focus_columns() %}
            {%- set typed = 'cast(' ~ relation_alias ~ '.' ~ col.snake ~ ' as varchar)' %}
            '{{ col.name }}',
            {%- if raw_suffix %}
            coalesce({{ relation_alias }}.{{ col.snake }}{{ raw_suffix }}, {{ typed }})
            {%- else %}
            {{ typed }}
            {%- endif %}{% if not loop.last %},{% endif %}
            {%- endfor %}
        )
    ) as varchar)
{%- endmacro %}
