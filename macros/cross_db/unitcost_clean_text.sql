{#- A text value trimmed, with the null spellings met in exports (empty
    string, NULL, null) turned into a real null. -#}
{% macro unitcost_clean_text(expr) -%}
    case
        when {{ expr }} is null then null
        when trim({{ expr }}) = '' then null
        when upper(trim({{ expr }})) = 'NULL' then null
        else trim({{ expr }})
    end
{%- endmacro %}
