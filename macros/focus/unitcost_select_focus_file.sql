{#- One SELECT over one FOCUS file giving the fixed shape of stg_focus__rows:
    file, row number, the file's detected FOCUS version and export, and every
    FOCUS 1.0-1.3 column (absent ones null, pre-1.0 names mapped) in one of
    two forms, never both:
      <snake>          the value as written, as text (CSV, and Parquet text
                       columns), to be cleaned and parsed once in stg_focus__charges;
      <snake>__typed   decimal and date/time columns whose Parquet type
                       already is a number or a timestamp, cast straight to
                       the FOCUS type (never through text).
    Non-FOCUS columns are collected as one JSON object of text values. -#}
{% macro unitcost_select_focus_file(info) %}
    {%- if info.format == 'table' -%}
        {{ return(unitcost_select_focus_relation(info)) }}
    {%- endif -%}
    {{ return(adapter.dispatch('unitcost_select_focus_file', 'unitcost')(info)) }}
{% endmacro %}

{% macro default__unitcost_select_focus_file(info) %}
    {{ exceptions.raise_compiler_error(
        "unitcost reads FOCUS files only on DuckDB (target type '" ~ target.type ~ "'): " ~ info.path) }}
{% endmacro %}

{% macro duckdb__unitcost_select_focus_file(info) -%}
    select
        {{ unitcost_sql_text(info.path) }} as source_file,
        cast(ordinality as bigint) as source_row_number,
        {{ unitcost_sql_text(info.version) }} as focus_version,
        {{ unitcost_sql_text(info.export_id) }} as export_id,
        cast({{ unitcost_sql_text(info.modified_at) }} as timestamp) as export_file_modified_at,
        {%- for col in focus_columns() %}
        {%- set native = unitcost_focus_native_type(col, info) %}
        {%- if native is none %}
        cast(null as varchar) as {{ col.snake }},
        {%- elif native == 'text' %}
        cast({{ adapter.quote(info.source_for[col.name]) }} as varchar) as {{ col.snake }},
        {%- elif native == 'json' %}
        cast(to_json({{ adapter.quote(info.source_for[col.name]) }}) as varchar) as {{ col.snake }},
        {%- else %}
        cast(null as varchar) as {{ col.snake }},
        {%- endif %}
        {%- if col.type in ['decimal', 'datetime'] %}
        {{ unitcost_focus_typed_column(col, info, native) }},
        {%- endif %}
        {%- endfor %}
        {%- if info.extensions | length > 0 %}
        cast(json_object(
            {%- for ext in info.extensions %}
            '{{ ext | replace("'", "''") }}', cast({{ adapter.quote(ext) }} as varchar){% if not loop.last %},{% endif %}
            {%- endfor %}
        ) as varchar) as extension_columns
        {%- else %}
        cast(null as varchar) as extension_columns
        {%- endif %}
    from {{ unitcost_read_focus_file_relation(info.path, info.format, info.csv) }} with ordinality
{%- endmacro %}


{#- How one FOCUS column of a file is read, from the file's own type for it
    (info.types, as DuckDB describes it, or reduced to those names for a
    table by unitcost_canonical_type): none (the file lacks the column),
    'text' (read as text and parsed once), 'json' (a Parquet struct, map or
    list written out as JSON text), 'number' (a Parquet integer or decimal
    column cast straight to decimal(38, 12)), 'timestamptz' or 'timestamp'
    (a Parquet timestamp or date cast straight to a UTC timestamp). A
    floating-point Parquet column is read as text, so that NaN and infinity
    are rejected with a reason like any unparseable number. -#}
{% macro unitcost_focus_native_type(col, info) -%}
    {%- if col.name not in info.source_for -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set src_type = (info.types[info.source_for[col.name]] | upper) if info.types else 'VARCHAR' -%}
    {%- if info.format not in ['parquet', 'table'] or src_type.startswith('VARCHAR') -%}
        {{ return('text') }}
    {%- endif -%}
    {%- if col.type == 'json' -%}
        {{ return('text' if src_type.startswith('JSON') else 'json') }}
    {%- elif col.type == 'decimal' -%}
        {%- set exact = src_type.startswith('DECIMAL') or src_type in
            ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'UTINYINT', 'USMALLINT', 'UINTEGER'] -%}
        {{ return('number' if exact else 'text') }}
    {%- elif col.type == 'datetime' -%}
        {%- if src_type.startswith('TIMESTAMP WITH TIME ZONE') -%}
            {{ return('timestamptz') }}
        {%- elif src_type.startswith('TIMESTAMP') or src_type == 'DATE' -%}
            {{ return('timestamp') }}
        {%- endif -%}
        {{ return('text') }}
    {%- endif -%}
    {{ return('text') }}
{%- endmacro %}


{#- A natively typed Parquet value cast to its FOCUS type: decimals to the
    money type (try_cast: a value beyond 26 integer digits becomes null and is
    then rejected as missing), timestamps with a zone to UTC. -#}
{% macro unitcost_focus_cast_native(expr, native) %}
    {{ return(adapter.dispatch('unitcost_focus_cast_native', 'unitcost')(expr, native)) }}
{% endmacro %}

{% macro default__unitcost_focus_cast_native(expr, native) -%}
    {%- if native == 'number' -%}
        cast({{ expr }} as {{ unitcost_money_type() }})
    {%- else -%}
        cast({{ expr }} as timestamp)
    {%- endif -%}
{%- endmacro %}

{% macro postgres__unitcost_focus_cast_native(expr, native) -%}
    {%- if native == 'number' -%}
        cast({{ expr }} as {{ unitcost_money_type() }})
    {%- elif native == 'timestamptz' -%}
        ({{ expr }} at time zone 'UTC')
    {%- else -%}
        cast({{ expr }} as timestamp)
    {%- endif -%}
{%- endmacro %}

{% macro duckdb__unitcost_focus_cast_native(expr, native) -%}
    {%- if native == 'number' -%}
        try_cast({{ expr }} as {{ unitcost_money_type() }})
    {%- elif native == 'timestamptz' -%}
        timezone('UTC', {{ expr }})
    {%- else -%}
        cast({{ expr }} as timestamp)
    {%- endif -%}
{%- endmacro %}
