{#- The columns of value data (long form), in order, as
    {'name', 'required'}: a value file must have every required column
    (matched case-insensitively); `source` may be absent. -#}
{% macro unitcost_value_columns() %}
    {{ return([
        {'name': 'date', 'required': true},
        {'name': 'scope', 'required': true},
        {'name': 'metric', 'required': true},
        {'name': 'value', 'required': true},
        {'name': 'unit', 'required': true},
        {'name': 'source', 'required': false},
    ]) }}
{% endmacro %}
