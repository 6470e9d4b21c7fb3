{#- How the columns of one FOCUS source (a file or a table), as written, map
    to FOCUS: returns {'source_for': FOCUS column -> column as written
    (case-insensitive, a byte-order mark dropped; pre-1.0 names mapped for
    what is still unmapped), 'legacy': ["Old -> New", ...], 'extensions':
    columns that are not FOCUS columns, 'version': the oldest FOCUS version
    whose columns explain the source, 'missing': its mandatory columns
    absent, 'is_focus': at least three FOCUS columns recognised}. The same
    for files (unitcost_focus_file_plan) and tables (unitcost_focus_plan). -#}
{% macro unitcost_match_focus_columns(columns) %}
    {%- set info = {'source_for': {}, 'legacy': [], 'extensions': [], 'missing': []} -%}
    {%- set canonical = {} -%}
    {%- set introduced_of = {} -%}
    {%- for col in focus_columns() -%}
        {%- do canonical.update({col.name | lower: col.name}) -%}
        {%- do introduced_of.update({col.name: col.introduced}) -%}
    {%- endfor -%}
    {%- set legacy_names = {} -%}
    {%- for old, new in focus_legacy_names().items() -%}
        {%- do legacy_names.update({old | lower: {'name': old, 'targets': new}}) -%}
    {%- endfor -%}
    {%- set order = focus_version_order() -%}
    {#- FOCUS names first (case-insensitive), then pre-1.0 names for what is still unmapped. -#}
    {%- for c in columns -%}
        {%- set key = (c | replace('\ufeff', '') | trim | lower) -%}
        {%- if key in canonical and canonical[key] not in info.source_for -%}
            {%- do info.source_for.update({canonical[key]: c}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for c in columns -%}
        {%- set key = (c | replace('\ufeff', '') | trim | lower) -%}
        {%- if key not in canonical -%}
            {%- set used = [] -%}
            {%- if key in legacy_names -%}
                {%- for target_name in legacy_names[key]['targets'] if target_name not in info.source_for -%}
                    {%- do info.source_for.update({target_name: c}) -%}
                    {%- do info.legacy.append(c ~ ' -> ' ~ target_name) -%}
                    {%- do used.append(target_name) -%}
                {%- endfor -%}
            {%- endif -%}
            {%- if used | length == 0 -%}
                {%- do info.extensions.append(c) -%}
            {%- endif -%}
        {%- elif info.source_for[canonical[key]] != c -%}
            {%- do info.extensions.append(c) -%}
        {%- endif -%}
    {%- endfor -%}
    {#- Detected version: the oldest version whose columns explain the file. -#}
    {%- set rank = [0] -%}
    {%- for name, source in info.source_for.items() -%}
        {%- set introduced = introduced_of[name] -%}
        {%- if (source | lower) == (name | lower) and introduced in order and order.index(introduced) > rank[0] -%}
            {%- do rank.pop() -%}
            {%- do rank.append(order.index(introduced)) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do info.update({'version': order[rank[0]], 'is_focus': info.source_for | length >= 3}) -%}
    {%- for name in focus_required_columns(info.version, info.source_for.keys() | list) -%}
        {%- if name not in info.source_for -%}
            {%- do info.missing.append(name) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(info) }}
{% endmacro %}
