{#- Matches a table's column names (as written) to the value columns:
    returns {'source_for': value column -> column as written (case and
    surrounding spaces ignored, a byte-order mark dropped; the first of
    duplicates wins), 'extras': the other columns, 'missing': required value
    columns not found}. -#}
{% macro unitcost_match_value_columns(column_names) %}
    {%- set matched = {'source_for': {}, 'extras': [], 'missing': []} -%}
    {%- set wanted = unitcost_value_columns() | map(attribute='name') | list -%}
    {%- for c in column_names -%}
        {%- set key = (c | replace('\ufeff', '') | trim | lower) -%}
        {%- if key in wanted and key not in matched.source_for -%}
            {%- do matched.source_for.update({key: c}) -%}
        {%- else -%}
            {%- do matched.extras.append(c) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for col in unitcost_value_columns() if col.required and col.name not in matched.source_for -%}
        {%- do matched.missing.append(col.name) -%}
    {%- endfor -%}
    {{ return(matched) }}
{% endmacro %}
