{#- The elements of a FOCUS 1.3 ContractApplied JSON object (Cost and Usage
    column ContractApplied, "Contract Applied Object": {"Elements": [{
    ContractId, ContractCommitmentId, ContractCommitmentAppliedCost,
    ContractCommitmentAppliedQuantity, ContractCommitmentAppliedUnit}]}) as
    rows: a select of `columns` (passed through) and contract_id,
    contract_commitment_id, applied_cost, applied_quantity, applied_unit
    from `relation` rows whose ContractApplied is not null. -#}
{% macro unitcost_contract_applied_elements(relation, columns) %}
    {{ return(adapter.dispatch('unitcost_contract_applied_elements', 'unitcost')(relation, columns)) }}
{% endmacro %}

{% macro default__unitcost_contract_applied_elements(relation, columns) -%}
    select
        {%- for c in columns %}
        applied.{{ c }},
        {%- endfor %}
        element ->> 'ContractId' as contract_id,
        element ->> 'ContractCommitmentId' as contract_commitment_id,
        cast(element ->> 'ContractCommitmentAppliedCost' as {{ unitcost_money_type() }}) as applied_cost,
        cast(element ->> 'ContractCommitmentAppliedQuantity' as {{ unitcost_quantity_type() }}) as applied_quantity,
        element ->> 'ContractCommitmentAppliedUnit' as applied_unit
    from {{ relation }} as applied
    cross join lateral jsonb_array_elements(cast(applied.contract_applied as jsonb) -> 'Elements') as element
    where applied.contract_applied is not null
{%- endmacro %}

{% macro duckdb__unitcost_contract_applied_elements(relation, columns) -%}
    select
        {%- for c in columns %}
        applied.{{ c }},
        {%- endfor %}
        element.ContractId as contract_id,
        element.ContractCommitmentId as contract_commitment_id,
        cast(element.ContractCommitmentAppliedCost as {{ unitcost_money_type() }}) as applied_cost,
        cast(element.ContractCommitmentAppliedQuantity as {{ unitcost_quantity_type() }}) as applied_quantity,
        element.ContractCommitmentAppliedUnit as applied_unit
    from {{ relation }} as applied,
        unnest(from_json(
            json_extract(applied.contract_applied, '$.Elements'),
            '[{"ContractId": "VARCHAR", "ContractCommitmentId": "VARCHAR",
               "ContractCommitmentAppliedCost": "DECIMAL(38,12)",
               "ContractCommitmentAppliedQuantity": "DECIMAL(38,12)",
               "ContractCommitmentAppliedUnit": "VARCHAR"}]'
        )) as elements(element)
    where applied.contract_applied is not null
{%- endmacro %}
