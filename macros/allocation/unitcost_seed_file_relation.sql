{#- A seed's CSV file of this project read as text (every column varchar),
    for checks that run in on-run-start, before seeds are loaded. DuckDB only. -#}
{% macro unitcost_seed_file_relation(seed_name) %}
    {%- set path = [] -%}
    {%- for node in graph.nodes.values()
        if node.resource_type == 'seed' and node.name == seed_name and node.package_name == project_name -%}
        {%- do path.append(node.root_path ~ '/' ~ node.original_file_path) -%}
    {%- endfor -%}
    {%- if path | length == 0 -%}
        {{ exceptions.raise_compiler_error("unitcost: the seed " ~ seed_name ~ " is missing from the project") }}
    {%- endif -%}
    {{ return("read_csv('" ~ (path[0] | replace("'", "''")) ~ "', all_varchar = true, header = true, auto_detect = true)") }}
{% endmacro %}
