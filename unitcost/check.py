"""`unitcost check`: unit costs at the point of consumption, for a CI step or a deploy gate.

Reads the built marts (kpi_unit_cost_targets, kpi_unit_cost_anomalies); computes
nothing. A finding is a current-period unit cost outside its catalog target band
(either direction) or an open anomaly (the month's unit cost outside its own
recent band). Exit code 1 when there is a finding, 0 when there is none, 2 for a
usage error. It prints; sending the summary (chat, ticket) is the caller's job.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

import duckdb

from unitcost.marts import check_known, open_marts, parse_month
from unitcost.project import UnitcostError

REQUIRED = ("kpi_unit_cost_targets", "kpi_unit_cost_anomalies", "dim_metrics", "dim_scopes")


@dataclass(frozen=True)
class Finding:
    """One reason to stop: a target breach or an open anomaly."""

    kind: str  # target_breach | anomaly
    metric_id: str
    scope_id: str
    unit_label: str
    unit_cost: float | None
    direction: str  # above | below
    low: float | None
    high: float | None
    detail: str


def _float(value: object) -> float | None:
    return None if value is None else float(value)


def _current_month(con: duckdb.DuckDBPyConnection, month: str | None, basis: str) -> date:
    last = con.execute(
        "select max(period_start) from kpi_unit_cost_anomalies "
        "where cost_basis = ? and unit_cost is not null",
        [basis],
    ).fetchone()[0]
    if last is None:
        raise UnitcostError("the database has no unit costs: run `unitcost build` first")
    if month is None:
        return last
    period = parse_month(month)
    if period > last:
        raise UnitcostError(f"no unit costs for {period:%Y-%m}: the latest month is {last:%Y-%m}")
    return period


def findings(
    con: duckdb.DuckDBPyConnection,
    period: date,
    basis: str = "effective",
    scope: str | None = None,
    metric: str | None = None,
) -> list[Finding]:
    """Target breaches and open anomalies of one month, retired metrics left out."""
    where = " and period_start = ? and cost_basis = ? and metric_status <> 'retired'"
    params: list = [period, basis]
    if scope:
        where += " and scope_id = ?"
        params.append(scope)
    if metric:
        where += " and metric_id = ?"
        params.append(metric)
    out: list[Finding] = []
    for row in con.execute(
        "select metric_id, scope_id, unit_label, unit_cost, target_status, target_low, "
        "target_high, breach_pct from kpi_unit_cost_targets "
        "where target_status in ('above', 'below')" + where + " order by metric_id, scope_id",
        params,
    ).fetchall():
        metric_id, scope_id, label, unit_cost, status, low, high, pct = row
        bound = high if status == "above" else low
        out.append(
            Finding(
                "target_breach",
                metric_id,
                scope_id,
                label,
                _float(unit_cost),
                status,
                _float(low),
                _float(high),
                f"{float(pct):+.1f} % {'over' if status == 'above' else 'under'} the target "
                f"{'high' if status == 'above' else 'low'} {float(bound):.6g}",
            )
        )
    for row in con.execute(
        "select metric_id, scope_id, unit_label, unit_cost, direction, band_lower, band_upper, "
        "severity, deviation_sigmas, top_contributors from kpi_unit_cost_anomalies "
        "where is_anomaly" + where + " order by metric_id, scope_id",
        params,
    ).fetchall():
        metric_id, scope_id, label, unit_cost, direction, low, high, severity, sigmas, top = row
        detail = f"{severity} anomaly, {float(sigmas):+.1f} sigma from its recent median"
        if top:
            detail += f"; moved most: {top}"
        out.append(
            Finding(
                "anomaly",
                metric_id,
                scope_id,
                label,
                _float(unit_cost),
                direction,
                _float(low),
                _float(high),
                detail,
            )
        )
    return out


def _cost(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.6g}"


def _band(f: Finding) -> str:
    low = _cost(f.low) if f.low is not None else "-inf"
    high = _cost(f.high) if f.high is not None else "inf"
    return f"[{low}, {high}]"


def format_findings(
    items: list[Finding],
    period: date,
    basis: str,
    currency: str,
    fmt: str = "text",
    provisional: str | None = None,
) -> str:
    """The summary as text (CI log), JSON (scripts) or Markdown (a chat message, a PR comment).

    `provisional` is the reason the month's bill is not final yet (None when it is final).
    """
    status = "fail" if items else "pass"
    if fmt == "json":
        return json.dumps(
            {
                "status": status,
                "month": f"{period:%Y-%m}",
                "basis": basis,
                "currency": currency,
                "is_final": provisional is None,
                "provisional_reason": provisional,
                "findings": [asdict(f) for f in items],
            },
            indent=2,
        )
    breaches = sum(f.kind == "target_breach" for f in items)
    anomalies = len(items) - breaches
    head = f"unitcost check {period:%Y-%m} ({basis} cost, {currency}): " + (
        f"FAIL: {breaches} target breach(es), {anomalies} open anomaly(ies)" if items else "PASS"
    )
    note = f"The month is provisional: {provisional}." if provisional else None
    if fmt == "markdown":
        lines = [f"**{head}**"] + ([f"_{note}_"] if note else [])
        if items:
            lines += [
                "",
                "| | metric | scope | unit cost | band | detail |",
                "|---|---|---|---|---|---|",
            ]
            for f in items:
                icon = "target" if f.kind == "target_breach" else "anomaly"
                lines.append(
                    f"| {icon} {f.direction} | `{f.metric_id}` | `{f.scope_id}` | "
                    f"{_cost(f.unit_cost)} {f.unit_label} | {_band(f)} | {f.detail} |"
                )
        return "\n".join(lines)
    lines = [head] + ([f"  {note}"] if note else [])
    for f in items:
        kind = "TARGET " if f.kind == "target_breach" else "ANOMALY"
        lines.append(
            f"  {kind} {f.direction:<5} {f.metric_id} / {f.scope_id}: "
            f"{_cost(f.unit_cost)} {f.unit_label}, band {_band(f)}: {f.detail}"
        )
    return "\n".join(lines)


def check(
    db: Path,
    month: str | None = None,
    basis: str = "effective",
    scope: str | None = None,
    metric: str | None = None,
    fmt: str = "text",
) -> tuple[str, int]:
    """(summary, exit code): 1 when a unit cost is outside its target band or an anomaly is open."""
    with open_marts(db, REQUIRED) as con:
        check_known(con, "scope", scope)
        check_known(con, "metric", metric)
        period = _current_month(con, month, basis)
        items = findings(con, period, basis, scope, metric)
        currency, is_final, reason = con.execute(
            "select max(reporting_currency), bool_and(is_final), max(finality_reason) "
            "from kpi_unit_cost_anomalies where period_start = ? and cost_basis = ?",
            [period, basis],
        ).fetchone()
    summary = format_findings(
        items, period, basis, currency or "", fmt, None if is_final else reason
    )
    return summary, (1 if items else 0)
