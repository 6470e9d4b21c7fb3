{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ unitcost_delete_dirty('billing_period', 'period') }}"
) }}

{#- One row per staged FOCUS charge: every FOCUS 1.0-1.3 column typed, costs
    in the reporting currency (billing-currency amounts kept alongside), with
    its source file, detected FOCUS version and stable charge key. Rows of
    superseded exports and rejected rows are in fct_charge_rejects.
    Incremental by billing period (int_build_dirty_periods). -#}

-- depends_on: {{ ref('int_build_dirty_periods') }}

{%- set converted = focus_converted_columns() %}

with

resolved as (

    select * from {{ ref('int_charges_resolved') }}
    where reject_rule is null
        and {{ unitcost_incremental_filter('cast(billing_period_start as date)', 'period') }}

),

final as (

    select
        charge_key,
        {%- for col in focus_columns() %}
        {%- if col.snake in converted %}
        cast({{ col.snake }} * fx_rate as {{ unitcost_money_type() }}) as {{ col.snake }},
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
