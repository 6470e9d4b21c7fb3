{#- run-operation for the runner and tests: logs, as one JSON line prefixed
    with UNITCOST_VALUE_PLAN, the value files of var('value_paths') (path,
    format, columns, missing columns), the preflight problems
    (unitcost_values_preflight) and the metric names present
    (unitcost_value_metric_names). -#}
{% macro unitcost_inspect_values() %}
    {%- set problems = unitcost_values_preflight() -%}
    {%- set files = [] -%}
    {%- if target.type == 'duckdb' or unitcost_value_paths() | length == 0 -%}
        {%- for f in unitcost_value_plan().files -%}
            {%- do files.append({
                'path': f.path, 'format': f.format, 'columns': f.columns,
                'missing': f.missing, 'extras': f.extras, 'problem': f.problem
            }) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set metrics = unitcost_value_metric_names() -%}
    {%- do log('UNITCOST_VALUE_PLAN ' ~ tojson({'files': files, 'problems': problems, 'metrics': metrics}), info=true) -%}
{% endmacro %}
