"""The demo calendar: 13 monthly billing periods from 2025-10, days, weekdays and growth."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np

FIRST_DAY = date(2025, 10, 1)
N_MONTHS = 13


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, 1)


MONTH_STARTS = [_add_months(FIRST_DAY, i) for i in range(N_MONTHS + 1)]
MONTH_FIRST = np.array([(s - FIRST_DAY).days for s in MONTH_STARTS], dtype=np.int64)
DAYS_IN_MONTH = np.diff(MONTH_FIRST)
N_DAYS = int(MONTH_FIRST[-1])
_EPOCH_DAY0 = (FIRST_DAY - date(1970, 1, 1)).days
_US_PER_DAY = 86_400_000_000
DAY_MONTH = np.repeat(np.arange(N_MONTHS), DAYS_IN_MONTH)
WEEKDAY = (FIRST_DAY.weekday() + np.arange(N_DAYS)) % 7


def us(day: Any) -> Any:
    """Microseconds since the epoch of day index (or array of indexes) from FIRST_DAY."""
    return (np.asarray(day, dtype=np.int64) + _EPOCH_DAY0) * _US_PER_DAY


def period_label(month: int) -> str:
    """`YYYY-MM` of billing period index `month` (0 = 2025-10)."""
    return MONTH_STARTS[month].strftime("%Y-%m")


def month_of_day(day: int) -> int:
    return int(DAY_MONTH[day])


def growth_curve(product: str | None) -> np.ndarray:
    """Growth of a product over the 13 months (multiplier of the first month's volume)."""
    m = np.arange(N_MONTHS, dtype=np.float64)
    if product == "storefront":
        season = np.ones(N_MONTHS)
        season[1], season[2], season[3] = 1.10, 1.26, 0.96  # Nov, Dec 2025 peak; Jan dip
        return 1.025**m * season
    if product == "search":
        return 1.045**m
    if product == "assistant":
        return 1.12**m
    if product == "data-platform":
        return 1.05**m
    return 1.035**m


DOW = {  # Monday .. Sunday
    "storefront": (0.96, 0.95, 0.96, 0.98, 1.03, 1.08, 1.04),
    "search": (1.08, 1.10, 1.09, 1.07, 1.02, 0.82, 0.82),
    "assistant": (1.05, 1.06, 1.05, 1.04, 1.00, 0.90, 0.90),
}
