"""`unitcost report` writes one self-contained HTML file whose charts have data and that opens
in a real browser (headless Chromium) without a console error; user errors exit 2."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from chromium import chromium_path, open_page
from conftest import query, run_unitcost

from unitcost.report import charts

MIN_MARKS = 2  # a line and a point at least; an empty dataset draws none
EXPECTED_CHARTS = {
    "unit-costs-assistant",
    "unit-costs-storefront",
    "cost-to-revenue-trend",
    "ai-roi-assistant",
    "ai-ttv-assistant",
    "data-value-density",
    "storage-tiers",
    "allocation-coverage",
}


# --- The checks ------------------------------------------------------------------------------


EXTERNAL = [
    (
        re.compile(
            r"""\b(?:src|href|xlink:href|action|poster|data)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//""",
            re.I,
        ),
        "network src/href",
    ),
    (re.compile(r"<script\b[^>]*\bsrc\s*=", re.I), "<script src>"),
    (re.compile(r"<link\b", re.I), "<link> (external stylesheet, font or icon)"),
    (re.compile(r"@import", re.I), "@import"),
    (re.compile(r"""url\(\s*["']?(?!#|data:)""", re.I), "url() to a file or the network"),
    (re.compile(r"""\b(?:src|href)\s*=\s*["']?(?!#|data:)[^"'\s>]""", re.I), "src/href to a file"),
]


def external_references(html: str) -> list[str]:
    """Every reference in `html` to something outside the file (empty when self-contained)."""
    found = []
    for pattern, what in EXTERNAL:
        found += [f"{what}: {m.group(0)[:80]}" for m in pattern.finditer(html)]
    return found


FIGURE = re.compile(r'<figure class="chart"[^>]*data-chart="([^"]+)"[^>]*>(.*?)</figure>', re.S)
DATA_MARK_TAGS = {"path", "rect", "circle", "line", "polygon", "polyline", "ellipse"}


def chart_data_marks(html: str) -> dict[str, int]:
    """Per chart (figure data-chart id): the number of drawn data marks in its SVG.

    Vega puts each mark in a <g class="mark-<type> role-mark ...">; rules and text
    (thresholds, labels) are not data, axes and legends are not marks.
    """
    counts = {}
    for chart_id, inner in FIGURE.findall(html):
        svg = re.search(r"<svg\b.*</svg>", inner, re.S)
        if svg is None:
            counts[chart_id] = 0
            continue
        root = ET.fromstring(svg.group(0))
        total = 0
        for group in root.iter("g"):
            classes = group.get("class", "").split()
            if "role-mark" not in classes or {"mark-rule", "mark-text"} & set(classes):
                continue
            total += sum(1 for child in group.iter() if child.tag in DATA_MARK_TAGS)
        counts[chart_id] = total
    return counts


def charts_without_data(html: str) -> list[str]:
    return [c for c, n in chart_data_marks(html).items() if n < MIN_MARKS]


# --- The report of the demo ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def report(demo_build: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    _, db = demo_build
    out = tmp_path_factory.mktemp("report") / "report.html"
    proc = run_unitcost("report", "--db", str(db), "--out", str(out), check=True)
    assert "wrote" in proc.stdout and str(out) in proc.stdout
    return out


def test_report_is_one_self_contained_file(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert external_references(html) == []
    assert "<script" not in html.lower()
    assert "@media print" in html and "prefers-color-scheme: dark" in html


def test_every_chart_has_data_marks(report: Path) -> None:
    marks = chart_data_marks(report.read_text(encoding="utf-8"))
    assert set(marks) >= EXPECTED_CHARTS, f"missing charts: {EXPECTED_CHARTS - set(marks)}"
    assert all(n >= MIN_MARKS for n in marks.values()), marks
    # 13 months x 3 parts of allocation; 13 months x (ROI + cumulative ROI) lines and points
    assert marks["allocation-coverage"] >= 13 * 3
    assert marks["ai-roi-assistant"] >= 2 + 2 * 13


def test_report_shows_the_marts_numbers_in_words(
    report: Path, demo_build: tuple[Path, Path]
) -> None:
    _, db = demo_build
    html = report.read_text(encoding="utf-8")
    assert "<h1>unitcost report: October 2026</h1>" in html
    total = query(
        db,
        "select sum(cost) from fct_scope_costs where cost_basis = 'effective' "
        "and cost_date >= '2026-10-01' and cost_date < '2026-11-01'",
    )[0][0]
    assert f"${float(total):,.2f}" in html
    pct = query(
        db,
        "select cost_to_revenue_pct from kpi_cost_to_revenue where scope_id = 'storefront' "
        "and period_grain = 'month' and period_start = '2026-10-01' and cost_basis = 'effective'",
    )[0][0]
    assert f"{float(pct):.2f}\u00a0%" in html  # a no-break space before %
    # A null KPI shows its reason, never 0
    assert "no revenue in the period" in html
    # Human labels, not codes
    assert "Reached, later than forecast" in html and "reached_late" not in html
    # Conservation: one pass mark per billing period, none failing
    periods = query(db, "select count(distinct billing_period) from fct_charges")[0][0]
    assert html.count("✔ pass") == periods and "✘ fail" not in html
    assert "No row was rejected" in html


def test_report_opens_in_chromium_without_console_errors(report: Path, tmp_path: Path) -> None:
    assert chromium_path(), "chromium is missing: run `make browser` (Debian package chromium)"
    for scheme in ("light", "dark"):
        shot = tmp_path / f"report-{scheme}.png"
        page = open_page(report, shot, color_scheme=scheme)
        assert page.errors == [], page.errors
        assert all(url.startswith(("file://", "data:")) for url in page.requests), page.requests
        assert shot.stat().st_size > 50_000
        assert page.width == 1280 and page.height > 3000, (page.width, page.height)
    printed = open_page(report, tmp_path / "report-print.png", media="print", width=800)
    assert printed.errors == []


# --- The checks can fail ------------------------------------------------------------------------


def test_the_checks_catch_a_broken_report(report: Path, tmp_path: Path) -> None:
    html = report.read_text(encoding="utf-8")
    empty = charts.render(
        "storage-tiers", "broken", charts.line_chart([], y_title="USD", series_title="Tier")
    )
    start = html.index('<figure class="chart" id="storage-tiers"')
    end = html.index("</figure>", start)
    broken = (
        html[:start] + f'<figure class="chart" data-chart="storage-tiers">{empty.svg}' + html[end:]
    )
    assert charts_without_data(broken) == ["storage-tiers"]
    assert charts_without_data(html) == []

    assert external_references(
        html.replace("</style>", "@import url(https://x.test/a.css);</style>")
    )
    assert external_references(
        html.replace("<body>", '<body><script src="https://x.test/v.js"></script>')
    )
    assert external_references(html.replace("<body>", '<body><img src="logo.png">'))

    page = tmp_path / "broken.html"
    page.write_text(
        html.replace(
            "<body>",
            '<body><img src="missing-logo.png"><script>console.error("chart failed")</script>',
        ),
        encoding="utf-8",
    )
    errors = open_page(page, tmp_path / "broken.png").errors
    assert any("chart failed" in e for e in errors), errors
    assert any("missing-logo.png" in e for e in errors), errors


# --- Options and user errors --------------------------------------------------------------------


def test_default_output_another_month_and_basis(
    demo_build: tuple[Path, Path], tmp_path: Path
) -> None:
    _, db = demo_build
    proc = run_unitcost(
        "report", "--db", str(db), "--month", "2026-01", "--basis", "billed", cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "build" / "report.html"
    html = out.read_text(encoding="utf-8")
    assert "<h1>unitcost report: January 2026</h1>" in html
    assert "Billed cost (invoice)" in html and "vs Dec 2025" in html
    assert charts_without_data(html) == []


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (["--month", "2026-1"], "--month '2026-1' is not a month", "YYYY-MM, e.g. 2026-03"),
        (["--month", "2024-01"], "no cost in 2024-01", "from 2025-10 to 2026-10"),
        (["--month", "2026-13"], "is not a month", "YYYY-MM"),
    ],
)
def test_bad_month_is_a_one_line_user_error(
    demo_build: tuple[Path, Path], tmp_path: Path, args: list[str], message: str, hint: str
) -> None:
    _, db = demo_build
    out = tmp_path / "r.html"
    proc = run_unitcost("report", "--db", str(db), "--out", str(out), *args)
    assert proc.returncode == 2
    assert message in proc.stderr and hint in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    assert not out.exists()


def test_missing_database_is_a_one_line_user_error(tmp_path: Path) -> None:
    proc = run_unitcost(
        "report", "--db", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "r.html")
    )
    assert proc.returncode == 2
    assert "no database at" in proc.stderr and "run `unitcost build` first" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
