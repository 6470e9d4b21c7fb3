{#- Every FOCUS source of a build, in the shape of unitcost_focus_file_plan
    ({'files': [...], 'unmatched': [...], 'removed': [...]}): the files of
    var('focus_paths') (DuckDB only) and the tables or views of
    var('focus_relations') (any engine; docs/engines.md), each table one
    entry with format 'table'. A table is one source and one export: its
    source_file and export_id are its name as given in the var, its rows are
    numbered in the order of a hash of their values (stable from build to
    build, whatever order the engine scans it in), and it has no size or
    modification time, so it is read again on every build ('changed' once
    built): an incremental build on tables rebuilds what a full build does.
    'removed': sources of the last successful build that are gone. -#}
{% macro unitcost_focus_plan(scan_lines=true) %}
    {%- set plan = {'files': [], 'unmatched': [], 'removed': []} -%}
    {%- if not execute -%}
        {{ return(plan) }}
    {%- endif -%}
    {%- if unitcost_list_var('focus_paths') | length > 0 -%}
        {%- set file_plan = unitcost_focus_file_plan(scan_lines) -%}
        {%- do plan.files.extend(file_plan.files) -%}
        {%- do plan.unmatched.extend(file_plan.unmatched) -%}
    {%- endif -%}
    {%- set built = [] -%}
    {%- if unitcost_has_build_state() -%}
        {%- for row in run_query('select source_file from ' ~ unitcost_state_relation('files')).rows -%}
            {%- do built.append(row[0]) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- for name in unitcost_list_var('focus_relations') -%}
        {%- set info = {
            'path': name, 'format': 'table', 'size': none, 'modified_at': none,
            'columns': [], 'types': {}, 'source_for': {}, 'legacy': [],
            'extensions': [], 'version': none, 'missing': [], 'is_focus': false,
            'csv': none, 'problem': none, 'change': 'changed' if name in built else 'new', 'export_id': name
        } -%}
        {%- set relation = unitcost_named_relation(name) -%}
        {%- if relation is none -%}
            {%- do info.update({'problem': 'no such table or view (var focus_relations)'}) -%}
        {%- else -%}
            {%- for column in adapter.get_columns_in_relation(relation) -%}
                {%- do info.columns.append(column.name) -%}
                {%- do info.types.update({column.name: unitcost_canonical_type(column.dtype)}) -%}
            {%- endfor -%}
            {%- do info.update(unitcost_match_focus_columns(info.columns)) -%}
        {%- endif -%}
        {%- do plan.files.append(info) -%}
    {%- endfor -%}
    {%- set seen = plan.files | map(attribute='path') | list -%}
    {%- for path in built | sort if path not in seen -%}
        {%- do plan.removed.append(path) -%}
    {%- endfor -%}
    {{ return(plan) }}
{% endmacro %}

{#- A var holding a list (a single string is a one-item list; none, '' or
    an omitted var: empty). -#}
{% macro unitcost_list_var(name) %}
    {%- set value = var(name, []) -%}
    {%- if value is none -%}
        {{ return([]) }}
    {%- elif value is string -%}
        {{ return([value | trim] if value | trim else []) }}
    {%- endif -%}
    {{ return(value | list) }}
{% endmacro %}

{#- The existing table or view named `name` ('table', 'schema.table' or
    'database.schema.table'; a bare table is in the target schema), or none. -#}
{% macro unitcost_named_relation(name) %}
    {%- set parts = name.split('.') -%}
    {%- set identifier = parts[-1] -%}
    {%- set schema = parts[-2] if parts | length >= 2 else target.schema -%}
    {%- set database = parts[-3] if parts | length >= 3 else target.database -%}
    {{ return(adapter.get_relation(database=database, schema=schema, identifier=identifier)) }}
{% endmacro %}

{#- A column type as the engine names it, reduced to the names the FOCUS
    reader decides on (unitcost_focus_native_type): VARCHAR, DECIMAL,
    BIGINT, DOUBLE, TIMESTAMP WITH TIME ZONE, TIMESTAMP, DATE, JSON (a JSON
    text type) or STRUCT (a nested type written out as JSON). -#}
{% macro unitcost_canonical_type(dtype) %}
    {%- set t = (dtype or '') | lower | trim -%}
    {%- if 'char' in t or t in ['text', 'string', 'varchar'] -%}
        {{ return('VARCHAR') }}
    {%- elif t.startswith('json') -%}
        {{ return('JSON') }}
    {%- elif t.startswith('numeric') or t.startswith('decimal') or t.startswith('number')
        or t.startswith('bignumeric') -%}
        {{ return('DECIMAL') }}
    {%- elif t in ['smallint', 'integer', 'int', 'int2', 'int4', 'int8', 'bigint', 'tinyint', 'int64', 'byteint'] -%}
        {{ return('BIGINT') }}
    {%- elif 'with time zone' in t or t in ['timestamptz', 'timestamp_tz', 'timestamp_ltz'] -%}
        {{ return('TIMESTAMP WITH TIME ZONE') }}
    {%- elif t.startswith('timestamp') or t == 'datetime' -%}
        {{ return('TIMESTAMP') }}
    {%- elif t == 'date' -%}
        {{ return('DATE') }}
    {%- elif t.startswith('struct') or t.startswith('map') or t.startswith('array') or t == 'variant'
        or t.startswith('object') or t.endswith('[]') -%}
        {{ return('STRUCT') }}
    {%- endif -%}
    {{ return('DOUBLE') }}
{% endmacro %}

{#- One SELECT over one FOCUS table (a `focus_relations` entry) giving the
    fixed shape of stg_focus__rows (see unitcost_select_focus_file). -#}
{% macro unitcost_select_focus_relation(info) -%}
    {%- set relation = unitcost_named_relation(info.path) -%}
    {%- set hashed = [] -%}
    {%- for c in info.columns -%}
        {%- do hashed.append(adapter.quote(c)) -%}
    {%- endfor -%}
    select
        {{ unitcost_sql_text(info.path) }} as source_file,
        cast(row_number() over (order by {{ unitcost_row_hash(hashed) }}) as bigint) as source_row_number,
        {{ unitcost_sql_text(info.version) }} as focus_version,
        {{ unitcost_sql_text(info.export_id) }} as export_id,
        cast(null as timestamp) as export_file_modified_at,
        {%- for col in focus_columns() %}
        {%- set native = unitcost_focus_native_type(col, info) %}
        {%- if native in ['text', 'json'] %}
        {{ unitcost_focus_text(adapter.quote(info.source_for[col.name]), info.types[info.source_for[col.name]]) }} as {{ col.snake }},
        {%- else %}
        cast(null as varchar) as {{ col.snake }},
        {%- endif %}
        {%- if col.type in ['decimal', 'datetime'] %}
        {{ unitcost_focus_typed_column(col, info, native) }},
        {%- endif %}
        {%- endfor %}
        {%- set ext_exprs = [] %}
        {%- for ext in info.extensions %}
            {%- do ext_exprs.append(unitcost_focus_text(adapter.quote(ext), info.types[ext])) %}
        {%- endfor %}
        {{ unitcost_json_object_text(info.extensions, ext_exprs) }} as extension_columns
    from {{ relation }}
{%- endmacro %}

{#- A column of a FOCUS table as text: text as it is, a nested value
    (STRUCT, see unitcost_canonical_type) written out as JSON, anything else
    cast to text. -#}
{% macro unitcost_focus_text(expr, canonical_type) %}
    {{ return(adapter.dispatch('unitcost_focus_text', 'unitcost')(expr, canonical_type)) }}
{% endmacro %}

{% macro default__unitcost_focus_text(expr, canonical_type) -%}
    cast({{ expr }} as varchar)
{%- endmacro %}

{% macro duckdb__unitcost_focus_text(expr, canonical_type) -%}
    {%- if canonical_type == 'STRUCT' -%}
        cast(to_json({{ expr }}) as varchar)
    {%- else -%}
        cast({{ expr }} as varchar)
    {%- endif -%}
{%- endmacro %}

{% macro postgres__unitcost_focus_text(expr, canonical_type) -%}
    {%- if canonical_type == 'STRUCT' -%}
        cast(to_jsonb({{ expr }}) as varchar)
    {%- else -%}
        cast({{ expr }} as varchar)
    {%- endif -%}
{%- endmacro %}
