{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ unitcost_delete_dirty('source_file', 'file') }}"
) }}

{#- One row per row read from the FOCUS files, typed in the same pass that
    reads them (stg_focus__rows is a view): decimals, UTC timestamps,
    canonical enumerations, tags with trimmed keys; every problem that stops
    the row from being used listed in row_problems; a stable charge key; and,
    for a rejected row only, its values as written (raw_values). Costs are
    still in the billing currency. Incremental by file: the rows of new,
    changed and removed files are replaced. -#}

{%- set columns = focus_columns() %}
{%- set enums = focus_enums() %}
{%- set mandatory = focus_mandatory_values() %}
{%- set checked_types = ['decimal', 'datetime'] %}
{%- set text_kept = enums.keys() | list + mandatory + ['Tags', 'ServiceProviderName'] %}

with

focus_rows as (

    select * from {{ ref('stg_focus__rows') }}

),

cleaned as (

    select
        source_file,
        source_row_number,
        focus_version,
        export_id,
        export_file_modified_at,
        {%- for col in columns %}
        {{ unitcost_clean_text(col.snake) }} as {{ col.snake }},
        {%- if col.type in checked_types %}
        {{ col.snake }}__typed,
        {%- endif %}
        {{ col.snake }} as {{ col.snake }}__raw,
        {%- endfor %}
        extension_columns
    from focus_rows

),

typed as (

    select
        source_file,
        source_row_number,
        focus_version,
        export_id,
        export_file_modified_at,
        {%- for col in columns %}
        {%- if col.type == 'decimal' %}
        coalesce({{ col.snake }}__typed, {{ unitcost_parse_decimal(col.snake) }}) as {{ col.snake }},
        {%- elif col.type == 'datetime' %}
        coalesce({{ col.snake }}__typed, {{ unitcost_parse_timestamp(col.snake) }}) as {{ col.snake }},
        {%- elif col.name == 'Tags' %}
        {{ unitcost_parse_tags(col.snake) }} as {{ col.snake }},  -- noqa: PRS
        {%- elif col.name in enums %}
        {{ unitcost_normalize_enum(col.snake, enums[col.name]['values']) }} as {{ col.snake }},
        {%- else %}
        {{ col.snake }},
        {%- endif %}
        {%- if col.type in checked_types or col.name in text_kept %}
        {{ col.snake }} as {{ col.snake }}__text,
        {%- endif %}
        {{ col.snake }}__raw,
        {%- endfor %}
        extension_columns
    from cleaned

),

hashed as (

    select
        *,
        {{ unitcost_row_hash(columns | map(attribute='snake') | list + ['extension_columns']) }} as row_hash
    from typed

),

checked as (

    select
        *,
        concat_ws(
            '; ',
            {%- for name in mandatory %}
            {%- set snake = (columns | selectattr('name', 'equalto', name) | first).snake %}
            {%- if name == 'ProviderName' %}
            case
                when provider_name__text is null and service_provider_name__text is null
                    then 'ProviderName is empty but mandatory'
            end,
            {%- else %}
            case when {{ unitcost_focus_value_missing(name) }} then '{{ name }} is empty but mandatory' end,
            {%- endif %}
            {%- endfor %}
            {%- for col in columns if col.type == 'decimal' %}
            case
                when {{ col.snake }}__text is not null and {{ col.snake }} is null
                    then '{{ col.name }} ''' || left({{ col.snake }}__text, 60) || ''' is not a number'
            end,
            {%- endfor %}
            {%- for col in columns if col.type == 'datetime' %}
            case
                when {{ col.snake }}__text is not null and {{ col.snake }} is null
                    then '{{ col.name }} ''' || left({{ col.snake }}__text, 60)
                        || ''' is not an ISO 8601 date/time (other formats: --timestamp-format)'
            end,
            {%- endfor %}
            {%- for name, spec in enums.items() if spec.strict %}
            {%- set snake = (columns | selectattr('name', 'equalto', name) | first).snake %}
            case
                when {{ snake }}__text is not null
                    and not ({{ unitcost_is_known_enum(snake ~ '__text', spec['values']) }})
                    then '{{ name }} ''' || left({{ snake }}__text, 60)
                        || ''' is not a FOCUS value ({{ spec['values'] | join(', ') }})'
            end,
            {%- endfor %}
            case
                when tags__text is not null and tags is null
                    then 'Tags is not a JSON object: ''' || left(tags__text, 60) || ''''
            end,
            case
                when charge_period_end < charge_period_start
                    then 'ChargePeriodEnd is before ChargePeriodStart'
            end,
            case
                when billing_period_end <= billing_period_start
                    then 'BillingPeriodEnd is not after BillingPeriodStart'
            end
        ) as row_problems,
        concat_ws(
            '; ',
            {%- for name, spec in enums.items() if not spec.strict %}
            {%- set snake = (columns | selectattr('name', 'equalto', name) | first).snake %}
            case
                when {{ snake }}__text is not null
                    and not ({{ unitcost_is_known_enum(snake ~ '__text', spec['values']) }})
                    then '{{ name }} ''' || left({{ snake }}__text, 60) || ''' is not a FOCUS value'
            end{% if not loop.last %},{% endif %}
            {%- endfor %}
        ) as quality_notes,
        case
            {%- for name in mandatory %}
            {%- set snake = (columns | selectattr('name', 'equalto', name) | first).snake %}
            {%- if name == 'ProviderName' %}
            when provider_name__text is null and service_provider_name__text is null then 'missing_value'
            {%- else %}
            when {{ unitcost_focus_value_missing(name) }} then 'missing_value'
            {%- endif %}
            {%- endfor %}
            {%- for col in columns if col.type == 'decimal' %}
            when {{ col.snake }}__text is not null and {{ col.snake }} is null then 'unparseable_number'
            {%- endfor %}
            {%- for col in columns if col.type == 'datetime' %}
            when {{ col.snake }}__text is not null and {{ col.snake }} is null then 'unparseable_timestamp'
            {%- endfor %}
            {%- for name, spec in enums.items() if spec.strict %}
            {%- set snake = (columns | selectattr('name', 'equalto', name) | first).snake %}
            when {{ snake }}__text is not null
                and not ({{ unitcost_is_known_enum(snake ~ '__text', spec['values']) }})
                then 'unknown_value'
            {%- endfor %}
            when tags__text is not null and tags is null then 'invalid_tags'
            when charge_period_end < charge_period_start then 'invalid_period'
            when billing_period_end <= billing_period_start then 'invalid_period'
        end as row_reject_rule
    from hashed

),

keyed as (

    -- no window: the typed rows stream from the files to the table in bounded
    -- memory (a window over every column of 10M rows did not fit in 8 GB)
    select
        *,
        cast(row_hash as varchar) || '-' || cast(source_row_number as varchar) as charge_key
    from checked

)

select
    charge_key,
    source_file,
    source_row_number,
    focus_version,
    export_id,
    export_file_modified_at,
    {%- for col in columns %}
    {%- if col.name == 'ProviderName' %}
    coalesce(provider_name, service_provider_name) as provider_name,
    {%- elif col.name == 'ServiceProviderName' %}
    coalesce(service_provider_name, provider_name) as service_provider_name,
    {%- else %}
    {{ col.snake }},
    {%- endif %}
    {%- endfor %}
    extension_columns,
    cast(charge_period_start as date) as charge_date,
    nullif(quality_notes, '') as data_quality_notes,
    nullif(row_problems, '') as row_problems,
    row_reject_rule,
    case
        when row_reject_rule is not null then {{ unitcost_raw_values_json('keyed', '__raw') }}
    end as raw_values
from keyed
