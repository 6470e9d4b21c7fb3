{#- FOCUS versions from oldest to newest, as detected from a file's columns.
    "0.5" stands for any pre-1.0 export that uses the old column names. -#}
{% macro focus_version_order() %}
    {{ return(['0.5', '1.0-preview', '1.0', '1.1', '1.2', '1.3']) }}
{% endmacro %}
