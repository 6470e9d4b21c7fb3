{#- run-operation used by `unitcost validate`: logs the file plan of
    var('focus_paths') as one JSON line prefixed with UNITCOST_FILE_PLAN. -#}
{% macro unitcost_inspect_files() %}
    {%- set plan = unitcost_focus_file_plan() -%}
    {%- do log('UNITCOST_FILE_PLAN ' ~ tojson(plan), info=true) -%}
{% endmacro %}
