{#- The cost bases every cost model carries, in their display order: each
    names a pair of columns <basis>_cost in the charge and scope models. -#}
{% macro unitcost_cost_basis_names() -%}
    {{ return(['effective', 'billed', 'list', 'contracted']) }}
{%- endmacro %}

{#- A query with one row per cost basis (column cost_basis): effective,
    billed, list, contracted. -#}
{% macro unitcost_cost_bases() -%}
    {%- for basis in unitcost_cost_basis_names() %}
    select '{{ basis }}' as cost_basis
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
