"""The report's sections: data from `queries`, charts from `charts`, markup from `html`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

import duckdb

from unitcost.report import charts, queries
from unitcost.report import formatting as fmt
from unitcost.report.html import Card, Section, card_group, note, null_value, table, text
from unitcost.report.queries import ReportContext

Connection = duckdb.DuckDBPyConnection


def _iso(d: date) -> str:
    return d.isoformat()


def _by(rows: list[dict], key: str) -> dict:
    grouped: dict = {}
    for r in rows:
        grouped.setdefault(r[key], []).append(r)
    return grouped


def _month_row(rows: list[dict], month: date, key: str = "month") -> dict | None:
    return next((r for r in rows if r[key] == month), None)


# --- Headline -------------------------------------------------------------------------------------


def _kpi_card(
    ctx: ReportContext,
    label: str,
    rows: list[dict],
    *,
    value: str,
    shown: Callable[[object], str],
    kind: str,
    better: int,
    reason: str | None = None,
    month_key: str = "month",
    detail: Callable[[dict], str] | None = None,
) -> Card:
    """A card of column `value` of the month's row, compared with the previous month's.

    kind: 'pct' (change in points), anything else (relative change); better: +1 when
    higher is better, -1 when lower is; `reason` names the row's null_reason column.
    """
    now = _month_row(rows, ctx.month, month_key)
    before = _month_row(rows, ctx.previous, month_key)
    current = now.get(value) if now else None
    return Card(
        label=label,
        value=None if current is None else shown(current),
        reason=(now.get(reason) if now and reason else None) or "no data this month",
        detail=detail(now) if detail and now else "",
        change=fmt.change(current, before.get(value) if before else None, kind),
        better=better,
        previous_label=fmt.month_label(ctx.previous, short=True),
    )


def headline(con: Connection, ctx: ReportContext) -> Section:
    money = partial(fmt.money, currency=ctx.currency)
    lower_money = {"shown": money, "kind": "money", "better": -1}

    company = [
        _kpi_card(
            ctx,
            "Total technology cost",
            queries.total_cost(con, ctx),
            value="total_cost",
            detail=lambda r: f"bill {money(r['bill_cost'])} + non-cloud {money(r['tco_cost'])}",
            **lower_money,
        ),
        _kpi_card(
            ctx,
            "Allocated directly (effective cost)",
            queries.coverage_months(con, ctx),
            value="direct_pct",
            shown=fmt.percent,
            kind="pct",
            better=1,
            detail=lambda r: (
                f"shared {fmt.percent(r['shared_pct'])}, "
                f"unallocated {fmt.percent(r['unallocated_pct'])}"
            ),
        ),
        _kpi_card(
            ctx,
            "Storage cost per GB-month",
            queries.storage_total(con, ctx),
            value="cost_per_gb_month",
            detail=lambda r: (
                f"{money(r['storage_cost'])} for {fmt.number(r['gb_months'])} GB-months"
            ),
            **lower_money,
        ),
    ]

    units: list[Card] = []
    for scope_rows in _by(queries.business_unit_kpis(con, ctx), "scope_id").values():
        name = scope_rows[0]["scope_name"]
        units += [
            _kpi_card(
                ctx,
                f"{name}: cost to revenue",
                scope_rows,
                value="cost_to_revenue_pct",
                reason="revenue_null_reason",
                month_key="period_start",
                shown=lambda v: fmt.percent(v, 2),
                kind="pct",
                better=-1,
            ),
            _kpi_card(
                ctx,
                f"{name}: cost per API call",
                scope_rows,
                value="cost_per_api_call",
                reason="api_null_reason",
                month_key="period_start",
                **lower_money,
            ),
        ]

    ai_and_data: list[Card] = []
    ttv = _by(queries.ai_time_to_value(con, ctx), "scope_id")
    for scope_id, roi_rows in _by(queries.ai_roi(con, ctx), "scope_id").items():
        name = roi_rows[0]["initiative_name"]
        ai_and_data += [
            _kpi_card(
                ctx,
                f"{name}: AI ROI this month",
                roi_rows,
                value="roi_pct",
                reason="null_reason",
                shown=fmt.percent,
                kind="pct",
                better=1,
            ),
            _kpi_card(
                ctx,
                f"{name}: cumulative AI ROI",
                roi_rows,
                value="cumulative_roi_pct",
                reason="cumulative_null_reason",
                shown=fmt.percent,
                kind="pct",
                better=1,
                detail=lambda r: f"since {fmt.day_label(r['cumulative_since'])}",
            ),
            _kpi_card(
                ctx,
                f"{name}: time to value",
                ttv.get(scope_id, []),
                value="time_to_value_days",
                reason="null_reason",
                shown=fmt.days,
                kind="value",
                better=1,
                detail=lambda r: "days of the alternative's cost earned",
            ),
        ]
    for density_rows in _by(queries.data_value_density(con, ctx), "scope_id").values():
        ai_and_data.append(
            _kpi_card(
                ctx,
                f"{density_rows[0]['scope_name']}: data value density",
                density_rows,
                value="data_value_density",
                reason="null_reason",
                shown=lambda v: fmt.number(v, 2),
                kind="value",
                better=1,
                detail=lambda r: {True: "value leak (at or below 1.0)", False: "no value leak"}.get(
                    r["value_leak"], ""
                ),
            )
        )

    section = Section(
        "headline",
        f"{fmt.month_label(ctx.month)} at a glance",
        intro=text(
            f"{fmt.BASIS_LABELS[ctx.basis].capitalize()} in {ctx.currency}; every change is "
            f"against {fmt.month_label(ctx.previous)}. A dash is a KPI that cannot be computed, "
            "with the reason below it."
        ),
    )
    section.blocks.append(card_group("Company", company))
    if units:
        section.blocks.append(card_group("Business units", units))
    if ai_and_data:
        section.blocks.append(card_group("AI initiatives and data products", ai_and_data))
    return section


# --- Unit costs -----------------------------------------------------------------------------------


def unit_costs(con: Connection, ctx: ReportContext) -> Section:
    section = Section(
        "unit-costs",
        "Unit cost trends",
        intro=text(
            "Cost per unit of every active metric of the metric catalog, per product "
            f"(each with its descendants), monthly up to {fmt.month_label(ctx.month)}. "
            "Each panel has its own scale; its title gives the month's value and the change "
            "against the month before."
        ),
    )
    trends = queries.unit_cost_trends(con, ctx)
    if not trends:
        section.blocks.append(note("No unit costs: the database has no fct_unit_costs rows."))
        return section
    for scope_id, scope_rows in _by(trends, "scope_id").items():
        values, without = [], []
        for metric_rows in _by(scope_rows, "metric_id").values():
            known = [r for r in metric_rows if r["unit_cost"] is not None]
            now = _month_row(metric_rows, ctx.month)
            if not known:
                reason = (now or metric_rows[-1])["null_reason"]
                without.append(f"{metric_rows[0]['metric_name']} ({reason})")
                continue
            before = _month_row(metric_rows, ctx.previous)
            value = now["unit_cost"] if now else None
            label = f"{metric_rows[0]['metric_name']}|" + (
                f"{fmt.money(value, ctx.currency)} {metric_rows[0]['unit_label']}"
                if value is not None
                else f"n/a ({(now or {}).get('null_reason') or 'no row this month'})"
            )
            delta = fmt.change(value, before["unit_cost"] if before else None, "money")
            if delta:
                label += ", " + fmt.arrow(delta)
            values += [
                {"month": _iso(r["month"]), "value": float(r["unit_cost"]), "panel": label}
                for r in known
            ]
        name = scope_rows[0]["scope_name"]
        if values:
            section.add_chart(
                charts.render(
                    f"unit-costs-{scope_id}",
                    f"{name}: unit costs by month",
                    charts.facet_lines(values, y_title=ctx.currency),
                )
            )
        if without:
            section.blocks.append(note("No unit cost for: " + "; ".join(without) + "."))
    return section


# --- Cost to revenue ------------------------------------------------------------------------------


def cost_to_revenue(con: Connection, ctx: ReportContext) -> Section:
    section = Section(
        "cost-to-revenue",
        "Cost to revenue and margin per unit",
        intro=text(
            "Technology cost (bill, shared allocations and non-cloud TCO) as a share of revenue, "
            "and the contribution margin per unit of each scope's primary unit metric, "
            f"in {fmt.month_label(ctx.month)}."
        ),
    )
    money = partial(fmt.money, currency=ctx.currency)
    body = []
    for r in queries.cost_to_revenue(con, ctx):
        indent = "&nbsp;&nbsp;&nbsp;" * int(r["depth"])
        pct = r["cost_to_revenue_pct"]
        delta = fmt.change(pct, r["previous_cost_to_revenue_pct"], "pct")
        pct_html = text(fmt.percent(pct, 2)) if pct is not None else null_value(r["null_reason"])
        revenue = text(money(r["revenue"]) if r["revenue"] is not None else fmt.MISSING)
        if r["attributed_revenue"]:
            revenue += '<span class="reason">attributed</span>'
        unit = fmt.unit_name(r["unit_metric"])

        def per_unit(v: object, u: str = unit) -> str:
            return f"{money(v)} per {u}"

        body.append(
            [
                indent + text(r["scope_name"]),
                text(money(r["technology_cost"])),
                revenue,
                pct_html,
                text(fmt.arrow(delta)),
                text(money(r["contribution_margin"])),
                text(fmt.number(r["units"])) + (f" {text(unit)}s" if r["units"] else ""),
                _or_reason(per_unit, r["unit_cost"], r["unit_null_reason"]),
                _or_reason(per_unit, r["contribution_margin_per_unit"], r["unit_null_reason"]),
            ]
        )
    if body:
        section.blocks.append(
            table(
                [
                    "Scope",
                    "Technology cost",
                    "Revenue",
                    "Cost to revenue",
                    f"vs {fmt.month_label(ctx.previous, short=True)}",
                    "Contribution margin",
                    "Units",
                    "Cost per unit",
                    "Margin per unit",
                ],
                body,
                numeric={1, 2, 3, 4, 5, 6, 7, 8},
            )
        )
    else:
        section.blocks.append(note(f"No cost or revenue in {fmt.month_label(ctx.month)}."))
    trend = queries.cost_to_revenue_trend(con, ctx)
    if trend:
        values = [
            {"month": _iso(r["month"]), "value": float(r["value"]) / 100, "series": r["series"]}
            for r in trend
        ]
        section.add_chart(
            charts.render(
                "cost-to-revenue-trend",
                "Cost to revenue by product, monthly",
                charts.line_chart(
                    values,
                    y_title="technology cost / revenue",
                    y_format=".1~%",
                    series_title="Product",
                ),
            )
        )
    return section


def _or_reason(shown: Callable[[object], str], value: object, reason: str | None) -> str:
    return text(shown(value)) if value is not None else null_value(reason)


# --- AI initiatives and data products -------------------------------------------------------------


def ai_and_data(con: Connection, ctx: ReportContext) -> Section:
    section = Section(
        "ai",
        "AI initiatives and data products",
        intro=text(
            "AI ROI is (benefits - cost) / cost for the month and since the initiative's "
            "first cost or benefit; time to value is how many days of the alternative's cost "
            "the AI value has earned so far. Data value density is a data product's value per "
            "unit of its platform TCO: at or below 1.0 it costs what it is worth or more."
        ),
    )
    roi = queries.ai_roi(con, ctx)
    ttv = _by(queries.ai_time_to_value(con, ctx), "scope_id")
    if not roi:
        section.blocks.append(note("No AI initiative has cost or benefits up to this month."))
    for scope_id, roi_rows in _by(roi, "scope_id").items():
        name = roi_rows[0]["initiative_name"]
        section.blocks.append(f"<h3>{text(name)}</h3>")
        values = []
        for r in roi_rows:
            if r["roi_pct"] is not None:
                values.append(
                    {
                        "month": _iso(r["month"]),
                        "value": float(r["roi_pct"]) / 100,
                        "series": "ROI of the month",
                    }
                )
            if r["cumulative_roi_pct"] is not None:
                values.append(
                    {
                        "month": _iso(r["month"]),
                        "value": float(r["cumulative_roi_pct"]) / 100,
                        "series": "Cumulative ROI",
                    }
                )
        if values:
            section.add_chart(
                charts.render(
                    f"ai-roi-{scope_id}",
                    f"{name}: AI ROI, monthly and cumulative",
                    charts.line_chart(
                        values,
                        y_title="ROI",
                        y_format=".0%",
                        series_order=["ROI of the month", "Cumulative ROI"],
                    ),
                )
            )
        else:
            section.blocks.append(note(f"No ROI: {roi_rows[-1]['null_reason']}."))
        t_values = [
            {
                "month": _iso(r["month"]),
                "value": float(r["time_to_value_days"]),
                "series": "Time to value",
            }
            for r in ttv.get(scope_id, [])
            if r["time_to_value_days"] is not None
        ]
        if t_values:
            section.add_chart(
                charts.render(
                    f"ai-ttv-{scope_id}",
                    f"{name}: time to value (days of the alternative's cost earned)",
                    charts.line_chart(t_values, y_title="days", y_format=",.0f"),
                )
            )
    summary = queries.ai_time_to_value_summary(con, ctx)
    if summary:
        body = []
        for r in summary:
            forecast = r["forecast_days_to_full_benefit"]
            actual = r["actual_days_to_full_benefit"]
            body.append(
                [
                    text(r["initiative_name"]),
                    text(f"{fmt.day_label(r['start_date'])} to {fmt.day_label(r['as_of_date'])}"),
                    text(fmt.money(r["cumulative_benefits"], ctx.currency)),
                    _or_reason(fmt.days, r["time_to_value_days"], r["time_to_value_null_reason"]),
                    text(fmt.human_code(r["full_benefit_status"], fmt.FULL_BENEFIT_LABELS))
                    + (
                        f'<span class="reason">{text(r["full_benefit_null_reason"])}</span>'
                        if r["full_benefit_null_reason"]
                        else ""
                    ),
                    text(fmt.days(forecast)) if forecast is not None else text(fmt.MISSING),
                    _or_reason(fmt.days, actual, r["full_benefit_null_reason"]),
                    _or_reason(fmt.day_label, r["break_even_date"], r["break_even_null_reason"]),
                ]
            )
        section.blocks.append("<h3>Time to value scorecard</h3>")
        section.blocks.append(
            table(
                [
                    "Initiative",
                    "Period",
                    "Value to date",
                    "Time to value",
                    "Full benefit",
                    "Forecast",
                    "Actual",
                    "Break-even",
                ],
                body,
                numeric={2, 3, 5, 6},
            )
        )
    density = queries.data_value_density(con, ctx)
    if density:
        section.blocks.append("<h3>Data products</h3>")
        values = [
            {
                "month": _iso(r["month"]),
                "value": float(r["data_value_density"]),
                "series": r["scope_name"],
            }
            for r in density
            if r["data_value_density"] is not None
        ]
        if values:
            section.add_chart(
                charts.render(
                    "data-value-density",
                    "Data value density by data product (value / data platform TCO)",
                    charts.line_chart(
                        values,
                        y_title="value per unit of TCO",
                        y_format=",.2f",
                        series_title="Data product",
                        rule_at=1.0,
                        rule_label="1.0: below is a value leak",
                        zero=False,
                    ),
                )
            )
        missing = [
            f"{r['scope_name']} ({r['null_reason']})"
            for r in density
            if r["month"] == ctx.month and r["data_value_density"] is None
        ]
        if missing:
            section.blocks.append(
                note(f"No value density in {fmt.month_label(ctx.month)} for: " + "; ".join(missing))
            )
    return section


# --- Storage --------------------------------------------------------------------------------------


def storage(con: Connection, ctx: ReportContext) -> Section:
    section = Section(
        "storage",
        "Storage cost per GB-month by tier",
        intro=text(
            "Storage cost billed per GB-month divided by the GB-months stored, over all "
            "top-level scopes, by storage tier."
        ),
    )
    tiers = queries.storage_by_tier(con, ctx)
    if not tiers:
        section.blocks.append(note("No storage charges with a stored volume up to this month."))
        return section
    order = [
        t
        for t in ["Standard", "Infrequent", "Cold", "Archive", "Auto-tiered"]
        if any(r["storage_tier"] == t for r in tiers)
    ]
    order += sorted({r["storage_tier"] for r in tiers} - set(order))
    values = [
        {
            "month": _iso(r["month"]),
            "value": float(r["cost_per_gb_month"]),
            "series": r["storage_tier"],
        }
        for r in tiers
        if r["cost_per_gb_month"] is not None
    ]
    if values:
        section.add_chart(
            charts.render(
                "storage-tiers",
                f"Cost per GB-month by storage tier ({ctx.currency})",
                charts.line_chart(
                    values,
                    y_title=f"{ctx.currency} per GB-month",
                    y_format=",.3~g",
                    series_title="Tier",
                    series_order=order,
                ),
            )
        )
    body = []
    for tier in order:
        now = next(
            (r for r in tiers if r["storage_tier"] == tier and r["month"] == ctx.month), None
        )
        before = next(
            (r for r in tiers if r["storage_tier"] == tier and r["month"] == ctx.previous), None
        )
        if now is None:
            body.append(
                [
                    text(tier),
                    text(fmt.MISSING),
                    text(fmt.MISSING),
                    null_value("no storage in this tier this month"),
                    "",
                ]
            )
            continue
        delta = fmt.change(
            now["cost_per_gb_month"], before["cost_per_gb_month"] if before else None, "money"
        )
        body.append(
            [
                text(tier),
                text(fmt.money(now["storage_cost"], ctx.currency)),
                text(fmt.number(now["gb_months"])),
                _or_reason(
                    lambda v: fmt.money(v, ctx.currency),
                    now["cost_per_gb_month"],
                    "no GB-months stored",
                ),
                text(fmt.arrow(delta)),
            ]
        )
    section.blocks.append(
        table(
            [
                "Tier",
                "Storage cost",
                "GB-months",
                "Cost per GB-month",
                f"vs {fmt.month_label(ctx.previous, short=True)}",
            ],
            body,
            numeric={1, 2, 3, 4},
        )
    )
    return section


# --- Allocation and conservation ------------------------------------------------------------------


COVERAGE_PARTS = ["Direct", "Shared", "Unallocated"]
COVERAGE_COLORS = [charts.PALETTE[0], charts.PALETTE[1], charts.PALETTE[3]]


def allocation(con: Connection, ctx: ReportContext) -> Section:
    section = Section(
        "allocation",
        "Allocation coverage and conservation",
        intro=text(
            "How much of each month's effective cost scope rules charge directly, how much "
            "shared pools allocate, and how much stays unallocated; then the conservation "
            "check: per billing period, the cost of all scopes equals the bill."
        ),
    )
    coverage = queries.coverage_months(con, ctx)
    values = []
    for r in coverage:
        for part, key in zip(
            COVERAGE_PARTS, ["direct_pct", "shared_pct", "unallocated_pct"], strict=True
        ):
            if r[key] is not None:
                values.append(
                    {"month": _iso(r["month"]), "share": float(r[key]) / 100, "part": part}
                )
    if values:
        now = _month_row(coverage, ctx.month)
        caption = (
            f"{fmt.month_label(ctx.month)}: direct {fmt.percent(now['direct_pct'])}, shared "
            f"{fmt.percent(now['shared_pct'])}, unallocated {fmt.percent(now['unallocated_pct'])}."
            if now and now["direct_pct"] is not None
            else ""
        )
        section.add_chart(
            charts.render(
                "allocation-coverage",
                "Allocation coverage by month (effective cost)",
                charts.stacked_share_bars(
                    values,
                    y_title="share of the month's cost",
                    order=COVERAGE_PARTS,
                    colors=COVERAGE_COLORS,
                ),
                caption=caption,
            )
        )
    else:
        section.blocks.append(note("No allocation coverage rows up to this month."))

    checks = queries.conservation(con, ctx)
    failed = [r for r in checks if not r["conserved"]]
    money = partial(fmt.money, currency=ctx.currency)
    body = [
        [
            text(fmt.month_label(r["billing_period"])),
            text(money(r["bill_cost"])),
            text(money(r["scope_cost"])),
            text(money(r["difference"])),
            '<span class="pass">✔ pass</span>'
            if r["conserved"]
            else '<span class="fail">✘ fail</span>',
        ]
        for r in checks
    ]
    verdict = (
        f'<p class="fail">✘ {len(failed)} of {len(checks)} billing periods do not conserve '
        "cost.</p>"
        if failed
        else f'<p class="pass">✔ All {len(checks)} billing periods conserve cost to 0.01 '
        f"{text(ctx.currency)}.</p>"
    )
    section.blocks.append(
        f"<h3>Conservation check ({text(fmt.BASIS_LABELS[ctx.basis])})</h3>" + verdict
    )
    section.blocks.append(
        table(
            [
                "Billing period",
                "Bill (fct_charges)",
                "All scopes (fct_scope_costs)",
                "Difference",
                "Within 0.01",
            ],
            body,
            numeric={1, 2, 3},
        )
    )
    return section


# --- Rejects --------------------------------------------------------------------------------------


def rejected(con: Connection, ctx: ReportContext) -> Section:
    section = Section(
        "rejects",
        "Rejected rows",
        intro=text(
            "Input rows that were read but not used, by reason: FOCUS rows "
            "(fct_charge_rejects) and business value rows (fct_value_rejects), over everything "
            "loaded into this database."
        ),
    )
    found = queries.rejects(con)
    staged = queries.staged_row_count(con)
    if not found:
        section.blocks.append(
            f'<p class="pass">✔ No row was rejected ({fmt.number(staged)} FOCUS rows staged).</p>'
        )
        return section
    body = [
        [
            text(r["source"]),
            text(fmt.human_code(r["reject_rule"], fmt.REJECT_RULE_LABELS)),
            text(fmt.number(r["row_count"])),
            text(fmt.number(r["file_count"])),
            text(fmt.money(r["billed_cost_as_read"], None))
            if r["billed_cost_as_read"] is not None
            else text(fmt.MISSING),
            text(r["example_reason"]),
        ]
        for r in found
    ]
    section.blocks.append(
        paragraph_text(
            f"{fmt.number(sum(r['row_count'] for r in found))} rows rejected; "
            f"{fmt.number(staged)} FOCUS rows staged."
        )
    )
    section.blocks.append(
        table(
            ["Input", "Reason", "Rows", "Files", "Billed cost as read", "Example"],
            body,
            numeric={2, 3, 4},
        )
    )
    return section


def paragraph_text(message: str) -> str:
    return f"<p>{text(message)}</p>"


# --- HOOK: later sections -------------------------------------------------------------------------
#
# Sections still to come (unit-cost trend classes, anomalies, checks, ...) plug in
# here: write a function `(con, ctx) -> list[Section]` and append it to
# LATER_SECTIONS. `later_sections` is called after the sections above, with the
# same read-only connection and context, and its sections are added in order.

SectionMaker = Callable[[Connection, ReportContext], list[Section]]
LATER_SECTIONS: list[SectionMaker] = []


def later_sections(con: Connection, ctx: ReportContext) -> list[Section]:
    """HOOK for sections added later; returns the sections of every LATER_SECTIONS maker."""
    found: list[Section] = []
    for make in LATER_SECTIONS:
        found.extend(make(con, ctx))
    return found


BUILT_IN: list[Callable[[Connection, ReportContext], Section]] = [
    headline,
    unit_costs,
    cost_to_revenue,
    ai_and_data,
    storage,
    allocation,
    rejected,
]


def all_sections(con: Connection, ctx: ReportContext) -> list[Section]:
    return [make(con, ctx) for make in BUILT_IN] + later_sections(con, ctx)
