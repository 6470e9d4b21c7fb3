{#- An enumeration value written canonically when it matches one of `values`
    ignoring case, spaces, hyphens and underscores; otherwise as written. -#}
{% macro unitcost_normalize_enum(expr, values) -%}
    case {{ unitcost_enum_key(expr) }}
        {%- for v in values %}
        when '{{ v | lower | replace(' ', '') | replace('-', '') | replace('_', '') }}' then '{{ v }}'
        {%- endfor %}
        else {{ expr }}
    end
{%- endmacro %}

{#- True when the value matches one of `values` (see unitcost_normalize_enum). -#}
{% macro unitcost_is_known_enum(expr, values) -%}
    {{ unitcost_enum_key(expr) }} in (
        {%- for v in values -%}
        '{{ v | lower | replace(' ', '') | replace('-', '') | replace('_', '') }}'{% if not loop.last %}, {% endif %}
        {%- endfor -%}
    )
{%- endmacro %}

{% macro unitcost_enum_key(expr) -%}
    replace(replace(replace(lower({{ expr }}), ' ', ''), '-', ''), '_', '')
{%- endmacro %}
