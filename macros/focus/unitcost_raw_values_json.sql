{#- The values of a stg_focus__rows row as one JSON object text keyed by FOCUS
    column name (nulls left out), merged with its non-FOCUS columns. -#}
{% macro unitcost_raw_values_json(relation_alias) %}
    {{ return(adapter.dispatch('unitcost_raw_values_json', 'unitcost')(relation_alias)) }}
{% endmacro %}

{% macro duckdb__unitcost_raw_values_json(relation_alias) -%}
    cast(json_merge_patch(
        coalesce({{ relation_alias }}.extension_columns, '{}'),
        json_object(
            {%- for col in focus_columns() %}
            '{{ col.name }}', {{ relation_alias }}.{{ col.snake }}{% if not loop.last %},{% endif %}
            {%- endfor %}
        )
    ) as varchar)
{%- endmacro %}
