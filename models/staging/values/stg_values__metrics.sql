{{ config(materialized='table') }}

{#- One row per value row read (files and the manual_values seed), typed:
    the period it covers, the value as a decimal, its unit matched to the
    units seed and converted to the canonical unit; money converted to the
    reporting currency at the rate of the period start. row_problems lists
    every problem that keeps the row out of fct_business_metrics (a scope
    missing from the scopes seed is one: its value could feed no KPI);
    row_reject_rule names the first. -#}

{%- set reporting = var('reporting_currency') | upper %}

with

value_rows as (

    select * from {{ ref('stg_values__rows') }}

),

units as (

    select * from {{ ref('units') }}

),

fx_rates as (

    select * from {{ ref('fx_rates') }}

),

scopes as (

    select * from {{ ref('scopes') }}

),

unit_map as (

    select
        {{ unitcost_unit_key('unit') }} as unit_key,
        canonical_unit,
        factor,
        dimension
    from units

),

reporting_rates as (

    {{ unitcost_reporting_fx_rates('fx_rates') }}

),

cleaned as (

    select
        source_file,
        source_row_number,
        {{ unitcost_clean_text('date_text') }} as date_text,
        {{ unitcost_clean_text('scope_text') }} as scope_id,
        lower({{ unitcost_clean_text('metric_text') }}) as metric,
        {{ unitcost_clean_text('value_text') }} as value_text,
        {{ unitcost_clean_text('unit_text') }} as unit,
        {{ unitcost_clean_text('source_text') }} as source,  -- noqa: RF04
        extra_columns
    from value_rows

),

typed as (

    select
        source_file,
        source_row_number,
        date_text,
        {{ unitcost_value_period_grain('date_text') }} as period_grain,
        {{ unitcost_parse_value_period_start('date_text') }} as period_start,
        scope_id,
        metric,
        value_text,
        {{ unitcost_parse_decimal('value_text') }} as value,  -- noqa: RF04
        unit,
        {{ unitcost_unit_key('unit') }} as unit_key,
        source,
        extra_columns
    from cleaned

),

with_units as (

    select
        typed.*,
        unit_map.canonical_unit as unit_canonical_unit,
        unit_map.factor as unit_factor,
        unit_map.dimension as unit_dimension,
        case when unit_map.dimension = 'currency' then upper(unit_map.canonical_unit) end as currency,
        scopes.scope_id is not null as is_known_scope
    from typed
    left join unit_map
        on typed.unit_key = unit_map.unit_key
    left join scopes
        on typed.scope_id = scopes.scope_id

),

converted as (

    {{ unitcost_select_with_fx_rate('with_units', 'with_units.currency', 'with_units.period_start') }}

),

checked as (

    select
        *,
        concat_ws(
            '; ',
            case when date_text is null then 'date is empty but mandatory' end,
            case when scope_id is null then 'scope is empty but mandatory' end,
            case when metric is null then 'metric is empty but mandatory' end,
            case when value_text is null then 'value is empty but mandatory' end,
            case when unit is null then 'unit is empty but mandatory' end,
            case
                when date_text is not null and period_start is null
                    then 'date ''' || left(date_text, 60) || ''' is not a day (YYYY-MM-DD) or a month (YYYY-MM)'
            end,
            case
                when value_text is not null and value is null
                    then 'value ''' || left(value_text, 60)
                        || ''' is not a number (no thousands separators or currency symbols)'
            end,
            case
                when unit is not null and unit_canonical_unit is null
                    then 'unit ''' || left(unit, 60) || ''' is not in seeds/units.csv'
            end,
            case
                when scope_id is not null and not is_known_scope
                    then 'scope ''' || left(scope_id, 60) || ''' is not in seeds/scopes.csv'
            end,
            case
                when currency is not null and period_start is not null and fx_rate is null
                    then 'no FX rate from ' || currency || ' to {{ reporting }} on '
                        || cast(period_start as varchar) || ' in seed fx_rates'
            end
        ) as row_problems,
        case
            when date_text is null or scope_id is null or metric is null or value_text is null or unit is null
                then 'missing_value'
            when period_start is null then 'unparseable_date'
            when value is null then 'unparseable_number'
            when unit_canonical_unit is null then 'unknown_unit'
            when not is_known_scope then 'unknown_scope'
            when currency is not null and fx_rate is null then 'no_fx_rate'
        end as row_reject_rule
    from converted

),

final as (

    select
        source_file,
        source_row_number,
        period_start,
        case period_grain
            when 'day' then cast({{ dbt.dateadd('day', 1, 'period_start') }} as date)
            when 'month' then cast({{ dbt.dateadd('month', 1, 'period_start') }} as date)
        end as period_end,
        case when period_start is not null then period_grain end as period_grain,
        scope_id,
        metric,
        value,
        unit,
        case
            when currency is not null then '{{ reporting }}'
            else unit_canonical_unit
        end as canonical_unit,
        case
            when currency is not null then {{ unitcost_convert_money('value', 'fx_rate') }}
            else {{ unitcost_convert_quantity('value', 'unit_factor') }}
        end as canonical_value,
        unit_dimension,
        currency,
        fx_rate,
        source,
        extra_columns,
        nullif(row_problems, '') as row_problems,
        row_reject_rule
    from checked

)

select * from final
