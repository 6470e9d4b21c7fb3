{#- The data-quality columns that end every KPI ratio, in this order:
    numerator_direct_pct, numerator_shared_pct, numerator_unallocated_pct
    (the shares of the numerator cost that are direct, shared and
    unallocated), denominator_days_with_data,
    denominator_completeness_pct (denominator days / days in the period)
    and numerator_days_with_data (days of the period the bill covers).
    `guard`, when given, is a condition the split percentages need (null
    otherwise), e.g. a cost not close to zero. -#}
{% macro unitcost_kpi_quality_columns(
    numerator_cost, direct_cost, shared_cost, unallocated_cost, denominator_days,
    numerator_days='days_with_cost', days_in_period='days_in_period', guard=none
) -%}
    {%- for part, expression in [('direct', direct_cost), ('shared', shared_cost), ('unallocated', unallocated_cost)] %}
        {%- if guard %}
        case
            when {{ guard | replace('{part}', expression) }}
                then {{ unitcost_percent(expression, numerator_cost) }}
        end as numerator_{{ part }}_pct,
        {%- else %}
        {{ unitcost_percent(expression, numerator_cost) }} as numerator_{{ part }}_pct,
        {%- endif %}
    {%- endfor %}
        {{ denominator_days }} as denominator_days_with_data,
        {{ unitcost_percent(denominator_days, days_in_period) }} as denominator_completeness_pct,
        {{ numerator_days }} as numerator_days_with_data
{%- endmacro %}
