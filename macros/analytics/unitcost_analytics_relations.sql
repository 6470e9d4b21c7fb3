{#- Small relations the unit-cost analytics marts share (each a query to put
    in a CTE). -#}

{#- The latest month the bill covers (one row, column period_start): the
    "current month" of the persona views, the target bands and the checks. -#}
{% macro unitcost_latest_cost_month() -%}
    select max(period_start) as period_start
    from {{ ref('int_kpi_periods') }}
    where period_grain = 'month' and days_with_cost > 0
{%- endmacro %}

{#- The unit each scope sells, var('kpi_primary_unit_metrics'), as rows
    (scope_id, denominator_metric); no rows when the var is empty. -#}
{% macro unitcost_primary_unit_rows() -%}
    {%- set primary_units = var('kpi_primary_unit_metrics', {}) %}
    {%- for scope, metric in primary_units.items() %}
    select
        '{{ scope }}' as scope_id,
        '{{ metric | lower }}' as denominator_metric
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- else %}
    select
        cast(null as varchar) as scope_id,
        cast(null as varchar) as denominator_metric
    where 1 = 0
    {%- endfor %}
{%- endmacro %}

{#- One current business metric per denominator (dim_metrics): the one on all
    the scope's cost when several divide by the same value metric, then the
    first metric_id. -#}
{% macro unitcost_metric_per_denominator() -%}
    select *
    from (
        select
            *,
            row_number() over (
                partition by denominator_metric
                order by case when cost_numerator = 'scope_cost' then 0 else 1 end, metric_id
            ) as metric_rank
        from {{ ref('dim_metrics') }}
        where status <> 'retired' and metric_kind = 'business'
    ) as ranked
    where metric_rank = 1
{%- endmacro %}
