"""Vega-Lite specs (plain dicts) rendered to inline SVG with vl-convert, offline.

Charts are drawn on a transparent background. Text, axes and facet headers use
`currentColor`, so they take the page's text colour in light and dark mode (and
black in print); marks use mid-tone colours that read on white and on near-black.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

# Mid-tone hues: each keeps about 3:1 contrast against white and against #121212.
PALETTE = [
    "#3b82f6",  # blue
    "#f59e0b",  # amber
    "#10b981",  # emerald
    "#ef4444",  # red
    "#8b5cf6",  # violet
    "#ec4899",  # pink
    "#14b8a6",  # teal
    "#84cc16",  # lime
]
GRID = "rgba(128, 128, 128, 0.28)"
TEXT = "currentColor"
FONT = "Helvetica, Arial, sans-serif"

CONFIG: dict = {
    "background": None,
    "font": FONT,
    "padding": 4,
    "view": {"stroke": None, "continuousWidth": 520, "continuousHeight": 200},
    "range": {"category": PALETTE},
    "axis": {
        "labelColor": TEXT,
        "titleColor": TEXT,
        "domainColor": TEXT,
        "tickColor": TEXT,
        "gridColor": GRID,
        "labelFontSize": 11,
        "titleFontSize": 11,
        "titleFontWeight": "normal",
        "domainOpacity": 0.6,
        "tickOpacity": 0.6,
    },
    "legend": {
        "labelColor": TEXT,
        "titleColor": TEXT,
        "labelFontSize": 11,
        "titleFontSize": 11,
        "orient": "bottom",
        "direction": "horizontal",
        "columns": 4,
        "labelLimit": 260,
        "symbolStrokeWidth": 3,
    },
    "header": {
        "labelColor": TEXT,
        "titleColor": TEXT,
        "labelFontSize": 11,
        "labelLimit": 300,
        "labelFontWeight": "bold",
    },
    "title": {"color": TEXT, "fontSize": 13},
    "text": {"color": TEXT},
    "line": {"strokeWidth": 2.5},
    "point": {"filled": True, "size": 36},
}

# Axis labels of amounts: 1.2M, 350k above a thousand; 0.00012, 0.35, 12.5 below.
AMOUNT_LABEL = (
    "abs(datum.value) >= 1000 ? replace(format(datum.value, '.3~s'), 'G', 'B') "
    ": format(datum.value, ',.3~g')"
)

MONTH_AXIS = {"format": "%b %y", "formatType": "utc", "labelAngle": 0, "tickCount": "month"}


@dataclass
class Chart:
    """One rendered chart: its id, accessible title, caption and inline SVG."""

    chart_id: str
    title: str
    svg: str
    caption: str = ""


def month_x(title: str | None = None) -> dict:
    return {
        "field": "month",
        "type": "temporal",
        "timeUnit": "utcyearmonth",
        "title": title,
        "axis": dict(MONTH_AXIS),
    }


def line_chart(
    values: list[dict],
    *,
    y_title: str,
    y_format: str = ",.3~g",
    series_title: str = "",
    height: int = 200,
    width: int = 520,
    rule_at: float | None = None,
    rule_label: str = "",
    zero: bool = True,
    series_order: list[str] | None = None,
) -> dict:
    """Monthly lines: rows {month: 'YYYY-MM-DD', value, series}; one line per series."""
    color: dict = {"field": "series", "type": "nominal", "title": series_title or None}
    if len({v["series"] for v in values}) < 2:
        color["legend"] = None
    if series_order:
        color["sort"] = series_order
        color["scale"] = {"domain": series_order}
    layers: list[dict] = [
        {
            "mark": {"type": "line", "point": True, "interpolate": "linear"},
            "encoding": {
                "x": month_x(),
                "y": {
                    "field": "value",
                    "type": "quantitative",
                    "title": y_title,
                    "axis": {"format": y_format},
                    "scale": {"zero": zero},
                },
                "color": color,
            },
        }
    ]
    if rule_at is not None:
        layers.append(
            {
                "data": {"values": [{"y": rule_at, "label": rule_label}]},
                "mark": {"type": "rule", "strokeDash": [4, 4], "color": TEXT, "opacity": 0.6},
                "encoding": {"y": {"field": "y", "type": "quantitative"}},
            }
        )
        if rule_label:
            layers.append(
                {
                    "data": {"values": [{"y": rule_at, "label": rule_label}]},
                    "mark": {
                        "type": "text",
                        "align": "right",
                        "dx": -2,
                        "dy": -7,
                        "x": {"expr": "width"},
                        "fontSize": 10,
                        "color": TEXT,
                    },
                    "encoding": {
                        "y": {"field": "y", "type": "quantitative"},
                        "text": {"field": "label"},
                    },
                }
            )
    return {
        "width": width,
        "height": height,
        "data": {"values": values},
        "layer": layers,
    }


def facet_lines(
    values: list[dict], *, y_title: str, columns: int = 3, width: int = 250, height: int = 110
) -> dict:
    """Small multiples: rows {month, value, panel}; one panel per value of `panel`, own y scale.

    A panel's title may have two lines, separated by "|".
    """
    panels = list(dict.fromkeys(v["panel"] for v in values))
    return {
        "data": {"values": values},
        "facet": {
            "field": "panel",
            "type": "nominal",
            "title": None,
            "sort": panels,
            # "title|detail" in two lines
            "header": {
                "labelAnchor": "start",
                "labelPadding": 4,
                "labelExpr": "split(datum.label, '|')",
                "labelLineHeight": 14,
            },
        },
        "columns": columns,
        "spacing": {"row": 22, "column": 28},
        "resolve": {"scale": {"y": "independent"}},
        "spec": {
            "width": width,
            "height": height,
            "mark": {
                "type": "line",
                "point": True,
                "color": PALETTE[0],
                "interpolate": "linear",
            },
            "encoding": {
                "x": month_x(),
                "y": {
                    "field": "value",
                    "type": "quantitative",
                    "title": y_title,
                    "axis": {"labelExpr": AMOUNT_LABEL, "tickCount": 4},
                    "scale": {"zero": True},
                },
            },
        },
    }


def stacked_share_bars(
    values: list[dict], *, y_title: str, order: list[str], colors: list[str], height: int = 200
) -> dict:
    """Monthly 100 % bars: rows {month, share (0-1), part}; parts stacked in `order`."""
    return {
        "width": 520,
        "height": height,
        "data": {"values": values},
        "transform": [
            {"calculate": f"indexof({json.dumps(order)}, datum.part)", "as": "part_order"}
        ],
        "mark": {"type": "bar", "width": {"band": 0.7}},
        "encoding": {
            "x": {
                "field": "month",
                "type": "ordinal",
                "timeUnit": "utcyearmonth",
                "title": None,
                "axis": {"format": "%b %y", "formatType": "utc", "labelAngle": 0},
            },
            "y": {
                "field": "share",
                "type": "quantitative",
                "stack": "zero",
                "title": y_title,
                "axis": {"format": ".0%"},
                "scale": {"domain": [0, 1]},
            },
            "color": {
                "field": "part",
                "type": "nominal",
                "title": None,
                "sort": order,
                "scale": {"domain": order, "range": colors},
            },
            "order": {"field": "part_order", "type": "quantitative"},
        },
    }


def bar_chart(values: list[dict], *, x_title: str, x_format: str = ",.3~g") -> dict:
    """Horizontal bars: rows {label, value}, in the order given."""
    labels = [v["label"] for v in values]
    return {
        "width": 520,
        "height": {"step": 26},
        "data": {"values": values},
        "mark": {"type": "bar", "color": PALETTE[0]},
        "encoding": {
            "y": {"field": "label", "type": "nominal", "sort": labels, "title": None},
            "x": {
                "field": "value",
                "type": "quantitative",
                "title": x_title,
                "axis": {"format": x_format},
            },
        },
    }


_ID = re.compile(r'\bid="([^"]+)"')


def render(chart_id: str, title: str, spec: dict, caption: str = "") -> Chart:
    """Render a Vega-Lite spec to inline SVG (offline, no browser)."""
    import vl_convert

    full = {"config": CONFIG, **spec}
    svg = vl_convert.vegalite_to_svg(json.dumps(full, default=str))
    return Chart(chart_id=chart_id, title=title, svg=_inline(svg, chart_id), caption=caption)


def _inline(svg: str, chart_id: str) -> str:
    """Make an SVG document fit inside HTML beside others: no namespaces, unique ids."""
    svg = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", svg, count=2)
    prefix = f"{chart_id}-"
    ids = set(_ID.findall(svg))
    for old in sorted(ids, key=len, reverse=True):
        svg = svg.replace(f'id="{old}"', f'id="{prefix}{old}"')
        svg = svg.replace(f"url(#{old})", f"url(#{prefix}{old})")
        svg = svg.replace(f'href="#{old}"', f'href="#{prefix}{old}"')
    return svg.replace("<svg ", f'<svg role="img" aria-labelledby="{chart_id}-title" ', 1)
