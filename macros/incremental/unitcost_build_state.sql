{#- Incremental builds: what the last successful build saw, kept in small
    tables next to the models (schema of the staging models, names
    unitcost_built_*), written by on-run-end only when every incremental
    model of the project was built without error (unitcost_save_build_state).
    A build compares what it finds with them: which FOCUS files are new,
    changed or removed (unitcost_focus_file_changes), which billing periods
    and months they touch, whether allocation weights moved. Because they
    describe the last SUCCESSFUL build, a build that died midway is simply
    redone by the next one: every incremental model deletes and re-inserts
    its partitions, so doing it twice gives the same rows.

      unitcost_built_files          source_file, file_size_bytes, file_modified_at
      unitcost_built_file_periods   source_file, billing_period (FOCUS rows of the file per billing period)
      unitcost_built_period_months  billing_period, cost_month (months the charges of a billing period fall in)
      unitcost_built_weights        allocation weights used (int_allocation_weights)
      unitcost_built_fingerprint    fingerprint (project code, seeds and settings), value_fingerprint, built_at
-#}

{% macro unitcost_state_relation(name) %}
    {{ return(api.Relation.create(
        database=target.database,
        schema=generate_schema_name('staging', none),
        identifier='unitcost_built_' ~ name,
        type='table')) }}
{% endmacro %}

{#- True when the state of a previous successful build exists and this run
    may build incrementally on it (not --full-refresh). -#}
{% macro unitcost_has_build_state() %}
    {%- if not execute or flags.FULL_REFRESH -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set rel = unitcost_state_relation('fingerprint') -%}
    {{ return(adapter.get_relation(database=rel.database, schema=rel.schema, identifier=rel.identifier) is not none) }}
{% endmacro %}

{#- The fingerprint of everything that shapes the built data besides the
    input files: the project's SQL (models, macros, tests), seeds and
    dbt_project.yml, the settings (vars) that change results, and on DuckDB
    its version (charge keys use its hash function). A build
    whose fingerprint differs from the last build's must be a full refresh.
    DuckDB reads the project files (named from the project folder, so that
    the runner, which renders this macro without dbt from any folder, gets
    the same fingerprint); elsewhere dbt's node checksums serve (macro edits
    are then not seen: use --full-refresh after upgrading). -#}
{% macro unitcost_fingerprint_vars() %}
    {{ return([
        'reporting_currency', 'extra_timestamp_formats', 'export_grouping',
        'kpi_api_calls_metric', 'kpi_revenue_metric', 'kpi_data_value_metric',
        'kpi_ai_benefit_metric', 'kpi_ai_alternative_cost_metric', 'kpi_gb_stored_metric',
        'kpi_ai_scopes', 'kpi_data_product_scopes', 'kpi_attributed_revenue_scopes',
        'kpi_primary_unit_metrics'
    ]) }}
{% endmacro %}

{% macro unitcost_fingerprint() %}
    {%- set settings = {} -%}
    {%- for name in unitcost_fingerprint_vars() -%}
        {%- do settings.update({name: var(name, none)}) -%}
    {%- endfor -%}
    {{ return(adapter.dispatch('unitcost_fingerprint', 'unitcost')(tojson(settings, sort_keys=true))) }}
{% endmacro %}

{% macro default__unitcost_fingerprint(settings_json) %}
    {%- set parts = [settings_json] -%}
    {%- for node in graph.nodes.values() | sort(attribute='unique_id') -%}
        {%- do parts.append(node.unique_id ~ ':' ~ node.checksum.checksum) -%}
    {%- endfor -%}
    {{ return(local_md5(parts | join('\n'))) }}
{% endmacro %}

{% macro duckdb__unitcost_fingerprint(settings_json) %}
    {%- set root = flags.PROJECT_DIR or '.' -%}
    {%- set globs = [root ~ '/models/**/*.sql', root ~ '/macros/**/*.sql', root ~ '/tests/**/*.sql',
                     root ~ '/seeds/*.csv', root ~ '/dbt_project.yml'] -%}
    {%- set prefix = root.rstrip('/') ~ '/' -%}
    {%- set sql -%}
        with project_files as (
            select
                case
                    when starts_with(filename, {{ unitcost_sql_text(prefix) }})
                        then substr(filename, {{ prefix | length + 1 }})
                    else filename
                end as name,
                content
            from read_text([{% for g in globs %}{{ unitcost_sql_text(g) }}{% if not loop.last %}, {% endif %}{% endfor %}])
        )
        select md5(
            coalesce(string_agg(name || ':' || md5(content), '\n' order by name), '')
            || (select library_version from pragma_version())
        )
        from project_files
    {%- endset -%}
    {%- set files_hash = run_query(sql).rows[0][0] -%}
    {{ return(local_md5(settings_json ~ '\n' ~ files_hash)) }}
{% endmacro %}

{#- The fingerprint of the value data: its files' names, sizes and
    modification times. A change does not need a full refresh (value models
    are rebuilt every time); it tells `unitcost build` that the build is not
    a no-op. -#}
{% macro unitcost_value_fingerprint() %}
    {%- set listed = unitcost_list_data_files(unitcost_value_paths()) if unitcost_value_paths() | length > 0
        else {'files': []} -%}
    {%- set parts = [] -%}
    {%- for f in listed.files -%}
        {%- do parts.append(f.path ~ '|' ~ f.size ~ '|' ~ f.modified_at) -%}
    {%- endfor -%}
    {{ return(local_md5(parts | join('\n'))) }}
{% endmacro %}

{#- The last successful build's fingerprints, or none. -#}
{% macro unitcost_built_fingerprint() %}
    {%- if not unitcost_has_build_state() -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set rows = run_query('select fingerprint, value_fingerprint from ' ~ unitcost_state_relation('fingerprint')).rows -%}
    {{ return({'fingerprint': rows[0][0], 'value_fingerprint': rows[0][1]} if rows | length > 0 else none) }}
{% endmacro %}

{#- on-run-start: stop when the database was built from other code, seeds or
    settings and this is not a full refresh (incremental results would mix
    two definitions). -#}
{% macro unitcost_check_build_state() %}
    {%- if not execute or flags.WHICH not in ['build', 'run'] or not unitcost_has_build_state() -%}
        {{ return('') }}
    {%- endif -%}
    {%- set built = unitcost_built_fingerprint() -%}
    {%- if built is none or built.fingerprint != unitcost_fingerprint() -%}
        {{ exceptions.raise_compiler_error(
            'unitcost: UNITCOST_FULL_REFRESH_NEEDED the project (SQL, seeds or settings such as the reporting currency) '
            ~ 'changed since this database was last built, so it cannot be updated incrementally. '
            ~ 'Rebuild it with --full-refresh (`unitcost build` does this by itself).') }}
    {%- endif -%}
    {{ return('') }}
{% endmacro %}

{#- on-run-end: after a build in which every incremental model of the
    project succeeded, record what it saw (see the top of this file). -#}
{% macro unitcost_save_build_state(results) %}
    {%- if not execute or flags.WHICH not in ['build', 'run'] -%}
        {{ return('') }}
    {%- endif -%}
    {%- set ok = [] -%}
    {%- set failed = [] -%}
    {%- for r in results -%}
        {%- if r.status in ['error', 'fail', 'runtime error', 'skipped'] -%}
            {%- do failed.append(r.node.unique_id) -%}
        {%- elif r.node.resource_type == 'model' -%}
            {%- do ok.append(r.node.unique_id) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set incremental = [] -%}
    {%- for node in graph.nodes.values() if node.resource_type == 'model' and node.package_name == 'unitcost' -%}
        {%- if node.config.materialized == 'incremental' -%}
            {%- do incremental.append(node.unique_id) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set missing = [] -%}
    {%- for id in incremental if id not in ok -%}
        {%- do missing.append(id) -%}
    {%- endfor -%}
    {%- if failed | length > 0 or missing | length > 0 -%}
        {{ return('') }}
    {%- endif -%}
    {%- set staging = generate_schema_name('staging', none) -%}
    {%- set intermediate = generate_schema_name('intermediate', none) -%}
    {%- set statements = [
        unitcost_replace_table_sql(unitcost_state_relation('files'),
            'select source_file, file_size_bytes, file_modified_at from '
            ~ unitcost_model_relation('stg_focus__files')),
        unitcost_replace_table_sql(unitcost_state_relation('file_periods'),
            'select distinct source_file, billing_period from '
            ~ unitcost_model_relation('stg_focus__file_totals')),
        unitcost_replace_table_sql(unitcost_state_relation('period_months'),
            'select distinct billing_period, ' ~ unitcost_month_start('cost_date') ~ ' as cost_month from '
            ~ unitcost_model_relation('fct_scope_costs') ~ " where cost_source = 'focus'"),
        unitcost_replace_table_sql(unitcost_state_relation('weights'),
            'select rule_id, allocation_month, recipient_scope_id, applied_method, share from '
            ~ unitcost_model_relation('int_allocation_weights')),
        unitcost_replace_table_sql(unitcost_state_relation('fingerprint'),
            'select ' ~ unitcost_sql_text(unitcost_fingerprint()) ~ ' as fingerprint, '
            ~ unitcost_sql_text(unitcost_value_fingerprint()) ~ ' as value_fingerprint, '
            ~ 'current_timestamp as built_at')
    ] -%}
    {%- set sql = statements | join(';\n') ~ ';' -%}
    {%- do run_query(sql) -%}
    {{ return('') }}
{% endmacro %}

{#- The relation of a model of this project by name (for hooks, where ref
    is not available). -#}
{% macro unitcost_model_relation(name) %}
    {%- for node in graph.nodes.values() if node.resource_type == 'model' and node.name == name -%}
        {{ return(api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias)) }}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error('unitcost: no model named ' ~ name) }}
{% endmacro %}

{#- SQL that replaces table `relation` with the rows of `select_sql`.
    PostgreSQL (and the portable form) has no `create or replace table`. -#}
{% macro unitcost_replace_table_sql(relation, select_sql) %}
    {{ return(adapter.dispatch('unitcost_replace_table_sql', 'unitcost')(relation, select_sql)) }}
{% endmacro %}

{% macro default__unitcost_replace_table_sql(relation, select_sql) -%}
    {{ return('drop table if exists ' ~ relation ~ ';\ncreate table ' ~ relation ~ ' as ' ~ select_sql) }}
{%- endmacro %}

{% macro duckdb__unitcost_replace_table_sql(relation, select_sql) -%}
    {{ return('create or replace table ' ~ relation ~ ' as\n' ~ select_sql) }}
{%- endmacro %}
