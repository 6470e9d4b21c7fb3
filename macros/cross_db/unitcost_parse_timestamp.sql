{#- Text to a UTC timestamp (without time zone), or null when unparseable.
    Accepted: ISO 8601 with Z or an offset (converted to UTC), ISO without a
    zone and "YYYY-MM-DD HH:MM:SS" (read as UTC), a bare date, and any
    strptime format listed in var('extra_timestamp_formats'). -#}
{% macro unitcost_parse_timestamp(expr) %}
    {{ return(adapter.dispatch('unitcost_parse_timestamp', 'unitcost')(expr)) }}
{% endmacro %}

{% macro default__unitcost_parse_timestamp(expr) -%}
    cast({{ expr }} as timestamp)
{%- endmacro %}

{% macro duckdb__unitcost_parse_timestamp(expr) -%}
    {%- set extra = var('extra_timestamp_formats', []) -%}
    case
        when regexp_matches({{ expr }}, '\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|z|[+-]\d{2}(:?\d{2})?)$')
            then timezone('UTC', try_cast({{ expr }} as timestamptz))
        else coalesce(
            try_cast({{ expr }} as timestamp)
            {%- for fmt in extra %},
            try_strptime({{ expr }}, '{{ fmt | replace("'", "''") }}')
            {%- endfor %}
        )
    end
{%- endmacro %}
