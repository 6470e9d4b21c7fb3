{{ config(materialized='table') }}

{#- One row per time sector of the FOCUS 1.3 Recency metadata given in
    var('recency_paths') (grain: source_file x time_sector_start x
    time_sector_end): whether the provider considers that time sector of
    its dataset complete (FOCUS 1.3 metadata, Recency > TimeSectors >
    TimeSectorComplete). Read whole on every build (a few rows). Empty when
    no Recency metadata is given; KPI periods then settle by the rule of
    int_billing_period_finality. -#}

with

sectors as (

    {{ unitcost_recency_relation() }}

)

select * from sectors
