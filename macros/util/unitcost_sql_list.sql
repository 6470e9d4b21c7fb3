{#- A parenthesised list of SQL text literals for `in`, e.g. ('a', 'b');
    (null) when the list is empty, so `x in (null)` matches nothing. -#}
{% macro unitcost_sql_list(values) -%}
    ({% for v in values %}'{{ v | string | replace("'", "''") }}'{% if not loop.last %}, {% endif %}{% else %}null{% endfor %})
{%- endmacro %}
