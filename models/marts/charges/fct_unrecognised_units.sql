{#- One row per quantity unit of the bill that seeds/units.csv does not know
    (grain: unit_column x unit x provider_name), with how many staged
    charges carry it and their cost. A charge in such a unit keeps its cost,
    but its quantity converts to no canonical unit, so no usage-based KPI
    counts it (int_charge_quantities leaves the canonical quantity null).
    Summed from int_charge_units_by_period (the units of the resolved rows
    that fct_charges stages, per billing period), so that `unitcost
    validate` lists the same units without building the marts. Add a line
    to seeds/units.csv to make a unit count. -#}

with

used as (

    select * from {{ ref('int_charge_units_by_period') }}

),

units as (

    select * from {{ ref('units') }}

),

unit_keys as (

    select distinct {{ unitcost_unit_key('unit') }} as unit_key
    from units

),

unrecognised as (

    select
        used.unit_column,
        used.unit,
        used.provider_name,
        min(used.reporting_currency) as reporting_currency,
        sum(used.charge_rows) as charge_rows,
        sum(used.quantity) as quantity,
        sum(used.effective_cost) as effective_cost,
        sum(used.billed_cost) as billed_cost
    from used
    left join unit_keys
        on {{ unitcost_unit_key('used.unit') }} = unit_keys.unit_key
    where unit_keys.unit_key is null
    group by
        used.unit_column,
        used.unit,
        used.provider_name

),

final as (

    select
        unit_column,
        unit,
        provider_name,
        reporting_currency,
        cast(charge_rows as bigint) as charge_rows,
        cast(quantity as {{ unitcost_quantity_type() }}) as quantity,
        cast(effective_cost as {{ unitcost_money_type() }}) as effective_cost,
        cast(billed_cost as {{ unitcost_money_type() }}) as billed_cost
    from unrecognised

)

select * from final
