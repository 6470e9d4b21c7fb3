"""`unitcost kpis`: the month's unit-economics KPIs from a built database, as tables.

Everything printed is read from the KPI marts (kpi_*, fct_unit_costs,
fct_allocation_coverage); nothing is computed here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from unitcost.marts import check_known, kpi_month, open_marts

SCOPE_COLUMNS = [
    ("scope", 20),
    ("total cost", 14),
    ("cost / API call", 16),
    ("cost % revenue", 15),
    ("unit cost", 12),
    ("margin / unit", 14),
    ("  unit", 16),
]


def _number(value: object, digits: int = 2) -> str:
    if value is None:
        return "-"
    number = float(value)
    if number != 0 and abs(number) < 0.01:
        return f"{number:.{digits}e}"
    return f"{number:,.{digits}f}"


def _row(values: list[str], widths: list[int]) -> str:
    (first, first_width), *middle, (last, last_width) = zip(values, widths, strict=True)
    return (
        f"{first:<{first_width}}"
        + "".join(f"{v:>{w}}" for v, w in middle)
        + f"{last:<{last_width}}"
    )


@dataclass(frozen=True)
class Selection:
    """What `unitcost kpis` was asked for: month, basis, and optionally one scope or metric."""

    period: date
    basis: str
    scope: str | None = None
    metric: str | None = None

    def scope_filter(self, column: str) -> tuple[str, list]:
        """A SQL condition (and its parameters) limiting `column` to the chosen scope."""
        return (f" and {column} = ?", [self.scope]) if self.scope else ("", [])


REQUIRED = ("kpi_cost_to_revenue", "kpi_cost_per_api_call", "fct_unit_costs", "dim_scopes")


def report(
    db: Path,
    month: str | None = None,
    basis: str = "effective",
    scope: str | None = None,
    metric: str | None = None,
    as_json: bool = False,
) -> str:
    """The KPIs for one month (default: the latest) on one cost basis, as text or JSON."""
    with open_marts(db, REQUIRED) as con:
        check_known(con, "scope", scope)
        check_known(con, "metric", metric)
        selection = Selection(kpi_month(con, month), basis, scope, metric)
        if as_json:
            from unitcost.kpis_json import document

            return json.dumps(document(con, selection), indent=2)
        return "\n".join(line.rstrip() for line in _report(con, selection))


def period_finality(con: duckdb.DuckDBPyConnection, period: date) -> tuple[bool | None, str | None]:
    """Whether the month's KPIs are final and why (fct_unit_costs.is_final); (None, None)
    for a database built before the marts carried it."""
    columns = {
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns where table_name = 'fct_unit_costs'"
        ).fetchall()
    }
    if "is_final" not in columns:
        return None, None
    row = con.execute(
        "select bool_and(is_final), min(finality_reason) from fct_unit_costs "
        "where period_grain = 'month' and period_start = ?",
        [period],
    ).fetchone()
    return (row[0], row[1]) if row and row[0] is not None else (None, None)


def provisional_note(con: duckdb.DuckDBPyConnection, period: date) -> str | None:
    """A warning line when the month's figures are provisional, else None."""
    is_final, reason = period_finality(con, period)
    if is_final is False:
        return (
            f"PROVISIONAL: {period:%Y-%m} is not final ({reason}); these values may still change."
        )
    return None


def _report(con: duckdb.DuckDBPyConnection, selection: Selection) -> list[str]:
    period, basis = selection.period, selection.basis
    params = [period, basis]
    currency = con.execute(
        "select any_value(reporting_currency) from kpi_cost_to_revenue "
        "where period_grain = 'month' and period_start = ? and cost_basis = ?",
        params,
    ).fetchone()[0]
    title = f"unitcost KPIs for {period:%Y-%m} ({basis} cost, {currency or '-'})"
    shown = [f"scope {selection.scope}"] * bool(selection.scope)
    shown += [f"metric {selection.metric}"] * bool(selection.metric)
    lines = [title + (f": {', '.join(shown)}" if shown else "")]
    provisional = provisional_note(con, period)
    lines += [provisional, ""] if provisional else [""]
    if selection.metric:
        return lines[:1] + _unit_costs(con, selection)
    where, extra = selection.scope_filter("scopes.scope_id")
    rows = con.execute(
        f"""
        select
            scopes.scope_id,
            scopes.scope_path,
            revenue.technology_cost,
            api.cost_per_api_call,
            revenue.cost_to_revenue_pct,
            revenue.unit_cost,
            revenue.contribution_margin_per_unit,
            revenue.unit_metric
        from dim_scopes as scopes
        left join kpi_cost_to_revenue as revenue
            on scopes.scope_id = revenue.scope_id
            and revenue.period_grain = 'month'
            and revenue.period_start = ?
            and revenue.cost_basis = ?
        left join kpi_cost_per_api_call as api
            on scopes.scope_id = api.scope_id
            and api.period_grain = 'month' and api.period_start = ? and api.cost_basis = ?
        where (not scopes.is_shared_pool{" or true" if selection.scope else ""}){where}
        order by scopes.scope_path
        """,
        params + params + extra,
    ).fetchall()
    widths = [w for _, w in SCOPE_COLUMNS]
    lines.append(_row([c for c, _ in SCOPE_COLUMNS], widths))
    for scope_id, path, cost, per_call, pct, unit_cost, margin, unit in rows:
        indent = "" if selection.scope else "  " * path.count(" > ")
        lines.append(
            _row(
                [
                    (indent + scope_id)[:19],
                    _number(cost),
                    _number(per_call, 6),
                    "-" if pct is None else f"{float(pct):.2f} %",
                    _number(unit_cost),
                    _number(margin),
                    f"  {unit}" if unit else "  -",
                ],
                widths,
            )
        )
    lines += _ai(con, selection)
    lines += _data_products(con, selection)
    if not selection.scope:
        lines += _storage(con, period, basis)
    lines += _unit_costs(con, selection)
    if not selection.scope:
        lines += _coverage(con, period)
    return lines


def _ai(con: duckdb.DuckDBPyConnection, selection: Selection) -> list[str]:
    where, extra = selection.scope_filter("roi.scope_id")
    rows = con.execute(
        f"""
        select
            roi.scope_id, roi.roi_pct, roi.cumulative_roi_pct, roi.cumulative_since,
            ttv.time_to_value_days, summary.full_benefit_status,
            summary.actual_days_to_full_benefit, summary.forecast_days_to_full_benefit,
            summary.break_even_date
        from kpi_ai_roi as roi
        left join kpi_ai_time_to_value as ttv
            on roi.scope_id = ttv.scope_id and roi.cost_basis = ttv.cost_basis
            and roi.period_start = ttv.period_start
        left join kpi_ai_time_to_value_summary as summary
            on roi.scope_id = summary.scope_id and roi.cost_basis = summary.cost_basis
        where roi.period_grain = 'month' and roi.period_start = ? and roi.cost_basis = ?{where}
        order by roi.scope_id
        """,
        [selection.period, selection.basis, *extra],
    ).fetchall()
    if not rows:
        return []
    lines = ["", "AI initiatives"]
    for scope, roi, cumulative, since, ttv, status, actual, forecast, break_even in rows:
        lines.append(
            f"  {scope}: ROI {_number(roi, 1)} % this month, {_number(cumulative, 1)} % since "
            f"{since}; time to value {_number(ttv, 1)} days; full benefit {status or '-'} "
            f"({actual if actual is not None else '-'} days, forecast {forecast or '-'}); "
            f"break-even {break_even or '-'}"
        )
    return lines


def _data_products(con: duckdb.DuckDBPyConnection, selection: Selection) -> list[str]:
    where, extra = selection.scope_filter("scope_id")
    rows = con.execute(
        f"""
        select scope_id, data_value_density, data_value, data_platform_tco, value_leak, null_reason
        from kpi_data_value_density
        where period_grain = 'month' and period_start = ? and cost_basis = ?{where}
        order by scope_id
        """,
        [selection.period, selection.basis, *extra],
    ).fetchall()
    if not rows:
        return []
    lines = ["", "Data products"]
    for scope, density, value, tco, leak, reason in rows:
        verdict = "value leak" if leak else ("no value leak" if leak is not None else reason)
        lines.append(
            f"  {scope}: value density {_number(density)} (value {_number(value)} / TCO "
            f"{_number(tco)}): {verdict}"
        )
    return lines


def _storage(con: duckdb.DuckDBPyConnection, period: date, basis: str) -> list[str]:
    rows = con.execute(
        """
        select storage_tier, sum(storage_cost), sum(gb_months),
               sum(storage_cost) / nullif(sum(gb_months), 0)
        from kpi_cost_per_gb_stored
        where period_grain = 'month' and period_start = ? and cost_basis = ?
            and scope_id in (select scope_id from dim_scopes where depth = 0)
            and gb_months is not null
        group by storage_tier
        order by 4 desc
        """,
        [period, basis],
    ).fetchall()
    if not rows:
        return []
    lines = ["", "Storage, cost per GB-month by tier (all top-level scopes)"]
    for tier, cost, gb, rate in rows:
        lines.append(
            f"  {tier:<14}{_number(rate, 5):>12}  ({_number(cost)} / {_number(gb, 0)} GB-months)"
        )
    return lines


def _unit_costs(con: duckdb.DuckDBPyConnection, selection: Selection) -> list[str]:
    """Approved metrics of the products; with --scope or --metric, every row of that choice."""
    chosen = bool(selection.scope or selection.metric)
    where, extra = selection.scope_filter("costs.scope_id")
    if selection.metric:
        where, extra = where + " and costs.metric_id = ?", [*extra, selection.metric]
    default = (
        ""
        if chosen
        else (
            " and costs.unit_cost is not null and scopes.scope_type = 'product'"
            " and metrics.status = 'active'"
        )
    )
    rows = con.execute(
        f"""
        select costs.scope_id, metrics.metric_name, costs.unit_cost, costs.unit_label,
            costs.null_reason
        from fct_unit_costs as costs
        inner join dim_metrics as metrics on costs.metric_id = metrics.metric_id
        inner join dim_scopes as scopes on costs.scope_id = scopes.scope_id
        where costs.period_grain = 'month' and costs.period_start = ? and costs.cost_basis = ?
            {default}{where}
        order by scopes.scope_path, metrics.metric_name
        """,
        [selection.period, selection.basis, *extra],
    ).fetchall()
    if not rows:
        return ["", "Unit costs: no rows for this choice"] if chosen else []
    heading = "Unit costs" if chosen else "Unit costs (metric catalog, active metrics, products)"
    lines = ["", heading]
    for scope, name, value, label, reason in rows:
        shown = _number(value, 4) if value is not None else "-"
        why = f" ({reason})" if value is None and reason else ""
        lines.append(f"  {scope:<16}{name:<40}{shown:>14} {label}{why}")
    return lines


def _coverage(con: duckdb.DuckDBPyConnection, period: date) -> list[str]:
    row = con.execute(
        """
        select
            any_value(month_direct_pct),
            any_value(month_shared_pct),
            any_value(month_unallocated_pct)
        from fct_allocation_coverage where cost_month = ?
        """,
        [period],
    ).fetchone()
    if row is None or row[0] is None:
        return []
    return [
        "",
        f"Allocation of the month's effective cost: direct {float(row[0]):.1f} %, shared "
        f"{float(row[1]):.1f} %, unallocated {float(row[2]):.1f} %",
    ]
