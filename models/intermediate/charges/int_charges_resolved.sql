{#- One row per FOCUS row read, with its final status. When one billing
    period of one billing account arrives in more than one export, only the
    newest export is used (newest file modification time, then the greatest
    export id); rows of older exports are rejected as superseded. A usable
    row whose currency has no FX rate is rejected too. Corrections stay in
    the billing period they arrive in. -#}

with

charges as (

    select * from {{ ref('int_charges_converted') }}

),

ranked_exports as (

    select * from {{ ref('int_charge_exports') }}

),

resolved as (

    select
        charges.*,
        case
            when charges.row_reject_rule is not null then charges.row_reject_rule
            when ranked_exports.export_rank > 1 then 'superseded_export'
            when charges.fx_rate is null then 'no_fx_rate'
        end as reject_rule,
        case
            when charges.row_reject_rule is not null then charges.row_problems
            when ranked_exports.export_rank > 1
                then 'billing period ' || cast(cast(charges.billing_period_start as date) as varchar)
                    || ' of billing account ' || charges.billing_account_id
                    || ' was exported again; the newer export ' || ranked_exports.newest_export_id
                    || ' replaces this one'
            when charges.fx_rate is null
                then 'no FX rate from ' || upper(charges.billing_currency) || ' to '
                    || charges.reporting_currency || ' on ' || cast(charges.charge_date as varchar)
                    || ' in seed fx_rates'
        end as reject_reason
    from charges
    left join ranked_exports
        on charges.provider_name = ranked_exports.provider_name
            and charges.billing_account_id = ranked_exports.billing_account_id
            and charges.billing_period_start = ranked_exports.billing_period_start
            and charges.export_id = ranked_exports.export_id

)

select * from resolved
