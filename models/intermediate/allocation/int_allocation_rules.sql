{#- One row per allocation rule and recipient (grain: rule_id x
    recipient_scope_id), typed: method and fallback in lower case (fallback
    defaults to even), validity as dates, fixed_percent as a decimal. -#}

with

allocation_rules as (

    select * from {{ ref('allocation_rules') }}

),

recipients as (

    select * from {{ ref('allocation_recipients') }}

),

typed as (

    select
        trim(allocation_rules.rule_id) as rule_id,
        trim(allocation_rules.pool_scope_id) as pool_scope_id,
        lower(trim(allocation_rules.method)) as method,
        lower(nullif(trim(coalesce(allocation_rules.driver_metric, '')), '')) as driver_metric,
        coalesce(
            lower(nullif(trim(coalesce(allocation_rules.fallback_method, '')), '')), 'even'
        ) as fallback_method,
        cast(nullif(trim(coalesce(allocation_rules.valid_from, '')), '') as date) as valid_from,
        cast(nullif(trim(coalesce(allocation_rules.valid_to, '')), '') as date) as valid_to,
        trim(recipients.recipient_scope_id) as recipient_scope_id,
        cast(nullif(trim(coalesce(recipients.fixed_percent, '')), '') as decimal(18, 6)) as fixed_percent
    from allocation_rules
    inner join recipients
        on trim(allocation_rules.rule_id) = trim(recipients.rule_id)

)

select * from typed
