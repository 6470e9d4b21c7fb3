"""Write the MetricFlow semantic layer (models/semantic/_semantic__metrics.yml).

The metrics depend on configuration: the KPI vars of dbt_project.yml (which value
metric is revenue, API calls, AI benefit...) and the metric catalog
(seeds/metric_catalog.csv: one ratio metric per catalog metric). MetricFlow YAML
cannot read either, so this script writes the YAML from them; a pytest fails when
the committed file is not what the script writes. Run after editing either:
`.venv/bin/python scripts/dev/write_semantic_layer.py`.
"""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "models" / "semantic" / "_semantic__metrics.yml"


def dim(name: str) -> str:
    return "{{ Dimension('" + name + "') }}"


def quoted(values: list[str]) -> str:
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + ")"


def simple(name: str, label: str, description: str, measure: str, filters: list[str]) -> dict:
    metric = {
        "name": name,
        "label": label,
        "description": description,
        "type": "simple",
        "type_params": {"measure": measure},
    }
    if filters:
        metric["filter"] = " and ".join(filters)
    return metric


def ratio(name: str, label: str, description: str, numerator: str, denominator: str) -> dict:
    return {
        "name": name,
        "label": label,
        "description": description,
        "type": "ratio",
        "type_params": {"numerator": numerator, "denominator": denominator},
    }


def derived(name: str, label: str, description: str, expr: str, metrics: list[str]) -> dict:
    return {
        "name": name,
        "label": label,
        "description": description,
        "type": "derived",
        "type_params": {"expr": expr, "metrics": [{"name": m} for m in metrics]},
    }


def cumulative(name: str, label: str, description: str, measure: str, filters: list[str]) -> dict:
    return {
        "name": name,
        "label": label,
        "description": description,
        "type": "cumulative",
        # A month's value is the value on its last day (MetricFlow's default is the first).
        "type_params": {"measure": measure, "cumulative_type_params": {"period_agg": "last"}},
        "filter": " and ".join(filters),
    }


def value_filter(metric: str) -> str:
    return f"{dim('business_metric_value__metric')} = '{metric}'"


KPI_VALUES = {
    # measure suffix: dbt var naming the value metric
    "api_calls": "kpi_api_calls_metric",
    "revenue": "kpi_revenue_metric",
    "ai_benefit": "kpi_ai_benefit_metric",
    "alternative_cost": "kpi_ai_alternative_cost_metric",
    "data_value": "kpi_data_value_metric",
}


def business_metrics_model(v: dict) -> dict:
    """The value-data semantic model, with one measure per KPI value metric.

    Dedicated measures (rather than one measure filtered per metric) let derived and
    cumulative metrics combine several value metrics without MetricFlow aliases.
    """
    measures = [
        {
            "name": "metric_value",
            "description": "Value in its canonical unit (money in the reporting "
            "currency); filter by metric.",
            "agg": "sum",
            "expr": "canonical_value",
        },
        {
            "name": "value_days",
            "description": "Distinct days with a value (to average stocks such as "
            "customers); filter by metric.",
            "agg": "count_distinct",
            "expr": "period_start",
        },
    ]
    for suffix, var_name in KPI_VALUES.items():
        metric = v[var_name].lower().replace("'", "''")
        measures.append(
            {
                "name": f"kpi_{suffix}_value",
                "description": f"The value metric {metric} (var {var_name}).",
                "agg": "sum",
                "expr": f"case when metric = '{metric}' then canonical_value end",
            }
        )
    alternative = v["kpi_ai_alternative_cost_metric"].lower().replace("'", "''")
    measures.append(
        {
            "name": "kpi_alternative_cost_days",
            "description": f"Days with {alternative} data.",
            "agg": "count_distinct",
            "expr": f"case when metric = '{alternative}' then period_start end",
        }
    )
    return {
        "name": "business_metrics",
        "description": "Business value data (fct_business_metrics), one row per accepted row, "
        "canonical units.",
        "model": "ref('fct_business_metrics')",
        "defaults": {"agg_time_dimension": "period_start"},
        "primary_entity": "business_metric_value",
        "entities": [{"name": "scope", "type": "foreign", "expr": "scope_id"}],
        "dimensions": [
            {"name": "period_start", "type": "time", "type_params": {"time_granularity": "day"}},
            {"name": "metric", "type": "categorical"},
            {"name": "canonical_unit", "type": "categorical"},
            {"name": "source", "type": "categorical"},
        ],
        "measures": measures,
    }


def effective() -> str:
    return f"{dim('scope_cost_line__cost_basis')} = 'effective'"


def kpi_metrics(v: dict) -> list[dict]:
    ai = f"{dim('scope__is_ai_initiative')} = true"
    data_product = f"{dim('scope__is_data_product')} = true"
    not_attributed = f"{dim('scope__is_attributed_revenue_scope')} = false"
    selection = dim("selected_charge_cost__selection_id")
    metrics = [
        simple(
            "total_cost",
            "Total cost",
            "All cost borne by scopes (bill and non-cloud TCO), "
            "effective basis, reporting currency.",
            "scope_cost",
            [effective()],
        ),
        simple(
            "total_billed_cost",
            "Total billed cost",
            "All cost on the billed (invoice) basis.",
            "scope_cost",
            [f"{dim('scope_cost_line__cost_basis')} = 'billed'"],
        ),
        simple(
            "direct_cost",
            "Direct cost",
            "Cost charged to scopes by scope rules (and TCO lines), effective basis.",
            "scope_cost",
            [effective(), f"{dim('scope_cost_line__cost_type')} = 'direct'"],
        ),
        simple(
            "shared_cost",
            "Shared cost",
            "Cost allocated to scopes from shared pools, effective basis.",
            "scope_cost",
            [effective(), f"{dim('scope_cost_line__cost_type')} = 'shared'"],
        ),
        simple(
            "unallocated_cost",
            "Unallocated cost",
            "Cost in the unallocated scope, effective basis.",
            "scope_cost",
            [effective(), f"{dim('scope_cost_line__cost_type')} = 'unallocated'"],
        ),
        simple(
            "non_cloud_tco",
            "Non-cloud TCO",
            "Cost of the non-cloud TCO lines.",
            "scope_cost",
            [effective(), f"{dim('scope_cost_line__cost_source')} = 'tco'"],
        ),
        # API
        simple(
            "api_cost",
            "API cost",
            "Effective cost of the charges of the 'api' selection, shared allocations included.",
            "selected_effective_cost",
            [f"{selection} = 'api'"],
        ),
        simple(
            "api_calls",
            "API calls",
            f"The value metric {v['kpi_api_calls_metric']}.",
            "kpi_api_calls_value",
            [],
        ),
        ratio(
            "cost_per_api_call",
            "Cost per API call",
            "api_cost / api_calls (kpi_cost_per_api_call).",
            "api_cost",
            "api_calls",
        ),
        # Storage
        simple(
            "storage_cost_with_volume",
            "Storage cost (GB-month billed)",
            "Effective cost of storage "
            "charges billed in GB-months (kpi_cost_per_gb_stored numerator, bill source).",
            "storage_effective_cost",
            [f"{dim('storage_charge__is_without_volume')} = false"],
        ),
        simple(
            "gb_months_stored",
            "GB-months stored (bill)",
            "GB-months of the storage charges (ConsumedQuantity in GB-Month).",
            "gb_months",
            [],
        ),
        ratio(
            "cost_per_gb_month_stored",
            "Cost per GB-month stored",
            "storage_cost_with_volume / gb_months_stored (kpi_cost_per_gb_stored, bill source).",
            "storage_cost_with_volume",
            "gb_months_stored",
        ),
        # AI
        simple(
            "ai_initiative_cost",
            "AI initiative cost",
            "All cost of the AI initiatives (var "
            "kpi_ai_scopes), shared AI infrastructure included, effective basis.",
            "scope_effective_cost",
            [ai],
        ),
        simple(
            "ai_benefit",
            "AI financial benefit",
            f"The value metric {v['kpi_ai_benefit_metric']} of the AI initiatives.",
            "kpi_ai_benefit_value",
            [ai],
        ),
        derived(
            "ai_net_benefit",
            "AI net benefit",
            "ai_benefit - ai_initiative_cost.",
            "ai_benefit - ai_initiative_cost",
            ["ai_benefit", "ai_initiative_cost"],
        ),
        derived(
            "ai_roi_pct",
            "AI ROI %",
            "(ai_benefit - ai_initiative_cost) / ai_initiative_cost x 100 "
            "(kpi_ai_roi); null when the cost is zero.",
            "(ai_benefit - ai_initiative_cost) / nullif(ai_initiative_cost, 0) * 100",
            ["ai_benefit", "ai_initiative_cost"],
        ),
        cumulative(
            "ai_benefit_to_date",
            "AI benefit to date",
            "AI financial benefit accumulated since the first day with data.",
            "kpi_ai_benefit_value",
            [ai],
        ),
        cumulative(
            "ai_cost_to_date",
            "AI cost to date",
            "AI initiative cost accumulated since the first day with data, effective basis.",
            "scope_effective_cost",
            [ai],
        ),
        derived(
            "cumulative_ai_roi_pct",
            "Cumulative AI ROI %",
            "(ai_benefit_to_date - ai_cost_to_date) / ai_cost_to_date x 100.",
            "(ai_benefit_to_date - ai_cost_to_date) / nullif(ai_cost_to_date, 0) * 100",
            ["ai_benefit_to_date", "ai_cost_to_date"],
        ),
        simple(
            "alternative_cost_total",
            "Alternative cost (sum of daily values)",
            "Sum of the daily "
            f"cost of the alternative solution ({v['kpi_ai_alternative_cost_metric']}) of the AI "
            "initiatives.",
            "kpi_alternative_cost_value",
            [ai],
        ),
        simple(
            "alternative_cost_days",
            "Days with alternative cost data",
            f"Days with {v['kpi_ai_alternative_cost_metric']} data.",
            "kpi_alternative_cost_days",
            [ai],
        ),
        derived(
            "alternative_daily_cost",
            "Alternative daily cost",
            "Average daily cost of the "
            "alternative solution: alternative_cost_total / alternative_cost_days.",
            "alternative_cost_total / nullif(alternative_cost_days, 0)",
            ["alternative_cost_total", "alternative_cost_days"],
        ),
        derived(
            "ai_time_to_value_days",
            "AI time to value (days)",
            "ai_benefit_to_date / alternative_daily_cost (kpi_ai_time_to_value).",
            "ai_benefit_to_date / nullif(alternative_daily_cost, 0)",
            ["ai_benefit_to_date", "alternative_daily_cost"],
        ),
        # Revenue
        simple(
            "revenue",
            "Revenue",
            f"The value metric {v['kpi_revenue_metric']}, without attributed "
            "revenue (kpi_attributed_revenue_scopes) so it never counts twice.",
            "kpi_revenue_value",
            [not_attributed],
        ),
        derived(
            "cost_to_revenue_pct",
            "Technology cost % of revenue",
            "total_cost / revenue x 100 (kpi_cost_to_revenue).",
            "total_cost / nullif(revenue, 0) * 100",
            ["total_cost", "revenue"],
        ),
        derived(
            "contribution_margin",
            "Contribution margin",
            "revenue - total_cost.",
            "revenue - total_cost",
            ["revenue", "total_cost"],
        ),
        # Data value density
        simple(
            "data_value",
            "Data value",
            f"The value metric {v['kpi_data_value_metric']} of the data "
            "products (var kpi_data_product_scopes).",
            "kpi_data_value_value",
            [data_product],
        ),
        simple(
            "data_platform_cloud_cost",
            "Data platform cloud cost",
            "Effective cost of the 'data_platform' selection borne by the data products.",
            "selected_effective_cost",
            [f"{selection} = 'data_platform'", data_product],
        ),
        simple(
            "data_platform_non_cloud_tco",
            "Data platform non-cloud TCO",
            "Non-cloud TCO lines of the data products.",
            "scope_cost",
            [effective(), f"{dim('scope_cost_line__cost_source')} = 'tco'", data_product],
        ),
        derived(
            "data_value_density",
            "Data value density",
            "data_value / (data_platform_cloud_cost + "
            "data_platform_non_cloud_tco) (kpi_data_value_density; <= 1 is a value leak).",
            "data_value / nullif(data_platform_cloud_cost + data_platform_non_cloud_tco, 0)",
            ["data_value", "data_platform_cloud_cost", "data_platform_non_cloud_tco"],
        ),
    ]
    return metrics


def catalog_metrics(defined: set[str]) -> list[dict]:
    """Per catalog metric: its numerator, its denominator and the unit cost.

    A catalog metric whose id is already a KPI metric (cost_per_api_call) is that metric.
    """
    with (ROOT / "seeds" / "metric_catalog.csv").open(newline="") as handle:
        catalog = list(csv.DictReader(handle))
    metrics = []
    for row in catalog:
        mid = row["metric_id"].strip()
        if mid in defined:
            continue
        kind = row["metric_kind"].strip()
        numerator_kind = row.get("cost_numerator", "").strip() or (
            "selected_cost" if row.get("cost_selection_id", "").strip() else "scope_cost"
        )
        multiplier = float(row.get("unit_multiplier") or 1)
        label = (row.get("metric_name", mid).strip() or mid) + " (catalog)"
        num, den = f"{mid}_cost", f"{mid}_units"
        usage_filters = []
        if kind == "resource_efficiency":
            usage_filters.append(
                f"{dim('usage_line__canonical_unit')} = '{row['denominator_unit'].strip()}'"
            )
            for column in ["service_category", "service_subcategory"]:
                value = row.get(f"denominator_{column}", "").strip()
                if value:
                    usage_filters.append(f"{dim('usage_line__' + column)} = '{value}'")
        if numerator_kind == "usage_cost":
            metrics.append(
                simple(
                    num,
                    f"{label}: cost",
                    "Effective cost of the usage counted by the denominator.",
                    "usage_effective_cost",
                    usage_filters,
                )
            )
        elif numerator_kind == "selected_cost":
            metrics.append(
                simple(
                    num,
                    f"{label}: cost",
                    f"Effective cost of the selection '{row['cost_selection_id'].strip()}'.",
                    "selected_effective_cost",
                    [
                        f"{dim('selected_charge_cost__selection_id')} = "
                        f"'{row['cost_selection_id'].strip()}'"
                    ],
                )
            )
        else:
            metrics.append(
                simple(
                    num,
                    f"{label}: cost",
                    "All cost of the scope, effective basis.",
                    "scope_cost",
                    [effective()],
                )
            )
        if kind == "resource_efficiency":
            metrics.append(
                simple(
                    den,
                    f"{label}: units",
                    f"Billed usage in {row['denominator_unit']}.",
                    "usage_quantity",
                    usage_filters,
                )
            )
        elif row.get("denominator_aggregation", "sum").strip() == "average":
            # A stock (customers, seats): the daily values summed over scopes, averaged over days.
            metric = row["denominator_metric"].strip().lower()
            metrics.append(
                simple(
                    f"{den}_total",
                    f"{label}: unit-days",
                    f"Sum of the daily values of {metric}.",
                    "metric_value",
                    [value_filter(metric)],
                )
            )
            metrics.append(
                simple(
                    f"{den}_days",
                    f"{label}: days with data",
                    f"Days with {metric} data.",
                    "value_days",
                    [value_filter(metric)],
                )
            )
            metrics.append(
                derived(
                    den,
                    f"{label}: units",
                    f"Average daily {metric} (sum over scopes).",
                    f"{den}_total / nullif({den}_days, 0)",
                    [f"{den}_total", f"{den}_days"],
                )
            )
        else:
            metric = row["denominator_metric"].strip().lower()
            metrics.append(
                simple(
                    den,
                    f"{label}: units",
                    f"The value metric {metric} (sum).",
                    "metric_value",
                    [value_filter(metric)],
                )
            )
        factor = "" if multiplier == 1 else f" * {multiplier:g}"
        metrics.append(
            derived(
                mid,
                label,
                f"{row.get('description', '').strip()} (fct_unit_costs; "
                f"{row.get('unit_label', '').strip()}).",
                f"{num} / nullif({den}, 0){factor}",
                [num, den],
            )
        )
    return metrics


def main() -> None:
    project = yaml.safe_load((ROOT / "dbt_project.yml").read_text())
    variables = project["vars"]
    kpis = kpi_metrics(variables)
    document = {
        "version": 2,
        "semantic_models": [business_metrics_model(variables)],
        "metrics": kpis + catalog_metrics({m["name"] for m in kpis}),
    }
    header = (
        "# Generated by scripts/dev/write_semantic_layer.py from dbt_project.yml vars and\n"
        "# seeds/metric_catalog.csv: edit those and rerun the script, not this file.\n"
    )
    TARGET.write_text(header + yaml.safe_dump(document, sort_keys=False, width=100))


if __name__ == "__main__":
    main()
