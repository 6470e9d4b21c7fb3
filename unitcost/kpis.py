"""`unitcost kpis`: the month's unit-economics KPIs from a built database, as tables.

Everything printed is read from the KPI marts (kpi_*, fct_unit_costs,
fct_allocation_coverage); nothing is computed here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from unitcost.project import UnitcostError

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


def latest_month(con: duckdb.DuckDBPyConnection) -> date:
    row = con.execute(
        "select max(period_start) from kpi_cost_to_revenue where period_grain = 'month'"
    ).fetchone()
    if row is None or row[0] is None:
        raise UnitcostError("the database has no KPI rows: run `unitcost build` first")
    return row[0]


def report(db: Path, month: str | None = None, basis: str = "effective") -> str:
    """The KPI tables for one month (default: the latest) on one cost basis."""
    if not db.exists():
        raise UnitcostError(f"no database at {db}: run `unitcost build` first")
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {
            r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()
        }
        missing = {"kpi_cost_to_revenue", "kpi_cost_per_api_call", "fct_unit_costs"} - tables
        if missing:
            raise UnitcostError(
                f"{db} has no {', '.join(sorted(missing))}: run `unitcost build` first"
            )
        period = date.fromisoformat(f"{month}-01") if month else latest_month(con)
        return "\n".join(line.rstrip() for line in _report(con, period, basis))
    finally:
        con.close()


def _report(con: duckdb.DuckDBPyConnection, period: date, basis: str) -> list[str]:
    params = [period, basis]
    currency = con.execute(
        "select any_value(reporting_currency) from kpi_cost_to_revenue "
        "where period_grain = 'month' and period_start = ? and cost_basis = ?",
        params,
    ).fetchone()[0]
    lines = [f"unitcost KPIs for {period:%Y-%m} ({basis} cost, {currency or '-'})", ""]
    rows = con.execute(
        """
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
        where not scopes.is_shared_pool
        order by scopes.scope_path
        """,
        params + params,
    ).fetchall()
    widths = [w for _, w in SCOPE_COLUMNS]
    lines.append(_row([c for c, _ in SCOPE_COLUMNS], widths))
    for scope_id, path, cost, per_call, pct, unit_cost, margin, unit in rows:
        indent = "  " * path.count(" > ")
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
    lines += _ai(con, period, basis)
    lines += _data_products(con, period, basis)
    lines += _storage(con, period, basis)
    lines += _unit_costs(con, period, basis)
    lines += _coverage(con, period)
    return lines


def _ai(con: duckdb.DuckDBPyConnection, period: date, basis: str) -> list[str]:
    rows = con.execute(
        """
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
        where roi.period_grain = 'month' and roi.period_start = ? and roi.cost_basis = ?
        order by roi.scope_id
        """,
        [period, basis],
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


def _data_products(con: duckdb.DuckDBPyConnection, period: date, basis: str) -> list[str]:
    rows = con.execute(
        """
        select scope_id, data_value_density, data_value, data_platform_tco, value_leak, null_reason
        from kpi_data_value_density
        where period_grain = 'month' and period_start = ? and cost_basis = ?
        order by scope_id
        """,
        [period, basis],
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


def _unit_costs(con: duckdb.DuckDBPyConnection, period: date, basis: str) -> list[str]:
    rows = con.execute(
        """
        select costs.scope_id, metrics.metric_name, costs.unit_cost, costs.unit_label
        from fct_unit_costs as costs
        inner join dim_metrics as metrics on costs.metric_id = metrics.metric_id
        inner join dim_scopes as scopes on costs.scope_id = scopes.scope_id
        where costs.period_grain = 'month' and costs.period_start = ? and costs.cost_basis = ?
            and costs.unit_cost is not null and scopes.scope_type = 'product'
            and metrics.status = 'approved'
        order by costs.scope_id, metrics.metric_name
        """,
        [period, basis],
    ).fetchall()
    if not rows:
        return []
    lines = ["", "Unit costs (metric catalog, approved metrics, products)"]
    for scope, name, value, label in rows:
        lines.append(f"  {scope:<16}{name:<40}{_number(value, 4):>14} {label}")
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
