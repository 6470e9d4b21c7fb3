{#- Tags (a JSON object as text) with keys trimmed (exports carry keys such
    as " org"); when a trimmed key repeats, its first occurrence wins. Null
    when the text is not a JSON object: unitcost_is_json_object tells which. -#}
{% macro unitcost_parse_tags(expr) %}
    {{ return(adapter.dispatch('unitcost_parse_tags', 'unitcost')(expr)) }}
{% endmacro %}

{% macro default__unitcost_parse_tags(expr) -%}
    {{ expr }}
{%- endmacro %}

{#- PostgreSQL: the json type keeps keys in order and duplicates (jsonb
    would not), so the first of keys that trim alike is kept, and the object
    is written as DuckDB writes it ({"k":"v",...}, values as text). -#}
{% macro postgres__unitcost_parse_tags(expr) -%}
    case
        when not ({{ unitcost_is_json_object(expr) }}) then null
        when not ({{ unitcost_regex_matches(expr, "'[{,]\\s*\"\\s|\\s\"\\s*:'") }}) then {{ expr }}
        else (
            select '{' || coalesce(string_agg(
                cast(to_json(tag_key) as text) || ':' || coalesce(cast(to_json(tag_value) as text), 'null'),
                ',' order by first_position), '') || '}'
            from (
                select trim(tags.key) as tag_key, min(tags.position) as first_position,
                    (array_agg(tags.value order by tags.position))[1] as tag_value
                from json_each_text(cast({{ expr }} as json)) with ordinality as tags (key, value, position)
                group by trim(tags.key)
            ) as trimmed
        )
    end
{%- endmacro %}

{% macro duckdb__unitcost_parse_tags(expr) -%}
    {%- set as_object = "case when " ~ unitcost_is_json_object(expr) ~ " then " ~ expr ~ " else '{}' end" -%}
    {%- set tag_map = "json_transform(" ~ as_object ~ ", '\"MAP(VARCHAR, VARCHAR)\"')" -%}
    case
        when not ({{ unitcost_is_json_object(expr) }}) then null
        {#- Only keys with surrounding spaces need the (slower) rebuild. #}
        when not regexp_matches({{ expr }}, '[{,]\s*"\s|\s"\s*:') then {{ expr }}
        else cast(to_json(map_from_entries(list_filter(
            list_transform(map_entries({{ tag_map }}), lambda e: {'key': trim(e.key), 'value': e.value}),
            lambda e, i: list_position(list_transform(map_keys({{ tag_map }}), lambda k: trim(k)), e.key) = i
        ))) as varchar)
    end
{%- endmacro %}

{#- True when the text is a JSON object (null text gives null). -#}
{% macro unitcost_is_json_object(expr) %}
    {{ return(adapter.dispatch('unitcost_is_json_object', 'unitcost')(expr)) }}
{% endmacro %}

{% macro default__unitcost_is_json_object(expr) -%}
    ({{ expr }} like '{{ "{" }}%')
{%- endmacro %}

{% macro postgres__unitcost_is_json_object(expr) -%}
    coalesce(json_typeof({{ unitcost_try_cast(expr, 'json') }}) = 'object', false)
{%- endmacro %}

{% macro duckdb__unitcost_is_json_object(expr) -%}
    coalesce(json_type(case when json_valid({{ expr }}) then {{ expr }} end) = 'OBJECT', false)
{%- endmacro %}
