{#- The conditions of seeds/kpi_cost_selections.csv as the scope rules'
    matcher reads them (unitcost_rule_matches, unitcost_scope_rule_value):
    ids, columns and operators trimmed, operators lower-cased, the tag key
    of a tag:<key> column, an empty value as null. A select; a selection
    picks a charge when any of its conditions matches. -#}
{% macro unitcost_kpi_selections() -%}
    select
        trim(selection_id) as selection_id,
        trim(match_column) as match_column,
        {{ unitcost_rule_tag_key('trim(match_column)') }} as tag_key,
        lower(trim(match_operator)) as match_operator,
        nullif(trim(coalesce(match_value, '')), '') as match_value
    from {{ ref('kpi_cost_selections') }}
{%- endmacro %}
