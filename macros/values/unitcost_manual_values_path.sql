{#- Path of the manual_values seed file: relative to the project
    (seeds/manual_values.csv, how rows are labelled in source_file), or
    absolute when `absolute` is true (to read the file itself; none when
    the project has no such seed or before execution). -#}
{% macro unitcost_manual_values_path(absolute=false) %}
    {%- set found = {'relative': 'seeds/manual_values.csv', 'root': none} -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values()
            if node.resource_type == 'seed' and node.name == 'manual_values' and node.package_name == project_name -%}
            {%- do found.update({'relative': node.original_file_path, 'root': node.root_path}) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if absolute -%}
        {{ return(found.root ~ '/' ~ found.relative if found.root else none) }}
    {%- endif -%}
    {{ return(found.relative) }}
{% endmacro %}
