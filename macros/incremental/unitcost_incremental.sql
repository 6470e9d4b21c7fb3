{#- Incremental partitions. The FOCUS models are incremental on three
    partitions, each replaced whole (delete, then insert) so that re-doing a
    build gives the same rows (docs/decisions.md, "Incremental builds"):
      file    the staging models: the rows of new, changed and removed files;
      period  charge models (rejects, exports, scoped charges):
              the billing periods those files hold or held
              (int_build_dirty_periods);
      month   cost models (allocations, scope costs, the KPI spine): the
              calendar months the charges of those billing periods fall in
              (corrections reach back), and months whose allocation weights
              moved (int_build_dirty_months).
    Without the state of a previous successful build (first build,
    --full-refresh) every partition is dirty. -#}

{#- The files stg_focus__file_changes lists: 'read' (file plans of the new
    and changed files, to be read this run) and 'replace' (paths of the new,
    changed and removed files, whose staged rows are replaced). -#}
{% macro unitcost_focus_changes() %}
    {%- set changes = ref('stg_focus__file_changes') -%}
    {%- set result = {'read': [], 'replace': []} -%}
    {%- if not execute -%}
        {{ return(result) }}
    {%- endif -%}
    {#- Compiling without a build (dbt compile, docs, the SQL linter): nothing to read. -#}
    {%- if adapter.get_relation(database=changes.database, schema=changes.schema, identifier=changes.identifier) is none -%}
        {{ return(result) }}
    {%- endif -%}
    {%- set sql -%}
        select source_file, file_change, plan_json from {{ changes }} order by source_file
    {%- endset -%}
    {%- for row in run_query(sql).rows -%}
        {%- if row[1] in ['new', 'changed'] -%}
            {%- do result.read.append(fromjson(row[2])) -%}
        {%- endif -%}
        {%- if row[1] != 'unchanged' -%}
            {%- do result.replace.append(row[0]) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(result) }}
{% endmacro %}

{#- An SQL condition: `column` belongs to a dirty partition of `partition`
    ('file', 'period' or 'month'); true (everything) without build state.
    The dirty lists are named through the graph, not ref(), so that hooks
    and unit tests can use this; each model that filters on them declares
    the dependency with a `-- depends_on:` hint. When the list is built
    (it always is when a model that filters on it runs), its values are
    written into the SQL as literals: the engine then filters the charges
    where it scans them, before the views they are read through convert
    them (at 10M rows, with an IN over the list table, DuckDB converted
    every charge first and an incremental int_charges_scoped took 42 s
    instead of 6). -#}
{% macro unitcost_in_dirty(column, partition) -%}
    {%- if not unitcost_has_build_state() -%}
        true
    {%- else -%}
        {%- set lists = {
            'file': ('stg_focus__file_changes', 'source_file', "file_change <> 'unchanged'"),
            'period': ('int_build_dirty_periods', 'billing_period', 'true'),
            'month': ('int_build_dirty_months', 'cost_month', 'true'),
        } -%}
        {%- if partition not in lists -%}
            {{ exceptions.raise_compiler_error('unitcost_in_dirty: unknown partition ' ~ partition) }}
        {%- endif -%}
        {%- set model, list_column, condition = lists[partition] -%}
        {%- set relation = unitcost_model_relation(model) -%}
        {%- set values = unitcost_dirty_values(relation, list_column, condition) -%}
        {%- if values is none -%}
        {{ column }} in (select {{ list_column }} from {{ relation }} where {{ condition }})
        {%- elif values | length == 0 -%}
        false
        {%- else -%}
        {{ column }} in (
            {%- for value in values -%}
            {%- if partition == 'file' -%}
            {{ unitcost_sql_text(value) }}
            {%- else -%}
            cast({{ unitcost_sql_text(value) }} as date)
            {%- endif -%}
            {%- if not loop.last %}, {% endif -%}
            {%- endfor -%}
        )
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- The values of column `list_column` of the dirty list `relation` (rows
    where `condition` holds), as text, in order; none when they cannot be
    read yet (parsing, or the list is not built). -#}
{% macro unitcost_dirty_values(relation, list_column, condition) %}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {%- if adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set sql -%}
        select distinct cast({{ list_column }} as {{ dbt.type_string() }}) as value
        from {{ relation }}
        where {{ condition }} and {{ list_column }} is not null
        order by 1
    {%- endset -%}
    {%- set values = [] -%}
    {%- for row in run_query(sql).rows -%}
        {%- do values.append(row[0]) -%}
    {%- endfor -%}
    {{ return(values) }}
{% endmacro %}

{#- A filter for the SELECT of an incremental model: its dirty partitions on
    an incremental run, everything otherwise. -#}
{% macro unitcost_incremental_filter(column, partition) -%}
    {%- if is_incremental() -%}
        {{ unitcost_in_dirty(column, partition) }}
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#- pre-hook of an incremental model: delete the rows of its dirty
    partitions (all rows without build state) before the new rows of those
    partitions are inserted. Nothing on a full build (the table is created). -#}
{% macro unitcost_delete_dirty(column, partition) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where {{ unitcost_in_dirty(column, partition) }}
    {%- endif -%}
{%- endmacro %}

{#- fct_charge_rejects' partitions: a row with a readable billing period
    belongs to that period; a row without one to its file. Everything when
    the build is not incremental. -#}
{% macro unitcost_rejects_incremental_filter(period_column) -%}
    {%- if is_incremental() -%}
    (
        {{ unitcost_in_dirty(period_column, 'period') }}
        or ({{ period_column }} is null and {{ unitcost_in_dirty('source_file', 'file') }})
    )
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#- A filter for a data test of a table partitioned by `partition`: the
    partitions this build rebuilt (all of them on a first build and on
    --full-refresh), or every partition with --vars
    '{test_all_partitions: true}'. The other partitions were tested when
    they were built, and an incremental build leaves them as they were
    (tests_py/test_incremental.py compares incremental builds row for row
    with full refreshes), so a re-delivered month's build tests that month,
    not the whole bill again (docs/decisions.md, "Data tests at scale"). -#}
{% macro unitcost_tested_partitions(column, partition='period') -%}
    {%- if var('test_all_partitions', false) -%}
        true
    {%- else -%}
        {{ unitcost_in_dirty(column, partition) }}
    {%- endif -%}
{%- endmacro %}
