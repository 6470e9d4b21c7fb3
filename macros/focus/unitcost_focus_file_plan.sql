{#- What is in the FOCUS files named by var('focus_paths'), one dict per file:
      path, format ('csv' or 'parquet'), size, modified_at, export_id,
      columns (as written), types (source type per column as written),
      source_for (FOCUS column -> column as written; case-insensitive and
      pre-1.0 names mapped), legacy (list of "Old -> New" mappings applied),
      extensions (columns that are not FOCUS columns, e.g. x_ columns),
      csv (how a CSV file is read: delimiter and encoding), problem (why
      the file cannot be read at all, in plain words, or none; see
      macros/util/unitcost_inspect_data_file.sql),
      version (detected FOCUS version), missing (mandatory columns absent),
      is_focus (at least three FOCUS columns recognised),
      change ('new', 'changed' or 'unchanged' since the last successful
      build, see macros/incremental/unitcost_build_state.sql; every file is
      'new' without that state or with --full-refresh).
    Only new and changed files are opened (an unchanged file was read and
    checked by the build that staged it): the column keys above are filled
    for those only. Also returns, under the key 'unmatched', the requested
    paths that matched no CSV or Parquet file, and under 'removed' the files
    of the last build that are gone. Only DuckDB reads files; on other
    engines load FOCUS into a table first. `scan_lines`: see
    unitcost_inspect_data_file. -#}
{% macro unitcost_focus_file_plan(scan_lines=true) %}
    {{ return(adapter.dispatch('unitcost_focus_file_plan', 'unitcost')(scan_lines)) }}
{% endmacro %}

{% macro default__unitcost_focus_file_plan(scan_lines=true) %}
    {{ exceptions.raise_compiler_error(
        "unitcost reads FOCUS files only on DuckDB (target type '" ~ target.type ~ "'). "
        ~ "Load the exports into a table with your warehouse's loader, set var focus_paths to [] "
        ~ "and name the table in var focus_relations (docs/engines.md)."
    ) }}
{% endmacro %}

{% macro duckdb__unitcost_focus_file_plan(scan_lines=true) %}
    {%- set plan = {'files': [], 'unmatched': [], 'removed': []} -%}
    {%- if not execute -%}
        {{ return(plan) }}
    {%- endif -%}
    {%- set paths = var('focus_paths') -%}
    {%- if paths is string -%}
        {%- set paths = [paths] -%}
    {%- endif -%}
    {%- set grouping = var('export_grouping', 'directory') -%}
    {%- if grouping not in ['directory', 'file'] -%}
        {{ exceptions.raise_compiler_error(
            "var export_grouping must be 'directory' or 'file', not '" ~ grouping ~ "'") }}
    {%- endif -%}

    {%- set listed = unitcost_list_data_files(paths) -%}
    {%- do plan.unmatched.extend(listed.unmatched) -%}

    {#- What the last successful build staged, to tell changed files apart. -#}
    {%- set built = {} -%}
    {%- if unitcost_has_build_state() -%}
        {%- set built_sql -%}
            select
                source_file,
                file_size_bytes,
                strftime(file_modified_at, '%Y-%m-%d %H:%M:%S.%f') as modified_at
            from {{ unitcost_state_relation('files') }}
        {%- endset -%}
        {%- for row in run_query(built_sql).rows -%}
            {%- do built.update({row[0]: {'size': row[1], 'modified_at': row[2]}}) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set listed_paths = listed.files | map(attribute='path') | list -%}
    {%- for path in built.keys() | sort if path not in listed_paths -%}
        {%- do plan.removed.append(path) -%}
    {%- endfor -%}
    {%- if listed.files | length == 0 -%}
        {{ return(plan) }}
    {%- endif -%}

    {%- for listed_file in listed.files -%}
        {%- set f = listed_file.path -%}
        {%- set fmt = listed_file.format -%}
        {%- set info = {
            'path': f, 'format': fmt,
            'size': listed_file.size,
            'modified_at': listed_file.modified_at,
            'columns': [], 'types': {}, 'source_for': {}, 'legacy': [],
            'extensions': [], 'version': none, 'missing': [], 'is_focus': false,
            'csv': none, 'problem': none, 'change': 'new'
        } -%}
        {%- if f in built -%}
            {%- set before = built[f] -%}
            {%- do info.update({'change': 'unchanged'
                if before.size == listed_file.size and before.modified_at == listed_file.modified_at
                else 'changed'}) -%}
        {%- endif -%}
        {%- if info.change == 'unchanged' -%}
            {#- Read and checked by the build that staged it. -#}
        {%- else -%}
            {%- set inspected = unitcost_inspect_data_file(f, fmt, listed_file.size, scan_lines) -%}
            {%- do info.update({'columns': inspected.columns, 'types': inspected.types,
                'csv': inspected.csv, 'problem': inspected.problem}) -%}
        {%- endif -%}
        {%- if info.change != 'unchanged' and not info.problem -%}
            {%- do info.update(unitcost_match_focus_columns(info.columns)) -%}
        {%- endif -%}
        {%- if grouping == 'file' -%}
            {%- do info.update({'export_id': f}) -%}
        {%- else -%}
            {%- do info.update({'export_id': f.rsplit('/', 1)[0] if '/' in f else '.'}) -%}
        {%- endif -%}
        {%- do plan.files.append(info) -%}
    {%- endfor -%}
    {{ return(plan) }}
{% endmacro %}
