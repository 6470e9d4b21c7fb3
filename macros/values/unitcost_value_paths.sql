{#- The value file paths of var('value_paths') as a list (a single string is
    one path; none or an empty list: no value files). -#}
{% macro unitcost_value_paths() %}
    {%- set paths = var('value_paths', []) -%}
    {%- if paths is none -%}
        {{ return([]) }}
    {%- elif paths is string -%}
        {{ return([paths] if paths | trim else []) }}
    {%- endif -%}
    {{ return(paths | list) }}
{% endmacro %}
