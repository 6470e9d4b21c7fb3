{#- Every value-data source of a build, in the shape of
    unitcost_value_file_plan ({'files': [...], 'unmatched': [...]}): the
    files of var('value_paths') (DuckDB only) and the tables or views of
    var('value_relations') (any engine; docs/engines.md), each table one
    entry with format 'table', source_file its name as given in the var.
    The manual_values seed is not part of the plan (stg_values__rows reads
    it). -#}
{% macro unitcost_value_plan(scan_lines=true) %}
    {%- set plan = {'files': [], 'unmatched': []} -%}
    {%- if not execute -%}
        {{ return(plan) }}
    {%- endif -%}
    {%- if unitcost_value_paths() | length > 0 -%}
        {%- set file_plan = unitcost_value_file_plan(scan_lines) -%}
        {%- do plan.files.extend(file_plan.files) -%}
        {%- do plan.unmatched.extend(file_plan.unmatched) -%}
    {%- endif -%}
    {%- for name in unitcost_list_var('value_relations') -%}
        {%- set info = {
            'path': name, 'format': 'table', 'size': none, 'modified_at': none,
            'columns': [], 'types': {}, 'source_for': {}, 'extras': [], 'missing': [], 'csv': none, 'problem': none
        } -%}
        {%- set relation = unitcost_named_relation(name) -%}
        {%- if relation is none -%}
            {%- do info.update({'problem': 'no such table or view (var value_relations)'}) -%}
        {%- else -%}
            {%- for column in adapter.get_columns_in_relation(relation) -%}
                {%- do info.columns.append(column.name) -%}
                {%- do info.types.update({column.name: unitcost_canonical_type(column.dtype)}) -%}
            {%- endfor -%}
            {%- do info.update(unitcost_match_value_columns(info.columns)) -%}
        {%- endif -%}
        {%- do plan.files.append(info) -%}
    {%- endfor -%}
    {{ return(plan) }}
{% endmacro %}
