{#- The `<column>__typed` column of a FOCUS decimal or datetime column, read
    from a file (unitcost_select_focus_file) or a table
    (unitcost_select_focus_relation): the source column cast straight to its
    FOCUS type when the source already types it (`native`, from
    unitcost_focus_native_type: number, timestamptz or timestamp), else a
    typed null (the text column is parsed instead). -#}
{% macro unitcost_focus_typed_column(col, info, native) -%}
    {%- if native in ['number', 'timestamptz', 'timestamp'] -%}
        {{ unitcost_focus_cast_native(adapter.quote(info.source_for[col.name]), native) }} as {{ col.snake }}__typed
    {%- else -%}
        cast(null as {{ unitcost_money_type() if col.type == 'decimal' else 'timestamp' }}) as {{ col.snake }}__typed
    {%- endif -%}
{%- endmacro %}
