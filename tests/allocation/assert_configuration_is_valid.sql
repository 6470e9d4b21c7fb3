{#- The scope and allocation seeds are valid (the same checks the preflight
    runs on the CSV files before anything is built). Returns each problem. -#}

{{ unitcost_config_problems_sql(
    ref('scopes'),
    ref('scope_rules'),
    ref('allocation_rules'),
    ref('allocation_recipients'),
    '(select distinct metric from ' ~ ref('fct_business_metrics') ~ ')',
    ref('kpi_cost_selections')
) }}
