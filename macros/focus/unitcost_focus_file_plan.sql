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
        ~ "Load the exports into a table with your warehouse's loader first."
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

    {#- Columns of each file, matched to FOCUS. -#}
    {%- set canonical = {} -%}
    {%- for col in focus_columns() -%}
        {%- do canonical.update({col.name | lower: col.name}) -%}
    {%- endfor -%}
    {%- set legacy_names = {} -%}
    {%- for old, new in focus_legacy_names().items() -%}
        {%- do legacy_names.update({old | lower: {'name': old, 'targets': new}}) -%}
    {%- endfor -%}
    {%- set introduced_of = {} -%}
    {%- for col in focus_columns() -%}
        {%- do introduced_of.update({col.name: col.introduced}) -%}
    {%- endfor -%}
    {%- set order = focus_version_order() -%}

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
            {#- FOCUS names first (case-insensitive), then pre-1.0 names for what is still unmapped. -#}
            {%- for c in info.columns -%}
                {%- set key = (c | replace('\ufeff', '') | trim | lower) -%}
                {%- if key in canonical and canonical[key] not in info.source_for -%}
                    {%- do info.source_for.update({canonical[key]: c}) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- for c in info.columns -%}
                {%- set key = (c | replace('\ufeff', '') | trim | lower) -%}
                {%- if key not in canonical -%}
                    {%- set used = [] -%}
                    {%- if key in legacy_names -%}
                        {%- for target_name in legacy_names[key]['targets'] if target_name not in info.source_for -%}
                            {%- do info.source_for.update({target_name: c}) -%}
                            {%- do info.legacy.append(c ~ ' -> ' ~ target_name) -%}
                            {%- do used.append(target_name) -%}
                        {%- endfor -%}
                    {%- endif -%}
                    {%- if used | length == 0 -%}
                        {%- do info.extensions.append(c) -%}
                    {%- endif -%}
                {%- elif info.source_for[canonical[key]] != c -%}
                    {%- do info.extensions.append(c) -%}
                {%- endif -%}
            {%- endfor -%}
            {#- Detected version: the oldest version whose columns explain the file. -#}
            {%- set rank = [0] -%}
            {%- for name, source in info.source_for.items() -%}
                {%- set introduced = introduced_of[name] -%}
                {%- if (source | lower) == (name | lower) and introduced in order and order.index(introduced) > rank[0] -%}
                    {%- do rank.pop() -%}
                    {%- do rank.append(order.index(introduced)) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- do info.update({'version': order[rank[0]], 'is_focus': info.source_for | length >= 3}) -%}
            {%- for name in focus_required_columns(info.version, info.source_for.keys() | list) -%}
                {%- if name not in info.source_for -%}
                    {%- do info.missing.append(name) -%}
                {%- endif -%}
            {%- endfor -%}
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
