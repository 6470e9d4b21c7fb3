{#- The billing-period key the conservation tests group by: the date of a
    BillingPeriodStart timestamp as YYYY-MM-DD text, '(unreadable)' when it
    is null (missing or unparseable). -#}
{% macro unitcost_focus_period_key(timestamp_expr) -%}
    coalesce(cast(cast({{ timestamp_expr }} as date) as {{ dbt.type_string() }}), '(unreadable)')
{%- endmacro %}
