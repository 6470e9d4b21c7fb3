{#- The columns a file of the given FOCUS version must have to be loaded: every
    Mandatory column of that version, with three allowances documented in
    docs/decisions.md: ProviderName and ServiceProviderName (1.3) stand in for
    each other; PublisherName (deprecated in 1.3) is not required when
    ServiceProviderName is present; HostProviderName (1.3) is not required. -#}
{% macro focus_required_columns(version, present) %}
    {%- set order = focus_version_order() -%}
    {%- set rank = order.index(version) -%}
    {%- set required = [] -%}
    {%- for col in focus_columns() -%}
        {%- set introduced = '0.5' if col.introduced == '0.5' else col.introduced -%}
        {%- if col.level == 'Mandatory' and introduced in order and order.index(introduced) <= rank -%}
            {%- do required.append(col.name) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set waived = ['HostProviderName'] -%}
    {%- if 'ServiceProviderName' in present -%}
        {%- do waived.extend(['ProviderName', 'PublisherName']) -%}
    {%- endif -%}
    {%- if 'ProviderName' in present -%}
        {%- do waived.append('ServiceProviderName') -%}
    {%- endif -%}
    {%- set result = [] -%}
    {%- for name in required if name not in waived -%}
        {%- do result.append(name) -%}
    {%- endfor -%}
    {{ return(result) }}
{% endmacro %}
