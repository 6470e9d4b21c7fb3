{#- Ad-hoc: cost per provider and month on each basis (reporting currency).
    Compile with `dbt compile --select monthly_cost_by_provider` and run the
    SQL in target/compiled/. Prepaid purchases are left out of the list and
    contracted bases (see docs/decisions.md). -#}

with

charges as (

    select * from {{ ref('fct_charges') }}

)

select
    billing_period,
    provider_name,
    sum(effective_cost) as effective_cost,
    sum(billed_cost) as billed_cost,
    sum(case when is_prepaid_purchase then 0 else list_cost end) as list_cost,
    sum(case when is_prepaid_purchase then 0 else contracted_cost end) as contracted_cost
from charges
group by billing_period, provider_name
order by billing_period, provider_name
