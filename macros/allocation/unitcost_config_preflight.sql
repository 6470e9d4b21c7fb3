{#- The problems of the scope, allocation and KPI configuration (seed CSV files),
    as a list of "file rule 'id': problem" strings, read before anything is
    built. Empty when the configuration is valid or on engines other than
    DuckDB (there the data test assert_configuration_is_valid guards it). -#}
{% macro unitcost_config_preflight() %}
    {{ return(adapter.dispatch('unitcost_config_preflight', 'unitcost')()) }}
{% endmacro %}

{% macro default__unitcost_config_preflight() %}
    {{ return([]) }}
{% endmacro %}

{% macro duckdb__unitcost_config_preflight() %}
    {%- set problems = [] -%}
    {%- if not execute -%}
        {{ return(problems) }}
    {%- endif -%}
    {%- set metrics = unitcost_value_metric_names() -%}
    {%- set metrics_relation -%}
        (
            select cast(null as varchar) as metric where false
            {%- for m in metrics %}
            union all select '{{ m | replace("'", "''") }}'
            {%- endfor %}
        )
    {%- endset -%}
    {%- set sql = unitcost_config_problems_sql(
        unitcost_seed_file_relation('scopes'),
        unitcost_seed_file_relation('scope_rules'),
        unitcost_seed_file_relation('allocation_rules'),
        unitcost_seed_file_relation('allocation_recipients'),
        metrics_relation,
        unitcost_seed_file_relation('kpi_cost_selections')
    ) -%}
    {%- for row in run_query(sql ~ "\norder by 1, 2, 3").rows -%}
        {%- do problems.append(row[0] ~ " rule '" ~ row[1] ~ "': " ~ row[2]) -%}
    {%- endfor -%}
    {{ return(problems) }}
{% endmacro %}
