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
    the dependency with a `-- depends_on:` hint. -#}
{% macro unitcost_in_dirty(column, partition) -%}
    {%- if not unitcost_has_build_state() -%}
        true
    {%- elif partition == 'file' -%}
        {{ column }} in (
            select source_file from {{ unitcost_model_relation('stg_focus__file_changes') }}
            where file_change <> 'unchanged'
        )
    {%- elif partition == 'period' -%}
        {{ column }} in (select billing_period from {{ unitcost_model_relation('int_build_dirty_periods') }})
    {%- elif partition == 'month' -%}
        {{ column }} in (select cost_month from {{ unitcost_model_relation('int_build_dirty_months') }})
    {%- else -%}
        {{ exceptions.raise_compiler_error('unitcost_in_dirty: unknown partition ' ~ partition) }}
    {%- endif -%}
{%- endmacro %}

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
