{#- `dbt run-operation unitcost_build_plan --vars ...`: what a build would do,
    logged as one line "UNITCOST_BUILD_PLAN {json}" for `unitcost build`,
    which reads it before building: the problems that would stop the build
    (preflight), whether a full refresh is needed (no state of a previous
    build, or the project, seeds or settings changed), and which FOCUS files
    are new, changed or removed and whether the value data changed. When
    nothing changed the runner does not start a build at all. -#}
{% macro unitcost_build_plan() %}
    {%- set plan = unitcost_focus_plan() -%}
    {%- set problems = unitcost_preflight_problems(plan) -%}
    {%- set built = unitcost_built_fingerprint() -%}
    {%- set result = {
        'problems': problems,
        'has_state': built is not none,
        'full_refresh_needed': built is none or built.fingerprint != unitcost_fingerprint(),
        'value_data_changed': built is none or built.value_fingerprint != unitcost_value_fingerprint(),
        'new': [], 'changed': [], 'removed': plan.removed, 'unchanged': 0
    } -%}
    {%- for f in plan.files -%}
        {%- if f.change == 'unchanged' -%}
            {%- do result.update({'unchanged': result.unchanged + 1}) -%}
        {%- else -%}
            {%- do result[f.change].append(f.path) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do log('UNITCOST_BUILD_PLAN ' ~ tojson(result), info=true) -%}
{% endmacro %}
