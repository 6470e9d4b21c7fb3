{#- on-run-start check: every FOCUS file named by var('focus_paths') and
    every value file named by var('value_paths') can be loaded, and the scope
    and allocation configuration is valid. Otherwise stop before anything is
    built (the previous build stays as it was), naming each file or rule and
    what is wrong with it. Files unchanged since the last successful build
    are not opened again (see unitcost_focus_file_plan). `unitcost validate`
    and `unitcost build` run the same checks without dbt (unitcost/checks.py). -#}
{% macro unitcost_preflight() %}
    {%- if not execute or flags.WHICH not in ['build', 'run', 'seed', 'test'] -%}
        {{ return('') }}
    {%- endif -%}
    {%- set plan = unitcost_focus_plan() -%}
    {%- set problems = unitcost_preflight_problems(plan) -%}
    {%- if problems | length > 0 -%}
        {{ exceptions.raise_compiler_error(
            'unitcost preflight: ' ~ (problems | length) ~ ' problem'
            ~ ('s' if problems | length > 1 else '') ~ '; nothing was built, the previous build is unchanged.\n  - '
            ~ (problems | join('\n  - '))) }}
    {%- endif -%}
    {{ return('') }}
{% endmacro %}

{#- The problems that stop a build, in words, one per file or rule: FOCUS
    files (of `plan`, the file plan) that cannot be loaded, value files, and
    the scope and allocation configuration. -#}
{% macro unitcost_preflight_problems(plan) %}
    {%- set problems = unitcost_focus_file_problems(plan) -%}
    {%- do problems.extend(unitcost_values_preflight()) -%}
    {%- do problems.extend(unitcost_config_preflight()) -%}
    {{ return(problems) }}
{% endmacro %}

{#- The FOCUS files of `plan` that cannot be loaded, one paragraph each:
    the file, what is wrong and what to do. -#}
{% macro unitcost_focus_file_problems(plan) %}
    {%- set problems = [] -%}
    {%- for p in plan.unmatched -%}
        {%- do problems.append(p ~ ': no FOCUS file found (looked for .csv, .csv.gz, .parquet files; '
            ~ 'folders are searched recursively): check the path') -%}
    {%- endfor -%}
    {%- for f in plan.files if f.change != 'unchanged' -%}
        {%- if f.problem -%}
            {%- do problems.append(f.path ~ ': ' ~ f.problem) -%}
        {%- elif not f.is_focus -%}
            {%- do problems.append(f.path ~ ': not a FOCUS export (fewer than 3 of its '
                ~ (f.columns | length) ~ ' columns are FOCUS columns: '
                ~ (f.columns[:8] | join(', ')) ~ ('...' if f.columns | length > 8 else '') ~ '): '
                ~ "give unitcost your provider's FOCUS cost and usage export, or move this file out of the folder") -%}
        {%- elif f.missing | length > 0 -%}
            {%- do problems.append(f.path ~ ' (FOCUS ' ~ f.version ~ '): missing mandatory column'
                ~ ('s' if f.missing | length > 1 else '') ~ ' ' ~ (f.missing | join(', '))
                ~ ': export it again with every mandatory FOCUS column') -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(problems) }}
{% endmacro %}
