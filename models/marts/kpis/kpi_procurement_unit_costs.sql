{#- Procurement's view of unit cost (grain: metric_id x scope_id x
    period_grain x period_start): every unit cost of fct_unit_costs on the
    list basis (no discount at all), the contracted basis (negotiated rates,
    no commitment discounts) and the effective basis (negotiated rates and
    commitment discounts, amortized), side by side, with what each kind of
    discount saves per unit and in total. savings_rate_pct = (list -
    effective) / list x 100. Prepaid commitment purchases reach the
    effective basis through the usage they cover and are left out of list
    and contracted (docs/decisions.md, Cost bases), so the three are
    comparable. See the docs block kpi_procurement_unit_costs. -#}

with

unit_costs as (

    select * from {{ ref('fct_unit_costs') }}

),

pivoted as (

    select
        metric_id,
        scope_id,
        period_grain,
        period_start,
        min(period_end) as period_end,
        min(reporting_currency) as reporting_currency,
        min(unit_label) as unit_label,
        min(denominator_unit) as denominator_unit,
        max(case when cost_basis = 'effective' then denominator_value end) as denominator_value,
        {%- for basis in ['list', 'contracted', 'effective'] %}
        max(case when cost_basis = '{{ basis }}' then numerator_cost end) as {{ basis }}_cost,
        max(case when cost_basis = '{{ basis }}' then unit_cost end) as {{ basis }}_unit_cost,
        {%- endfor %}
        max(case when cost_basis = 'effective' then null_reason end) as null_reason,
        bool_and(is_final) as is_final,
        min(finality_reason) as finality_reason
    from unit_costs
    group by 1, 2, 3, 4

),

final as (

    select
        metric_id,
        scope_id,
        period_grain,
        period_start,
        period_end,
        reporting_currency,
        unit_label,
        denominator_unit,
        denominator_value,
        cast(list_cost as {{ unitcost_money_type() }}) as list_cost,
        cast(contracted_cost as {{ unitcost_money_type() }}) as contracted_cost,
        cast(effective_cost as {{ unitcost_money_type() }}) as effective_cost,
        cast(list_unit_cost as {{ unitcost_money_type() }}) as list_unit_cost,
        cast(contracted_unit_cost as {{ unitcost_money_type() }}) as contracted_unit_cost,
        cast(effective_unit_cost as {{ unitcost_money_type() }}) as effective_unit_cost,
        cast(list_unit_cost - contracted_unit_cost as {{ unitcost_money_type() }}) as negotiated_savings_per_unit,
        cast(contracted_unit_cost - effective_unit_cost as {{ unitcost_money_type() }})
            as commitment_savings_per_unit,
        cast(list_cost - contracted_cost as {{ unitcost_money_type() }}) as negotiated_savings,
        cast(contracted_cost - effective_cost as {{ unitcost_money_type() }}) as commitment_savings,
        {{ unitcost_percent('list_cost - contracted_cost', 'list_cost') }} as negotiated_discount_pct,
        {{ unitcost_percent('contracted_cost - effective_cost', 'contracted_cost') }} as commitment_discount_pct,
        {{ unitcost_percent('list_cost - effective_cost', 'list_cost') }} as savings_rate_pct,
        null_reason,
        is_final,
        finality_reason
    from pivoted

)

select * from final
