{#- Text to a UTC timestamp (without time zone), or null when unparseable.
    Accepted: ISO 8601 with Z or an offset (converted to UTC), ISO without a
    zone and "YYYY-MM-DD HH:MM:SS" (read as UTC), a bare date, and any
    strptime format listed in var('extra_timestamp_formats'). -#}
{% macro unitcost_parse_timestamp(expr) %}
    {{ return(adapter.dispatch('unitcost_parse_timestamp', 'unitcost')(expr)) }}
{% endmacro %}

{#- Portable: the same ISO shapes through unitcost_regex_matches and
    unitcost_try_cast. Other formats (var extra_timestamp_formats) are
    strptime formats, which only DuckDB reads: elsewhere they stop the build. -#}
{% macro default__unitcost_parse_timestamp(expr) -%}
    {%- if var('extra_timestamp_formats', []) | length > 0 -%}
        {{ exceptions.raise_compiler_error(
            "var extra_timestamp_formats (strptime formats) is read on DuckDB and PostgreSQL only (target type '"
            ~ target.type ~ "'): convert those dates to ISO 8601 when loading the table") }}
    {%- endif -%}
    {{ unitcost_parse_iso_timestamp(expr) }}
{%- endmacro %}

{#- PostgreSQL: each strptime format of var('extra_timestamp_formats') is
    translated to a regular expression (the shape the text must have) and a
    to_timestamp format (unitcost_strptime_to_postgres). %y follows
    PostgreSQL (the year nearest 2020), not strptime (69-99 are 19xx). -#}
{% macro postgres__unitcost_parse_timestamp(expr) -%}
    {%- set extra = var('extra_timestamp_formats', []) -%}
    {%- if extra | length == 0 -%}
        {{ unitcost_parse_iso_timestamp(expr) }}
    {%- else -%}
    coalesce(
        {{ unitcost_parse_iso_timestamp(expr) }},
        case
            {%- for fmt in extra %}
            {%- set translated = unitcost_strptime_to_postgres(fmt) %}
            when {{ expr }} ~ {{ unitcost_sql_text(translated.regex) }}
                then {{ unitcost_postgres_function('unitcost_try_to_timestamp') }}({{ expr }}, {{ unitcost_sql_text(translated.format) }})
            {%- endfor %}
        end
    )
    {%- endif -%}
{%- endmacro %}

{#- The ISO 8601 shapes (see unitcost_parse_timestamp) through
    unitcost_regex_matches and unitcost_try_cast. -#}
{% macro unitcost_parse_iso_timestamp(expr) -%}
    {%- set iso_date = '^\\d{4}-\\d{2}-\\d{2}' -%}
    {%- set iso_time = '[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?' -%}
    case
        when {{ unitcost_regex_matches(expr, "'" ~ iso_date ~ iso_time ~ "\\s*(Z|z|[+-]\\d{2}(:?\\d{2})?)$'") }}
            then {{ unitcost_utc_timestamp(unitcost_try_cast(expr, 'timestamptz')) }}
        when {{ unitcost_regex_matches(expr, "'" ~ iso_date ~ '(' ~ iso_time ~ ")?$'") }}
            then {{ unitcost_try_cast(expr, 'timestamp') }}
    end
{%- endmacro %}

{#- A strptime format as {'regex': anchored regular expression of the text
    it reads, 'format': the PostgreSQL to_timestamp format}. -#}
{% macro unitcost_strptime_to_postgres(fmt) %}
    {%- set tokens = {
        'Y': ['[0-9]{4}', 'YYYY'], 'y': ['[0-9]{2}', 'YY'], 'm': ['[0-9]{1,2}', 'MM'],
        'd': ['[0-9]{1,2}', 'DD'], 'H': ['[0-9]{1,2}', 'HH24'], 'I': ['[0-9]{1,2}', 'HH12'],
        'M': ['[0-9]{2}', 'MI'], 'S': ['[0-9]{2}', 'SS'], 'f': ['[0-9]{1,6}', 'US'],
        'p': ['[AaPp][Mm]', 'AM'], 'b': ['[A-Za-z]{3}', 'Mon'], 'B': ['[A-Za-z]+', 'FMMonth'],
        '%': ['%', '%']
    } -%}
    {%- set out = {'regex': '^', 'format': ''} -%}
    {%- set state = {'percent': false} -%}
    {%- for ch in fmt -%}
        {%- if state.percent -%}
            {%- if ch not in tokens -%}
                {{ exceptions.raise_compiler_error("extra_timestamp_formats: %" ~ ch ~ " (in '" ~ fmt
                    ~ "') is not supported on PostgreSQL; use %Y %y %m %d %H %I %M %S %f %p %b %B") }}
            {%- endif -%}
            {%- do out.update({'regex': out.regex ~ tokens[ch][0], 'format': out.format ~ tokens[ch][1]}) -%}
            {%- do state.update({'percent': false}) -%}
        {%- elif ch == '%' -%}
            {%- do state.update({'percent': true}) -%}
        {%- else -%}
            {%- set literal = ch if ch.isalnum() or ch == ' ' else '[' ~ ch ~ ']' -%}
            {%- do out.update({'regex': out.regex ~ literal,
                'format': out.format ~ ('"' ~ ch ~ '"' if ch.isalpha() else ch)}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do out.update({'regex': out.regex ~ '$'}) -%}
    {{ return(out) }}
{% endmacro %}

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

{#- A timestamp with time zone as the UTC timestamp without one. -#}
{% macro unitcost_utc_timestamp(expr) %}
    {{ return(adapter.dispatch('unitcost_utc_timestamp', 'unitcost')(expr)) }}
{% endmacro %}

{% macro default__unitcost_utc_timestamp(expr) -%}
    cast(({{ expr }}) at time zone 'UTC' as timestamp)
{%- endmacro %}

{% macro duckdb__unitcost_utc_timestamp(expr) -%}
    timezone('UTC', {{ expr }})
{%- endmacro %}
