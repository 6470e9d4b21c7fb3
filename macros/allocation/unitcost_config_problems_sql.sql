{#- SQL returning one row per configuration problem (config_file, rule_id,
    problem) of the scope and allocation seeds. Each argument is a relation
    (a table or a table function) with the seed's columns as text;
    value_metrics has one column, metric. Used by the preflight (on the CSV
    files, before anything is built) and by a data test (on the seeds). -#}
{% macro unitcost_config_problems_sql(scopes, scope_rules, allocation_rules, allocation_recipients, value_metrics, cost_selections) %}
    {{ return(adapter.dispatch('unitcost_config_problems_sql', 'unitcost')(scopes, scope_rules, allocation_rules, allocation_recipients, value_metrics, cost_selections)) }}
{% endmacro %}

{% macro default__unitcost_config_problems_sql(scopes, scope_rules, allocation_rules, allocation_recipients, value_metrics, cost_selections) %}
{%- set columns = unitcost_scope_rule_columns() -%}
with recursive

scopes as (
    select
        trim(scope_id) as scope_id,
        nullif(trim(coalesce(parent_scope_id, '')), '') as parent_scope_id,
        lower(trim(coalesce(scope_type, ''))) as scope_type
    from {{ scopes }}
),

scope_rules as (
    select
        trim(rule_id) as rule_id,
        trim(coalesce(priority, '')) as priority,
        trim(coalesce(scope_id, '')) as scope_id,
        trim(coalesce(match_column, '')) as match_column,
        lower(trim(coalesce(match_operator, ''))) as match_operator,
        nullif(trim(coalesce(match_value, '')), '') as match_value,
        nullif(trim(coalesce(valid_from, '')), '') as valid_from_text,
        nullif(trim(coalesce(valid_to, '')), '') as valid_to_text,
        {{ unitcost_try_cast("nullif(trim(coalesce(valid_from, '')), '')", 'date') }} as valid_from,
        {{ unitcost_try_cast("nullif(trim(coalesce(valid_to, '')), '')", 'date') }} as valid_to
    from {{ scope_rules }}
),

allocation_rules as (
    select
        trim(rule_id) as rule_id,
        trim(coalesce(pool_scope_id, '')) as pool_scope_id,
        lower(trim(coalesce(method, ''))) as method,
        lower(nullif(trim(coalesce(driver_metric, '')), '')) as driver_metric,
        lower(nullif(trim(coalesce(fallback_method, '')), '')) as fallback_method,
        nullif(trim(coalesce(valid_from, '')), '') as valid_from_text,
        nullif(trim(coalesce(valid_to, '')), '') as valid_to_text,
        {{ unitcost_try_cast("nullif(trim(coalesce(valid_from, '')), '')", 'date') }} as valid_from,
        {{ unitcost_try_cast("nullif(trim(coalesce(valid_to, '')), '')", 'date') }} as valid_to
    from {{ allocation_rules }}
),

allocation_recipients as (
    select
        trim(rule_id) as rule_id,
        trim(coalesce(recipient_scope_id, '')) as recipient_scope_id,
        nullif(trim(coalesce(fixed_percent, '')), '') as fixed_percent_text,
        {{ unitcost_try_cast("nullif(trim(coalesce(fixed_percent, '')), '')", 'decimal(18, 6)') }} as fixed_percent
    from {{ allocation_recipients }}
),

value_metrics as (
    select distinct lower(trim(metric)) as metric from {{ value_metrics }} as value_metric_rows
),

cost_selections as (
    select
        trim(coalesce(selection_id, '')) as selection_id,
        trim(coalesce(match_column, '')) as match_column,
        lower(trim(coalesce(match_operator, ''))) as match_operator,
        nullif(trim(coalesce(match_value, '')), '') as match_value
    from {{ cost_selections }}
),

known_scopes as (
    select scope_id, scope_type from scopes
    union all
    select 'unallocated' as scope_id, 'unallocated' as scope_type
),

-- scopes ---------------------------------------------------------------------
scope_problems as (
    select 'scopes.csv' as config_file, scope_id as rule_id, 'scope_id is empty' as problem
    from scopes where coalesce(scope_id, '') = ''
    union all
    select 'scopes.csv', scope_id, 'scope_id appears ' || cast(count(*) as varchar) || ' times'
    from scopes group by scope_id having count(*) > 1
    union all
    select 'scopes.csv', scope_id, 'scope_id unallocated is reserved (it exists without a row)'
    from scopes where scope_id = 'unallocated'
    union all
    select 'scopes.csv', s.scope_id, 'parent_scope_id ''' || s.parent_scope_id || ''' is not a scope'
    from scopes as s
    where s.parent_scope_id is not null
        and s.parent_scope_id not in (select p.scope_id from scopes as p)
    union all
    select 'scopes.csv', scope_id, 'scope_type ''' || scope_type || ''' is not one of business_unit, product, team, initiative, data_product, cost_center, shared, other'
    from scopes
    where scope_type not in ('business_unit', 'product', 'team', 'initiative', 'data_product', 'cost_center', 'shared', 'other')
),

scope_paths as (
    select scope_id, parent_scope_id, 1 as depth
    from scopes
    union all
    select scope_paths.scope_id, scopes.parent_scope_id, scope_paths.depth + 1
    from scope_paths
    inner join scopes on scope_paths.parent_scope_id = scopes.scope_id
    where scope_paths.depth < 50
),

cycle_problems as (
    select distinct 'scopes.csv' as config_file, scope_id as rule_id,
        'the parent chain of this scope loops back to it' as problem
    from scope_paths
    where parent_scope_id = scope_id
),

-- scope rules -----------------------------------------------------------------
rule_headers as (
    select
        rule_id,
        count(distinct priority) as priorities,
        count(distinct scope_id) as scope_ids,
        count(distinct coalesce(valid_from_text, '-')) as froms,
        count(distinct coalesce(valid_to_text, '-')) as tos,
        min(priority) as priority,
        min(scope_id) as scope_id,
        min(valid_from) as valid_from,
        min(valid_to) as valid_to
    from scope_rules
    group by rule_id
),

scope_rule_problems as (
    select 'scope_rules.csv' as config_file, rule_id,
        'scope_id ''' || scope_id || ''' is not in scopes.csv' as problem
    from scope_rules
    where scope_id not in (select scope_id from known_scopes)
    union all
    {{ unitcost_condition_problems_sql('scope_rules.csv', 'scope_rules', 'rule_id', 'rules', columns) }}
    union all
    select 'scope_rules.csv', rule_id, 'priority ''' || priority || ''' is not an integer'
    from scope_rules
    where {{ unitcost_try_cast('priority', 'integer') }} is null
    union all
    {{ unitcost_validity_problems_sql('scope_rules.csv', 'scope_rules') }}
    union all
    select 'scope_rules.csv', rule_id,
        'the rows of this rule disagree on priority, scope_id, valid_from or valid_to'
    from rule_headers
    where priorities > 1 or scope_ids > 1 or froms > 1 or tos > 1
),

-- Two rules of one priority whose validity overlaps can match the same charge
-- unless some column is tested by both with disjoint exact values.
rule_values as (
    select
        rule_id,
        match_column,
        match_operator,
        lower(trim(rule_items.item)) as value
    from scope_rules
    cross join lateral (
        {{ unitcost_split_to_rows("coalesce(scope_rules.match_value, '')", '|', 'item') }}
    ) as rule_items
    where match_operator in ('equals', 'in')
),

same_priority_pairs as (
    select a.rule_id as rule_a, b.rule_id as rule_b, a.priority
    from rule_headers as a
    inner join rule_headers as b
        on a.priority = b.priority
        and a.rule_id < b.rule_id
        and coalesce(a.valid_from, date '0001-01-01') < coalesce(b.valid_to, date '9999-12-31')
        and coalesce(b.valid_from, date '0001-01-01') < coalesce(a.valid_to, date '9999-12-31')
),

disjoint_columns as (
    select distinct pairs.rule_a, pairs.rule_b
    from same_priority_pairs as pairs
    inner join scope_rules as ca on pairs.rule_a = ca.rule_id
    inner join scope_rules as cb
        on pairs.rule_b = cb.rule_id
        and ca.match_column = cb.match_column
    where (
        ca.match_operator in ('equals', 'in') and cb.match_operator in ('equals', 'in')
        and not exists (
            select 1
            from rule_values as va
            inner join rule_values as vb
                on va.value = vb.value
            where va.rule_id = ca.rule_id and va.match_column = ca.match_column
                and vb.rule_id = cb.rule_id and vb.match_column = cb.match_column
        )
    )
    or (ca.match_operator = 'present' and cb.match_operator = 'missing')
    or (ca.match_operator = 'missing' and cb.match_operator = 'present')
),

overlap_problems as (
    select 'scope_rules.csv' as config_file, pairs.rule_a as rule_id,
        'has the same priority (' || pairs.priority || ') as rule ''' || pairs.rule_b
        || ''' and both can match the same charge: give them different priorities' as problem
    from same_priority_pairs as pairs
    left join disjoint_columns as d
        on pairs.rule_a = d.rule_a and pairs.rule_b = d.rule_b
    where d.rule_a is null
),

-- allocation rules -------------------------------------------------------------
allocation_rule_problems as (
    select 'allocation_rules.csv' as config_file, rule_id,
        'rule_id appears ' || cast(count(*) as varchar) || ' times' as problem
    from allocation_rules group by rule_id having count(*) > 1
    union all
    select 'allocation_rules.csv', r.rule_id,
        'pool_scope_id ''' || r.pool_scope_id || ''' is not in scopes.csv'
    from allocation_rules as r
    where r.pool_scope_id not in (select scope_id from known_scopes)
    union all
    select 'allocation_rules.csv', r.rule_id,
        'pool_scope_id ''' || r.pool_scope_id || ''' is not a shared scope (scope_type shared) nor unallocated'
    from allocation_rules as r
    inner join known_scopes as s on r.pool_scope_id = s.scope_id
    where s.scope_type not in ('shared', 'unallocated')
    union all
    select 'allocation_rules.csv', rule_id,
        'method ''' || method || ''' is not one of proportional_cost, driver, even, fixed'
    from allocation_rules
    where method not in ('proportional_cost', 'driver', 'even', 'fixed')
    union all
    select 'allocation_rules.csv', rule_id, 'method driver needs a driver_metric'
    from allocation_rules
    where method = 'driver' and driver_metric is null
    union all
    select 'allocation_rules.csv', rule_id,
        'driver_metric ''' || driver_metric || ''' is not in the value data'
    from allocation_rules
    where method = 'driver' and driver_metric is not null
        and driver_metric not in (select metric from value_metrics where metric is not null)
        -- Without any value data the driver cannot be checked; the fallback applies.
        and exists (select 1 from value_metrics where metric is not null)
    union all
    select 'allocation_rules.csv', rule_id,
        'fallback_method ''' || fallback_method || ''' is not one of proportional_cost, even'
    from allocation_rules
    where fallback_method is not null and fallback_method not in ('proportional_cost', 'even')
    union all
    {{ unitcost_validity_problems_sql('allocation_rules.csv', 'allocation_rules') }}
    union all
    select 'allocation_rules.csv', a.rule_id,
        'applies to pool ''' || a.pool_scope_id || ''' on the same dates as rule ''' || b.rule_id || ''''
    from allocation_rules as a
    inner join allocation_rules as b
        on a.pool_scope_id = b.pool_scope_id
        and a.rule_id < b.rule_id
        and coalesce(a.valid_from, date '0001-01-01') < coalesce(b.valid_to, date '9999-12-31')
        and coalesce(b.valid_from, date '0001-01-01') < coalesce(a.valid_to, date '9999-12-31')
    union all
    select 'allocation_rules.csv', r.rule_id, 'has no recipients in allocation_recipients.csv'
    from allocation_rules as r
    where r.rule_id not in (select rule_id from allocation_recipients)
),

recipient_problems as (
    select 'allocation_recipients.csv' as config_file, rule_id,
        'rule_id is not in allocation_rules.csv' as problem
    from allocation_recipients
    where rule_id not in (select rule_id from allocation_rules)
    union all
    select 'allocation_recipients.csv', p.rule_id,
        'recipient_scope_id ''' || p.recipient_scope_id || ''' is not in scopes.csv'
    from allocation_recipients as p
    where p.recipient_scope_id not in (select scope_id from known_scopes)
    union all
    select 'allocation_recipients.csv', p.rule_id,
        'recipient_scope_id ''' || p.recipient_scope_id || ''' is a shared pool or unallocated: pools cannot receive allocations'
    from allocation_recipients as p
    inner join known_scopes as s on p.recipient_scope_id = s.scope_id
    where s.scope_type in ('shared', 'unallocated')
    union all
    select 'allocation_recipients.csv', rule_id,
        'recipient ''' || recipient_scope_id || ''' appears ' || cast(count(*) as varchar) || ' times'
    from allocation_recipients group by rule_id, recipient_scope_id having count(*) > 1
    union all
    select 'allocation_recipients.csv', p.rule_id,
        'fixed_percent ''' || p.fixed_percent_text || ''' of ' || p.recipient_scope_id || ' is not a number'
    from allocation_recipients as p
    where p.fixed_percent_text is not null and p.fixed_percent is null
    union all
    select 'allocation_recipients.csv', p.rule_id,
        'fixed_percent is only for method fixed (recipient ' || p.recipient_scope_id || ')'
    from allocation_recipients as p
    inner join allocation_rules as r on p.rule_id = r.rule_id
    where r.method <> 'fixed' and p.fixed_percent_text is not null
    union all
    select 'allocation_recipients.csv', p.rule_id,
        'fixed percentages sum to ' || cast(coalesce(sum(p.fixed_percent), 0) as varchar) || ', not 100'
    from allocation_recipients as p
    inner join allocation_rules as r on p.rule_id = r.rule_id
    where r.method = 'fixed'
    group by p.rule_id
    having coalesce(sum(p.fixed_percent), 0) <> 100 or count(p.fixed_percent) < count(*)
),

selection_problems as (
    {{ unitcost_condition_problems_sql('kpi_cost_selections.csv', 'cost_selections', 'selection_id', 'selections', columns) }}
    union all
    select 'kpi_cost_selections.csv', selection_id, 'selection_id is empty'
    from cost_selections
    where selection_id = ''
)

select * from scope_problems
union all select * from selection_problems
union all select * from cycle_problems
union all select * from scope_rule_problems
union all select * from overlap_problems
union all select * from allocation_rule_problems
union all select * from recipient_problems
{% endmacro %}

{#- The problems of the match conditions of a rule seed (scope_rules,
    kpi_cost_selections: columns match_column, match_operator, match_value),
    as union-all branches of (config_file, rule_id, problem): a column no
    condition can test, an unknown operator, a missing value. `noun` names
    the rows in the message ('rules', 'selections'); `columns` are the
    columns conditions can test (unitcost_scope_rule_columns). -#}
{% macro unitcost_condition_problems_sql(config_file, relation, id_column, noun, columns) -%}
    select '{{ config_file }}' as config_file, {{ id_column }} as rule_id,
        'match_column ''' || match_column || ''' is not a column {{ noun }} can test (see seeds/_allocation_seeds.yml) nor tag:<key>' as problem
    from {{ relation }}
    where match_column not in ({% for c in columns %}'{{ c }}'{% if not loop.last %}, {% endif %}{% endfor %})
        and not (match_column like 'tag:%' and length(match_column) > 4)
        and not (match_column like 'original_tag:%' and length(match_column) > 13)
    union all
    select '{{ config_file }}', {{ id_column }},
        'match_operator ''' || match_operator || ''' is not one of equals, in, like, regex, present, missing'
    from {{ relation }}
    where match_operator not in ('equals', 'in', 'like', 'regex', 'present', 'missing')
    union all
    select '{{ config_file }}', {{ id_column }}, 'match_value is empty for operator ' || match_operator
    from {{ relation }}
    where match_value is null and match_operator in ('equals', 'in', 'like', 'regex')
{% endmacro %}

{#- The problems of the validity dates of a rule seed (columns rule_id,
    valid_from_text, valid_to_text, valid_from, valid_to), as union-all
    branches of (config_file, rule_id, problem): a date that is not a date,
    a range that ends before it starts. -#}
{% macro unitcost_validity_problems_sql(config_file, relation) -%}
    select '{{ config_file }}' as config_file, rule_id,
        'valid_from ''' || valid_from_text || ''' is not a date (YYYY-MM-DD)' as problem
    from {{ relation }}
    where valid_from_text is not null and valid_from is null
    union all
    select '{{ config_file }}', rule_id, 'valid_to ''' || valid_to_text || ''' is not a date (YYYY-MM-DD)'
    from {{ relation }}
    where valid_to_text is not null and valid_to is null
    union all
    select '{{ config_file }}', rule_id, 'valid_to is not after valid_from'
    from {{ relation }}
    where valid_to <= valid_from
{% endmacro %}
