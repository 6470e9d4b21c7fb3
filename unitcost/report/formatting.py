"""Numbers, dates and codes as people read them: currency, %, thousands separators, words."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}

BASIS_LABELS = {
    "effective": "effective cost (amortized)",
    "billed": "billed cost (invoice)",
    "list": "list cost",
    "contracted": "contracted cost",
}

COST_TYPE_LABELS = {"direct": "Direct", "shared": "Shared", "unallocated": "Unallocated"}

FULL_BENEFIT_LABELS = {
    "reached_on_time": "Reached on time",
    "reached_late": "Reached, later than forecast",
    "reached": "Reached (no forecast)",
    "not_yet_due": "Not reached yet, not yet due",
    "overdue": "Overdue: forecast date passed",
    "not_reached": "Not reached (no forecast)",
    "no_target": "No full-benefit target",
}

REJECT_RULE_LABELS = {
    "missing_value": "Missing mandatory value",
    "unparseable_number": "Not a number",
    "unparseable_timestamp": "Not a date or time",
    "unparseable_date": "Not a date",
    "unknown_value": "Unknown enumeration value",
    "invalid_tags": "Tags are not a JSON object",
    "invalid_period": "Period ends before it starts",
    "superseded_export": "Replaced by a newer export",
    "no_fx_rate": "No exchange rate for the currency",
    "unknown_unit": "Unknown unit",
    "unknown_scope": "Scope not in seeds/scopes.csv",
}

UNIT_METRIC_LABELS = {
    "api_calls": "API call",
    "transactions": "transaction",
    "customers": "customer",
    "active_users": "active user",
    "seats": "seat",
    "workloads": "workload",
    "assists": "assist",
    "tokens": "token",
    "service_requests": "service request",
    "cases_resolved": "case resolved",
    "cases_deflected": "case deflected",
    "agent_actions": "agent action",
}

MISSING = "–"


def human_code(code: str | None, labels: dict[str, str]) -> str:
    """A code in words: from `labels`, else underscores as spaces, first letter capital."""
    if code is None or code == "":
        return MISSING
    if code in labels:
        return labels[code]
    words = str(code).replace("_", " ").replace("-", " ")
    return words[:1].upper() + words[1:]


def unit_name(metric: str | None) -> str:
    """The unit of a primary unit metric, singular ("transactions" -> "transaction")."""
    if not metric:
        return MISSING
    return UNIT_METRIC_LABELS.get(metric, metric.replace("_", " ").rstrip("s"))


def _float(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, Decimal | int | float):
        return float(value)
    return float(str(value))


def number(value: object, digits: int = 0) -> str:
    """1234567.8 -> '1,234,568' (`digits` decimals); tiny values keep 3 significant digits."""
    v = _float(value)
    if v is None:
        return MISSING
    if v != 0 and abs(v) < 10 ** (-digits) * 5:
        return _significant(v, 3)
    return f"{v:,.{digits}f}"


def _significant(v: float, figures: int) -> str:
    """A value below 1 with `figures` significant digits, never in e-notation: 0.0000329, 0.0110."""
    exponent = math.floor(math.log10(abs(v)))
    return f"{v:.{max(0, figures - 1 - exponent)}f}"


def money(value: object, currency: str | None, *, compact: bool = False) -> str:
    """An amount in the reporting currency: '$94,914.70', '$0.00000329', '-$12.50', '$94.9k'."""
    v = _float(value)
    if v is None:
        return MISSING
    symbol = CURRENCY_SYMBOLS.get(currency or "", "")
    suffix = "" if symbol or not currency else f" {currency}"
    sign = "-" if v < 0 else ""
    a = abs(v)
    if compact and a >= 1_000_000:
        body = f"{a / 1_000_000:,.2f}M"
    elif compact and a >= 10_000:
        body = f"{a / 1_000:,.1f}k"
    elif a >= 1 or a == 0:
        body = f"{a:,.2f}"
    else:
        body = _significant(a, 3)
    return f"{sign}{symbol}{body}{suffix}"


def percent(value: object, digits: int = 1) -> str:
    """A value already in percent: 3.889 -> '3.9 %'."""
    v = _float(value)
    if v is None:
        return MISSING
    return f"{v:,.{digits}f}\u00a0%"


def days(value: object) -> str:
    v = _float(value)
    if v is None:
        return MISSING
    return f"{v:,.0f} day" if round(v) == 1 else f"{v:,.0f} days"


def month_label(value: date | None, *, short: bool = False) -> str:
    if value is None:
        return MISSING
    return value.strftime("%b %Y" if short else "%B %Y")


def day_label(value: date | None) -> str:
    if value is None:
        return MISSING
    return f"{value.day} {value.strftime('%b %Y')}"


def change(current: object, previous: object, kind: str) -> tuple[str, int] | None:
    """The change vs the previous value, in words, and its direction (-1, 0, 1).

    kind 'pct' (values in percent) changes in percentage points; anything else
    relatively, in %. None when either value is missing.
    """
    cur, prev = _float(current), _float(previous)
    if cur is None or prev is None:
        return None
    delta = cur - prev
    direction = (delta > 0) - (delta < 0)
    if kind == "pct":
        if abs(delta) < 0.05:
            return "no\u00a0change", 0
        return f"{abs(delta):,.1f}\u00a0pts", direction
    if prev == 0:
        return ("no\u00a0change", 0) if cur == 0 else None
    rel = delta / abs(prev) * 100
    if abs(rel) < 0.05:
        return "no\u00a0change", 0
    return f"{abs(rel):,.1f}\u00a0%", direction


def arrow(delta: tuple[str, int] | None) -> str:
    """A change (see `change`) with its arrow: '▲ 4.9 %', '▼ 0.2 pts', 'no change'; or a dash."""
    if delta is None:
        return MISSING
    words, direction = delta
    return words if direction == 0 else f"{'▲' if direction > 0 else '▼'}\u00a0{words}"
