{#- A value as an SQL text literal (quotes doubled), or a typed null. -#}
{% macro unitcost_sql_text(value) -%}
    {%- if value is none -%}
        cast(null as varchar)
    {%- else -%}
        '{{ value | string | replace("'", "''") }}'
    {%- endif -%}
{%- endmacro %}
