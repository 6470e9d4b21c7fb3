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
    {%- set iso_date = '^\\d{4}-\\d{2}-\\d{2}' -%}
    {%- set iso_time = '[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?' -%}
    case
        when regexp_matches({{ expr }}, '{{ iso_date }}{{ iso_time }}\s*(Z|z|[+-]\d{2}(:?\d{2})?)$')
            then timezone('UTC', try_cast({{ expr }} as timestamptz))
        when regexp_matches({{ expr }}, '{{ iso_date }}({{ iso_time }})?$')
            then try_cast({{ expr }} as timestamp)
        {%- for fmt in extra %}
        when try_strptime({{ expr }}, '{{ fmt | replace("'", "''") }}') is not null
            then try_strptime({{ expr }}, '{{ fmt | replace("'", "''") }}')
        {%- endfor %}
    end
{%- endmacro %}
