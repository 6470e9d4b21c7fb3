{{ config(materialized='table') }}

{#- One row per day with cost or value data (grain: date_day): the time spine
    MetricFlow joins to for time-based aggregation and cumulative metrics.
    It spans the data, so cumulative metrics stop at the last day with data. -#}

with

periods as (

    select * from {{ ref('int_kpi_periods') }}
    where period_grain = 'day'

)

select cast(period_start as date) as date_day
from periods
