{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ unitcost_delete_dirty('cast(billing_period_start as date)', 'period') }}"
) }}

{#- One row per export of one billing period of one provider's billing
    account, ranked newest first: latest file modification time, then the
    greatest export id. Only usable rows count (a row that cannot be read
    cannot say which period it belongs to). Incremental by billing period:
    the periods of int_build_dirty_periods are replaced. -#}

-- depends_on: {{ ref('int_build_dirty_periods') }}

with

charges as (

    select * from {{ ref('stg_focus__charges') }}
    where row_reject_rule is null
        and {{ unitcost_incremental_filter('cast(billing_period_start as date)', 'period') }}

),

exports as (

    select
        provider_name,
        billing_account_id,
        billing_period_start,
        export_id,
        max(export_file_modified_at) as export_modified_at,
        count(*) as usable_rows
    from charges
    group by
        provider_name,
        billing_account_id,
        billing_period_start,
        export_id

),

ranked as (

    select
        *,
        row_number() over (
            partition by provider_name, billing_account_id, billing_period_start
            order by export_modified_at desc, export_id desc
        ) as export_rank,
        first_value(export_id) over (
            partition by provider_name, billing_account_id, billing_period_start
            order by export_modified_at desc, export_id desc
        ) as newest_export_id
    from exports

)

select * from ranked
