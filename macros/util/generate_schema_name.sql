{#- Custom schemas are used as named (staging, intermediate, config); models
    without one (the marts) land in the target schema, so BI tools find
    fct_charges and the KPI tables in the default schema. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
