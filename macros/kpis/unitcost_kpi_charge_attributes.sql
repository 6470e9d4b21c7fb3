{#- The charge attributes the KPI spine groups and slices by, written once
    per charge in int_charges_scoped and carried by every row of
    int_scope_charge_costs (direct, shared, unallocated), so that the spine
    reads scope rows alone and never joins the bill back by charge key (at
    100M rows those joins spilled until the disk was full):
      provider_name .. sku_id        FOCUS columns (fct_charges)
      consumed_*                     ConsumedQuantity/ConsumedUnit and their
                                     canonical unit and quantity (seeds/units.csv,
                                     as int_charge_quantities converts them)
      kpi_selection_ids              the selections of seeds/kpi_cost_selections.csv
                                     that pick the charge, as '|ai|api|' (null: none)
      storage_tier                   for charges of the 'storage' selection
                                     (unitcost_storage_tier), else null -#}
{% macro unitcost_kpi_charge_attributes() %}
    {{ return([
        'provider_name', 'service_name', 'service_category', 'service_subcategory',
        'region_id', 'sub_account_id', 'sku_id',
        'consumed_quantity', 'consumed_unit', 'consumed_canonical_unit', 'consumed_canonical_quantity',
        'kpi_selection_ids', 'storage_tier'
    ]) }}
{% endmacro %}

{#- True when the selection list `selection_ids` ('|ai|api|', see above)
    holds the selection `selection_id` (an SQL expression each). -#}
{% macro unitcost_kpi_selection_picks(selection_ids, selection_id) -%}
    {{ selection_ids }} like '%|' || {{ selection_id }} || '|%'
{%- endmacro %}
