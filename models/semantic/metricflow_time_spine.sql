{{ config(materialized='table') }}

{#- One row per day from 2020-01-01 to 2035-12-31 (grain: date_day): the time
    spine MetricFlow joins to for time-based aggregation and cumulative
    metrics. -#}

with

days as (

    {{ unitcost_date_series("cast('2020-01-01' as date)", "cast('2036-01-01' as date)") }}

)

select cast(date_day as date) as date_day
from days
