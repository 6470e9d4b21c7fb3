{#- The share of its origin charge a FOCUS 1.3 allocated charge carries: the
    sum of AllocatedRatio over the Elements of its AllocatedMethodDetails
    (FOCUS 1.3, Cost and Usage column AllocatedMethodDetails, "Allocated
    Method Details Object": the ratios of the allocated charges of one
    origin charge sum to 1). Null when the details are null or name no
    ratio. -#}
{% macro unitcost_allocated_ratio(details) %}
    {{ return(adapter.dispatch('unitcost_allocated_ratio', 'unitcost')(details)) }}
{% endmacro %}

{% macro default__unitcost_allocated_ratio(details) -%}
    (
        select sum(cast(element ->> 'AllocatedRatio' as double precision))
        from jsonb_array_elements(cast({{ details }} as jsonb) -> 'Elements') as element
    )
{%- endmacro %}

{% macro duckdb__unitcost_allocated_ratio(details) -%}
    list_sum(
        list_transform(
            cast(json_extract({{ details }}, '$.Elements[*].AllocatedRatio') as varchar[]),
            lambda r: try_cast(r as {{ unitcost_double_type() }})
        )
    )
{%- endmacro %}
