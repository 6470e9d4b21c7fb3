{#- One row per scope-rule condition (grain: rule_id x condition), typed:
    priority as an integer, validity as dates, the tag key split out. The
    configuration check has already refused invalid rows. -#}

with

scope_rules as (

    select * from {{ ref('scope_rules') }}

),

typed as (

    select
        trim(rule_id) as rule_id,
        cast(trim(priority) as integer) as priority,
        trim(scope_id) as scope_id,
        trim(match_column) as match_column,
        {{ unitcost_rule_tag_key('trim(match_column)') }} as tag_key,
        lower(trim(match_operator)) as match_operator,
        nullif(trim(coalesce(match_value, '')), '') as match_value,
        cast(nullif(trim(coalesce(valid_from, '')), '') as date) as valid_from,
        cast(nullif(trim(coalesce(valid_to, '')), '') as date) as valid_to
    from scope_rules

),

counted as (

    select
        *,
        count(*) over (partition by rule_id) as rule_condition_count
    from typed

)

select * from counted
