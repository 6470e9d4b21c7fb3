{#- One row per accepted business value row (value files and the
    manual_values seed): its period, scope, metric, the value as written and
    in its canonical unit (money in the reporting currency), and where it
    came from. Rejected rows are in fct_value_rejects. -#}

with

metrics as (

    select * from {{ ref('stg_values__metrics') }}
    where row_reject_rule is null

),

final as (

    select
        source_file,
        source_row_number,
        period_start,
        period_end,
        period_grain,
        scope_id,
        metric,
        canonical_value,
        canonical_unit,
        unit_dimension,
        value,
        unit,
        currency,
        fx_rate,
        source,
        extra_columns
    from metrics

)

select * from final
