{#- The skeleton every KPI ratio shares, written once. A KPI says only what
    differs: which relations give its numerator (per cost basis) and its
    denominator (value data: the same on every basis), then joins them to
    the frame and lists its own final columns, ending with
    unitcost_kpi_quality_columns().

    unitcost_kpi_frame(cost_relations, value_relations, key_columns, periods)
    is a query with one row per key, KPI period and cost basis where any
    numerator relation has a row (for its basis) or any value relation has
    one (for every basis), with the period's end, length and the days of it
    the bill covers:
        <key_columns>, period_grain, period_start, period_end,
        days_in_period, cost_basis, days_with_cost, is_final,
        finality_reason
    (is_final: whether the period's figures can still change, see
    int_kpi_periods; every KPI mart carries it and its reason).
    cost_relations: CTE names with key_columns, period_grain, period_start,
    cost_basis; an entry may be a pair (name, condition) to take only the
    rows meeting the condition. value_relations: CTE names with
    key_columns, period_grain, period_start (no cost_basis). periods: the
    int_kpi_periods CTE. -#}
{% macro unitcost_kpi_frame(cost_relations=[], value_relations=[], key_columns=['scope_id'], periods='periods') -%}
    {%- set parts = [] %}
    {%- for relation in cost_relations %}
        {%- set name = relation if relation is string else relation[0] %}
        {%- set condition = none if relation is string else relation[1] %}
        {%- set part %}
        select
            {%- for column in key_columns %}
            {{ column }},
            {%- endfor %}
            period_grain,
            period_start,
            cost_basis
        from {{ name }}
        {%- if condition %}
        where {{ condition }}
        {%- endif %}
        {%- endset %}
        {%- do parts.append(part) %}
    {%- endfor %}
    {%- for name in value_relations %}
        {%- set part %}
        select
            {%- for column in key_columns %}
            {{ name }}.{{ column }},
            {%- endfor %}
            {{ name }}.period_grain,
            {{ name }}.period_start,
            kpi_bases.cost_basis
        from {{ name }}
        cross join ({{ unitcost_cost_bases() }}) as kpi_bases
        {%- endset %}
        {%- do parts.append(part) %}
    {%- endfor %}
    select
        {%- for column in key_columns %}
        kpi_keys.{{ column }},
        {%- endfor %}
        kpi_keys.period_grain,
        kpi_keys.period_start,
        {{ periods }}.period_end,
        {{ periods }}.days_in_period,
        kpi_keys.cost_basis,
        {{ periods }}.days_with_cost,
        {{ periods }}.is_final,
        {{ periods }}.finality_reason
    from (
        {%- for part in parts %}
        {{ part }}
        {%- if not loop.last %}
        union
        {%- endif %}
        {%- endfor %}
    ) as kpi_keys
    inner join {{ periods }}
        on kpi_keys.period_grain = {{ periods }}.period_grain
            and kpi_keys.period_start = {{ periods }}.period_start
{%- endmacro %}
