{#- A query with one row per cost basis (column cost_basis): effective,
    billed, list, contracted. -#}
{% macro unitcost_cost_bases() -%}
    {%- for basis in ['effective', 'billed', 'list', 'contracted'] %}
    select '{{ basis }}' as cost_basis
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
