"""The report as one self-contained HTML file: inline CSS and inline SVG, no script, no fetch."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from unitcost.report.charts import Chart
from unitcost.report.formatting import MISSING


@dataclass
class Section:
    """One part of the report: a heading and blocks of HTML (cards, tables, figures)."""

    section_id: str
    title: str
    blocks: list[str] = field(default_factory=list)
    intro: str = ""
    charts: list[Chart] = field(default_factory=list)

    def add_chart(self, chart: Chart) -> None:
        self.charts.append(chart)
        self.blocks.append(figure(chart))


def text(value: object) -> str:
    return escape("" if value is None else str(value))


def note(message: str) -> str:
    return f'<p class="note">{text(message)}</p>'


def paragraph(message_html: str) -> str:
    return f"<p>{message_html}</p>"


def null_value(reason: str | None) -> str:
    """A KPI that is null: a dash and the reason in words (never 0)."""
    return (
        f'<span class="null" title="not computed">{MISSING}</span>'
        f'<span class="reason">{text(reason or "not computed")}</span>'
    )


def value_or_reason(formatted: str, value: object, reason: str | None) -> str:
    return text(formatted) if value is not None else null_value(reason)


def figure(chart: Chart) -> str:
    caption = f'<p class="caption">{text(chart.caption)}</p>' if chart.caption else ""
    return (
        f'<figure class="chart" id="{text(chart.chart_id)}" data-chart="{text(chart.chart_id)}">'
        f'<figcaption id="{text(chart.chart_id)}-title">{text(chart.title)}</figcaption>'
        f"{chart.svg}{caption}</figure>"
    )


def table(headers: list[str], body: list[list[str]], numeric: set[int] | None = None) -> str:
    """A table; cells are HTML already escaped; columns in `numeric` align right."""
    numeric = numeric or set()

    def cls(i: int) -> str:
        return ' class="num"' if i in numeric else ""

    head = "".join(f"<th{cls(i)}>{text(h)}</th>" for i, h in enumerate(headers))
    rows = "".join(
        "<tr>" + "".join(f"<td{cls(i)}>{c}</td>" for i, c in enumerate(r)) + "</tr>" for r in body
    )
    return (
        f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


@dataclass
class Card:
    """A headline KPI: label, formatted value (or null reason), change vs the month before."""

    label: str
    value: str | None
    reason: str | None = None
    detail: str = ""
    change: tuple[str, int] | None = None
    better: int = 0  # +1 higher is better, -1 lower is better, 0 neutral
    previous_label: str = ""


def card(c: Card) -> str:
    if c.value is None:
        main = f'<div class="value null">{MISSING}</div><div class="reason">{text(c.reason)}</div>'
    else:
        main = f'<div class="value">{text(c.value)}</div>'
    if c.change is None:
        delta = (
            f'<div class="delta flat">no comparison with {text(c.previous_label)}</div>'
            if c.previous_label and c.value is not None
            else ""
        )
    else:
        words, direction = c.change
        arrow = {1: "▲ up", -1: "▼ down", 0: "●"}[direction]
        tone = (
            "flat"
            if direction == 0 or c.better == 0
            else ("good" if direction == c.better else "bad")
        )
        delta = f'<div class="delta {tone}">{arrow} {text(words)} vs {text(c.previous_label)}</div>'
    detail = f'<div class="detail">{text(c.detail)}</div>' if c.detail else ""
    return f'<div class="card"><div class="label">{text(c.label)}</div>{main}{delta}{detail}</div>'


def card_group(title: str, cards: list[Card]) -> str:
    inner = "".join(card(c) for c in cards)
    return f'<div class="card-group"><h3>{text(title)}</h3><div class="cards">{inner}</div></div>'


CSS = """
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --panel: #f6f8fa; --border: #d1d9e0;
  --good: #1a7f37; --bad: #cf222e; --accent: #0969da;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --panel: #161b22; --border: #30363d;
    --good: #3fb950; --bad: #f85149; --accent: #4493f8;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
}
main { max-width: 1200px; margin: 0 auto; padding: 24px 32px 48px; }
header h1 { font-size: 24px; margin: 0 0 4px; }
header .meta { color: var(--muted); margin: 0; }
.provisional { color: #b45309; }
nav { margin: 16px 0 8px; display: flex; flex-wrap: wrap; gap: 6px 16px; }
nav a { color: var(--accent); text-decoration: none; }
nav a:hover { text-decoration: underline; }
section { border-top: 1px solid var(--border); margin-top: 28px; padding-top: 8px; }
h2 { font-size: 19px; margin: 12px 0 6px; }
h3 { font-size: 15px; margin: 14px 0 8px; }
p { margin: 6px 0; }
.intro, .note, .caption { color: var(--muted); }
.note { font-style: italic; }
.card-group h3 { margin: 16px 0 8px; color: var(--muted); font-weight: 600; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 12px; }
.card {
  background: var(--panel); border: 1px solid var(--border); border-radius: 8px;
  padding: 12px 14px; break-inside: avoid;
}
.card .label { color: var(--muted); font-size: 13px; }
.card .value {
  font-size: 24px; font-weight: 650; margin: 2px 0; font-variant-numeric: tabular-nums;
}
.card .value.null { color: var(--muted); }
.card .delta { font-size: 12.5px; }
.card .detail { font-size: 12.5px; color: var(--muted); margin-top: 2px; }
.good { color: var(--good); }
.bad { color: var(--bad); }
.flat { color: var(--muted); }
.reason {
  display: block; color: var(--muted); font-size: 12px; font-style: italic; overflow-wrap: anywhere;
}
.null { color: var(--muted); }
figure.chart { margin: 14px 0 18px; break-inside: avoid; color: var(--fg); }
figure.chart figcaption { font-weight: 600; margin-bottom: 6px; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
.table-wrap { overflow-x: auto; margin: 8px 0 14px; }
table { border-collapse: collapse; font-size: 13px; min-width: 50%; }
th, td {
  padding: 5px 10px; border-bottom: 1px solid var(--border); text-align: left; vertical-align: top;
}
td:first-child { white-space: nowrap; }
th { font-weight: 600; color: var(--muted); border-bottom-width: 2px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td .reason { text-align: left; }
tr { break-inside: avoid; }
.pass { color: var(--good); font-weight: 600; }
.fail { color: var(--bad); font-weight: 600; }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; }
@media print {
  :root {
    --bg: #ffffff; --fg: #000000; --muted: #444444; --panel: #ffffff; --border: #999999;
    --good: #11632a; --bad: #a40e26; --accent: #000000;
  }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  section { break-before: auto; }
  h2, h3 { break-after: avoid; }
  .cards { grid-template-columns: repeat(3, 1fr); }
  .table-wrap { overflow: visible; }
  table { font-size: 8pt; width: 100%; }
  th, td { padding: 3px 4px; }
  td:first-child { white-space: normal; }
  @page { size: A4; margin: 14mm; }
}
"""


def document(title: str, meta: list[str], sections: list[Section], footer: str) -> str:
    nav = "".join(f'<a href="#{text(s.section_id)}">{text(s.title)}</a>' for s in sections)
    body = "".join(
        f'<section id="{text(s.section_id)}"><h2>{text(s.title)}</h2>'
        + (f'<p class="intro">{s.intro}</p>' if s.intro else "")
        + "".join(s.blocks)
        + "</section>"
        for s in sections
    )
    meta_html = "".join(f'<p class="meta">{m}</p>' for m in meta)
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="color-scheme" content="light dark">'
        f"<title>{text(title)}</title><style>{CSS}</style></head>"
        f"<body><main><header><h1>{text(title)}</h1>{meta_html}<nav>{nav}</nav></header>"
        f"{body}<footer>{footer}</footer></main></body></html>\n"
    )
