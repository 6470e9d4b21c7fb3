{#- int_charges_scoped: its charges (fct_charges, dirty billing periods) with
    their rule profile and its hash (`used` is the model's CTE saying which
    columns the rules test). Written once, read twice
    (for the distinct profiles, and for the charges joining their winning
    rule) as two subqueries, not one CTE referenced twice: DuckDB would
    materialize that CTE, every column of every charge. -#}
{% macro unitcost_profiled_charges(rule_columns, profile_columns) -%}
    select
        *,
        {{ unitcost_row_hash(['charge_date'] + profile_columns) }} as profile_hash
    from (
        select
            {%- for c in rule_columns %}
            case when used.uses_{{ c }} then {{ unitcost_rule_column_value('charges', c) }} end as profile_{{ c }},
            {%- endfor %}
            charges.*,
            case when used.uses_tags then {{ unitcost_rule_tags('charges') }} end as profile_tags,
            case when used.uses_original_tags then charges.tags end as profile_original_tags
        from {{ ref('fct_charges') }} as charges
        cross join used
        where {{ unitcost_incremental_filter('charges.billing_period', 'period') }}
    ) as profiled

{%- endmacro %}
