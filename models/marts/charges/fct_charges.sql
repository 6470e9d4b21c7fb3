{{ config(materialized='view') }}

{#- One row per staged FOCUS charge: every FOCUS 1.0-1.3 column typed, costs
    in the reporting currency (billing-currency amounts kept alongside), with
    its source file, detected FOCUS version and stable charge key. Rows of
    superseded exports and rejected rows are in fct_charge_rejects.
    A view, never a second stored copy of the charges: its rows are the
    staged rows of stg_focus__charges (stored once, incremental by file)
    that the small tables int_charge_exports and fx_rates let through,
    converted on the fly. Reading a few columns of it reads only those
    columns of the staged table; at 10M rows a stored copy of every column
    was half the build. -#}

{%- set converted = focus_converted_columns() %}

with

resolved as (

    select * from {{ ref('int_charges_resolved') }}
    where reject_rule is null

),

final as (

    select
        charge_key,
        {%- for col in focus_columns() %}
        {%- if col.snake in converted %}
        {{ unitcost_convert_money(col.snake, 'fx_rate') }} as {{ col.snake }},
        {%- else %}
        {{ col.snake }},
        {%- endif %}
        {%- endfor %}
        reporting_currency,
        fx_rate,
        {%- for c in converted %}
        {{ c }} as billing_currency_{{ c }},
        {%- endfor %}
        charge_date,
        cast(billing_period_start as date) as billing_period,
        (
            charge_category = 'Purchase'
            and effective_cost = 0
            and billed_cost <> 0
        ) as is_prepaid_purchase,
        coalesce(commitment_discount_status = 'Unused', false) as is_unused_commitment,
        coalesce(charge_class = 'Correction', false) as is_correction,
        extension_columns,
        data_quality_notes,
        source_file,
        source_row_number,
        focus_version,
        export_id
    from resolved

)

select * from final
