{#- on-run-start: engine settings that a profile cannot leave at the
    engine's default. DuckDB: threads from UNITCOST_DUCKDB_THREADS when set
    (otherwise DuckDB uses every core). Memory limit and spill folder are in
    profiles.yml. PostgreSQL: the helper functions of unitcost_try_cast. -#}
{% macro unitcost_engine_settings() %}
    {%- if execute and target.type == 'duckdb' and env_var('UNITCOST_DUCKDB_THREADS', '') | length > 0 -%}
        {%- set threads = env_var('UNITCOST_DUCKDB_THREADS') | int -%}
        {%- if threads < 1 -%}
            {{ exceptions.raise_compiler_error(
                'UNITCOST_DUCKDB_THREADS must be a whole number of at least 1, not '
                ~ env_var('UNITCOST_DUCKDB_THREADS')) }}
        {%- endif -%}
        {%- do run_query('set global threads = ' ~ threads) -%}
    {%- endif -%}
    {%- if execute and target.type == 'postgres' and flags.WHICH in ['build', 'run', 'seed', 'test'] -%}
        {%- do unitcost_postgres_functions() -%}
    {%- endif -%}
    {{ return('') }}
{% endmacro %}

{#- post-hook of every model: PostgreSQL does not gather statistics on a
    table created by `create table as` until autovacuum gets to it, and
    without them it misjudges joins of the next model by orders of
    magnitude (nested loops over thousands of rows); analyze each table as
    soon as it is built. Nothing elsewhere (an empty hook is not run). -#}
{% macro unitcost_analyze_model() %}
    {%- if target.type == 'postgres' and model.config.materialized in ['table', 'incremental'] -%}
        {{ return('analyze ' ~ this) }}
    {%- endif -%}
    {{ return('') }}
{% endmacro %}
