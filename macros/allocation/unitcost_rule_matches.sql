{#- SQL condition: the value `value_expr` satisfies a scope-rule condition
    given by the operator and value columns (equals, in, like are
    case-insensitive; regex is not; present/missing test for a value). -#}
{% macro unitcost_rule_matches(value_expr, operator_expr, match_value_expr) -%}
    case {{ operator_expr }}
        when 'equals' then lower({{ value_expr }}) = lower({{ match_value_expr }})
        when 'in' then {{ unitcost_in_pipe_list('lower(' ~ value_expr ~ ')', 'lower(' ~ match_value_expr ~ ')') }}
        when 'like' then lower({{ value_expr }}) like lower({{ match_value_expr }})
        when 'regex' then {{ unitcost_regex_matches(value_expr, match_value_expr) }}
        when 'present' then coalesce({{ value_expr }}, '') <> ''
        when 'missing' then coalesce({{ value_expr }}, '') = ''
        else false
    end
{%- endmacro %}

{#- True when `value_expr` is one of the |-separated values of `list_expr`. -#}
{% macro unitcost_in_pipe_list(value_expr, list_expr) %}
    {{ return(adapter.dispatch('unitcost_in_pipe_list', 'unitcost')(value_expr, list_expr)) }}
{% endmacro %}

{#- Portable: the list split into rows (unitcost_split_to_rows), trimmed. -#}
{% macro default__unitcost_in_pipe_list(value_expr, list_expr) -%}
    {{ value_expr }} in (
        select trim(list_items.item) from ({{ unitcost_split_to_rows(list_expr, '|', 'item') }}) as list_items
    )
{%- endmacro %}

{% macro duckdb__unitcost_in_pipe_list(value_expr, list_expr) -%}
    list_contains(list_transform(string_split({{ list_expr }}, '|'), lambda v: trim(v)), {{ value_expr }})
{%- endmacro %}

{#- True when `value_expr` matches the regular expression `pattern_expr`. -#}
{% macro unitcost_regex_matches(value_expr, pattern_expr) %}
    {{ return(adapter.dispatch('unitcost_regex_matches', 'unitcost')(value_expr, pattern_expr)) }}
{% endmacro %}

{#- regexp_like: Snowflake, Oracle, MySQL, Trino, Spark 3.3+. -#}
{% macro default__unitcost_regex_matches(value_expr, pattern_expr) -%}
    regexp_like({{ value_expr }}, {{ pattern_expr }})
{%- endmacro %}

{% macro postgres__unitcost_regex_matches(value_expr, pattern_expr) -%}
    ({{ value_expr }} ~ {{ pattern_expr }})
{%- endmacro %}

{% macro bigquery__unitcost_regex_matches(value_expr, pattern_expr) -%}
    regexp_contains({{ value_expr }}, {{ pattern_expr }})
{%- endmacro %}

{% macro duckdb__unitcost_regex_matches(value_expr, pattern_expr) -%}
    regexp_matches({{ value_expr }}, {{ pattern_expr }})
{%- endmacro %}

{#- The value of tag `key_expr` (an SQL expression giving the key) in a Tags
    JSON object text, as text; null when absent. -#}
{% macro unitcost_tag_value(tags_expr, key_expr) %}
    {{ return(adapter.dispatch('unitcost_tag_value', 'unitcost')(tags_expr, key_expr)) }}
{% endmacro %}

{#- SQL/JSON (SQL:2016) json_value: BigQuery, Oracle, SQL Server, MySQL,
    Trino, PostgreSQL 17. -#}
{% macro default__unitcost_tag_value(tags_expr, key_expr) -%}
    json_value({{ tags_expr }}, '$."' || replace({{ key_expr }}, '"', '\\"') || '"')
{%- endmacro %}

{#- PostgreSQL 15 has no json_value; ->> on the json type. -#}
{% macro postgres__unitcost_tag_value(tags_expr, key_expr) -%}
    (cast({{ tags_expr }} as json) ->> {{ key_expr }})
{%- endmacro %}

{% macro duckdb__unitcost_tag_value(tags_expr, key_expr) -%}
    json_extract_string({{ tags_expr }}, '$."' || replace({{ key_expr }}, '"', '\"') || '"')
{%- endmacro %}

{#- The charge value a scope-rule condition tests: the column named in
    match_column, or the tag for tag:<key> / original_tag:<key>. `prefix`
    names the columns when they carry one: int_charges_scoped tests rule
    profiles, whose columns are profile_<column>, profile_tags and
    profile_original_tags and already hold the values below.
    A FOCUS 1.3 allocated charge (split cost allocation) is matched on its
    allocated values: resource_id and resource_name are AllocatedResourceId
    and AllocatedResourceName when present, tag:<key> sees Tags together
    with AllocatedTags; original_resource_id, original_resource_name and
    original_tag:<key> test the origin charge's own values only. -#}
{% macro unitcost_scope_rule_value(charges, conditions, prefix='') -%}
    case {{ conditions }}.match_column
        {%- for c in unitcost_scope_rule_columns() %}
        when '{{ c }}' then {{ charges ~ '.' ~ prefix ~ c if prefix else unitcost_rule_column_value(charges, c) }}
        {%- endfor %}
        else
            case
                when {{ conditions }}.match_column like 'original_tag:%'
                    then {{ unitcost_tag_value(
                        charges ~ '.' ~ prefix ~ 'original_tags' if prefix else charges ~ '.tags',
                        conditions ~ '.tag_key'
                    ) }}
                else {{ unitcost_tag_value(
                    charges ~ '.' ~ prefix ~ 'tags' if prefix else unitcost_rule_tags(charges),
                    conditions ~ '.tag_key'
                ) }}
            end
    end
{%- endmacro %}

{#- The value of fct_charges column `column` as a scope rule sees it (see
    unitcost_scope_rule_value): allocated values first for the resource. -#}
{% macro unitcost_rule_column_value(charges, column) -%}
    {%- if column in ('resource_id', 'resource_name') -%}
        coalesce({{ charges }}.allocated_{{ column }}, {{ charges }}.{{ column }})
    {%- elif column in ('original_resource_id', 'original_resource_name') -%}
        {{ charges }}.{{ column[9:] }}
    {%- else -%}
        {{ charges }}.{{ column }}
    {%- endif -%}
{%- endmacro %}

{#- The Tags a tag:<key> rule sees: Tags with AllocatedTags (FOCUS 1.3
    forbids AllocatedTags to repeat a key of Tags, so the two never
    disagree); Tags alone on rows without AllocatedTags. -#}
{% macro unitcost_rule_tags(charges) -%}
    case
        when {{ charges }}.allocated_tags is null then {{ charges }}.tags
        when {{ charges }}.tags is null then {{ charges }}.allocated_tags
        else {{ unitcost_json_merge(charges ~ '.tags', charges ~ '.allocated_tags') }}
    end
{%- endmacro %}

{#- The JSON object text with the keys of both objects (b's value wins). -#}
{% macro unitcost_json_merge(a, b) %}
    {{ return(adapter.dispatch('unitcost_json_merge', 'unitcost')(a, b)) }}
{% endmacro %}

{% macro default__unitcost_json_merge(a, b) -%}
    cast(cast({{ a }} as jsonb) || cast({{ b }} as jsonb) as varchar)
{%- endmacro %}

{% macro duckdb__unitcost_json_merge(a, b) -%}
    cast(json_merge_patch({{ a }}, {{ b }}) as varchar)
{%- endmacro %}

{#- The tag key of a match_column tag:<key> or original_tag:<key>; null for
    a column. -#}
{% macro unitcost_rule_tag_key(match_column) -%}
    case
        when {{ match_column }} like 'tag:%' then substr({{ match_column }}, 5)
        when {{ match_column }} like 'original_tag:%' then substr({{ match_column }}, 14)
    end
{%- endmacro %}
