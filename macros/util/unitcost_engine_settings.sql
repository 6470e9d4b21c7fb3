{#- on-run-start: engine settings that a profile cannot leave at the
    engine's default. DuckDB: threads from UNITCOST_DUCKDB_THREADS when set
    (otherwise DuckDB uses every core). Memory limit and spill folder are in
    profiles.yml. -#}
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
    {{ return('') }}
{% endmacro %}
