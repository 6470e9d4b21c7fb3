{#- The rows of the FOCUS 1.3 Contract Commitment datasets named by
    var('commitment_paths') (CSV or Parquet files, folders searched
    recursively, globs), every column as text under its FOCUS name, plus
    source_file; a column a file lacks is null. An empty relation when no
    path is given. Reading files is DuckDB only; on a warehouse load the
    dataset as a table instead. -#}
{% macro unitcost_contract_commitment_columns() %}
    {{ return([
        'ContractCommitmentId', 'ContractCommitmentType', 'ContractCommitmentCategory',
        'ContractCommitmentCost', 'ContractCommitmentQuantity', 'ContractCommitmentUnit',
        'ContractCommitmentPeriodStart', 'ContractCommitmentPeriodEnd', 'ContractId',
        'ContractPeriodStart', 'ContractPeriodEnd', 'BillingCurrency', 'PricingCurrency',
        'InvoiceIssuerName'
    ]) }}
{% endmacro %}

{% macro unitcost_contract_commitments_relation() %}
    {%- set paths = var('commitment_paths', []) -%}
    {%- if paths is string -%}{%- set paths = [paths] if paths | trim else [] -%}{%- endif -%}
    {%- if not paths or not execute -%}
        select
            cast(null as {{ dbt.type_string() }}) as source_file
            {%- for c in unitcost_contract_commitment_columns() %},
            cast(null as {{ dbt.type_string() }}) as {{ c }}
            {%- endfor %}
        where 1 = 0
    {%- else -%}
        {{ return(adapter.dispatch('unitcost_contract_commitments_relation', 'unitcost')(paths)) }}
    {%- endif -%}
{% endmacro %}

{% macro default__unitcost_contract_commitments_relation(paths) %}
    {{ exceptions.raise_compiler_error(
        'unitcost: Contract Commitment files (commitment_paths) are read on DuckDB only; '
        ~ 'on ' ~ target.type ~ ' load the dataset as a table instead.'
    ) }}
{% endmacro %}

{% macro duckdb__unitcost_contract_commitments_relation(paths) -%}
    {%- set listed = unitcost_list_data_files(paths) -%}
    {%- if listed.unmatched -%}
        {{ exceptions.raise_compiler_error(
            'unitcost: no Contract Commitment file (.csv, .csv.gz, .parquet) at ' ~ listed.unmatched | join(', ')
        ) }}
    {%- endif -%}
    {%- for f in listed.files %}
    {%- set reader -%}
        {%- if f.format == 'parquet' -%}
            read_parquet({{ unitcost_sql_text(f.path) }})
        {%- else -%}
            read_csv({{ unitcost_sql_text(f.path) }}, header = true, all_varchar = true)
        {%- endif -%}
    {%- endset -%}
    {%- set present = [] -%}
    {%- for row in run_query('describe select * from ' ~ reader).rows -%}
        {%- do present.append(row[0] | lower) -%}
    {%- endfor %}
    select
        {{ unitcost_sql_text(f.path) }} as source_file
        {%- for c in unitcost_contract_commitment_columns() %},
        {% if c | lower in present -%}
        nullif(trim(cast("{{ c }}" as varchar)), '')
        {%- else -%}
        cast(null as varchar)
        {%- endif %} as {{ c }}
        {%- endfor %}
    from {{ reader }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
