"""Business value data: daily metrics per product, correlated with the billed usage."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

import numpy as np

from unitcost.demo.catalog import METER_INDEX, METERS
from unitcost.demo.timeline import (
    DAY_MONTH,
    DAYS_IN_MONTH,
    DOW,
    FIRST_DAY,
    N_DAYS,
    N_MONTHS,
    WEEKDAY,
    growth_curve,
)
from unitcost.demo.usage import UsageTotals

VALUE_COLUMNS = ("date", "scope", "metric", "value", "unit", "source")

VALUE_METRICS: dict[str, tuple[tuple[str, str, str], ...]] = {
    # scope -> (metric, unit, source)
    "storefront": (
        ("api_calls", "Requests", "api-gateway-logs"),
        ("revenue", "USD", "billing-system"),
        ("customers", "Count", "crm"),
        ("active_users", "Count", "product-analytics"),
        ("transactions", "Count", "orders-db"),
        ("authorized_users", "Count", "identity-provider"),
    ),
    "search": (
        ("api_calls", "Requests", "api-gateway-logs"),
        ("revenue", "USD", "billing-system"),
        ("customers", "Count", "crm"),
        ("active_users", "Count", "product-analytics"),
        ("seats", "Count", "license-server"),
        ("authorized_users", "Count", "identity-provider"),
    ),
    "assistant": (
        ("api_calls", "Requests", "api-gateway-logs"),
        ("tokens", "Tokens", "ai-gateway-logs"),
        ("revenue", "USD", "billing-system"),
        ("customers", "Count", "crm"),
        ("active_users", "Count", "product-analytics"),
        ("assists", "Count", "support-desk"),
        ("cases_resolved", "Count", "support-desk"),
        ("cases_deflected", "Count", "support-desk"),
        ("ai_financial_benefit", "USD", "finance-model"),
        ("alternative_daily_cost", "USD", "finance-model"),
        ("service_requests", "Count", "support-desk"),
        ("agent_actions", "Count", "agent-runtime"),
        ("seats", "Count", "license-server"),
        ("authorized_users", "Count", "identity-provider"),
    ),
    "data-platform": (
        ("gb_stored", "GB", "storage-inventory"),
        ("active_users", "Count", "product-analytics"),
        ("revenue", "USD", "finance-attribution"),
        ("data_value_index", "Index", "data-catalog"),
        ("workloads", "Count", "orchestrator"),
        ("authorized_users", "Count", "identity-provider"),
    ),
}


def _daily(usage: UsageTotals, keys: Sequence[str]) -> np.ndarray:
    """Daily consumed quantity of meters, adding up to the billed quantity of every month
    (storage meters: GB stored each day).

    Months where the bill has a row for every day keep the billed daily values; in smaller
    demo sizes, where days are missing, the month's billed total is spread over its days.
    """
    total = np.zeros(N_DAYS)
    for key in keys:
        t = METER_INDEX[key]
        meter = METERS[t]
        day_sum = usage.day_quantity[t]
        present = usage.day_rows[t] > 0
        complete = np.bincount(DAY_MONTH, weights=present, minlength=N_MONTHS) == DAYS_IN_MONTH
        month_sum = np.bincount(DAY_MONTH, weights=day_sum, minlength=N_MONTHS)
        shape = np.ones(N_DAYS)
        if meter.product in DOW and meter.kind in ("count", "amount"):
            shape = np.asarray(DOW[meter.product])[WEEKDAY]
        spread = (month_sum / np.bincount(DAY_MONTH, weights=shape))[DAY_MONTH] * shape
        total += np.where(complete[DAY_MONTH], day_sum, spread)
    return total


def _monthly(values: np.ndarray) -> np.ndarray:
    """Daily array holding each month's value of a per-month array."""
    return np.asarray(values)[DAY_MONTH]


def value_series(
    usage: UsageTotals, scale: float, rng: np.random.Generator
) -> dict[tuple[str, str], np.ndarray]:
    """Daily business metrics per (scope, metric), correlated with the billed usage.

    Flows (API calls, transactions, service requests, ...) vary by day; stocks (customers,
    seats, authorized users) are the month's figure reported as each day's snapshot, so their
    monthly value is an average of days, not a sum. Newer series draw their noise after the
    older ones, so adding a metric leaves the values of the others unchanged.
    """

    def noise(sigma: float) -> np.ndarray:
        return rng.normal(1.0, sigma, N_DAYS)

    m = DAY_MONTH.astype(np.float64)
    days_in_month = _monthly(DAYS_IN_MONTH).astype(np.float64)
    s: dict[tuple[str, str], np.ndarray] = {}

    api = _daily(usage, ["aws-apigw-storefront"]) * noise(0.004)
    users = api / 58 * noise(0.02)
    season = np.zeros(N_MONTHS)
    season[1], season[2] = 4.0, 7.0
    transactions = users * (0.015 + 0.0002 * m) * noise(0.03)
    revenue_sf = transactions * (54.0 + _monthly(season)) * noise(0.02)
    mau = np.bincount(DAY_MONTH, weights=users) / 3.4  # a customer visits 3.4 days a month
    s["storefront", "api_calls"] = api
    s["storefront", "revenue"] = revenue_sf
    s["storefront", "customers"] = _monthly(mau)
    s["storefront", "active_users"] = users
    s["storefront", "transactions"] = transactions

    api = _daily(usage, ["aws-apigw-search"]) * noise(0.004)
    revenue_search = api * 0.00085 * noise(0.01)
    s["search", "api_calls"] = api
    s["search", "revenue"] = revenue_search
    search_customers = 310 * scale * growth_curve("search") ** 0.7
    s["search", "customers"] = _monthly(search_customers)
    s["search", "active_users"] = api / 110 * noise(0.02)

    api = _daily(usage, ["aws-apigw-assistant"]) * noise(0.004)
    assists = api / 12 * noise(0.01)
    customers = 820 * scale * growth_curve("assistant") ** 0.8
    resolved = assists * (0.30 + 0.012 * m) * noise(0.02)
    deflected = resolved * 0.40 * noise(0.02)
    s["assistant", "api_calls"] = api
    s["assistant", "tokens"] = _daily(usage, ["nimbus-large-input", "nimbus-large-output"]) * noise(
        0.003
    )
    s["assistant", "revenue"] = _monthly(customers * 450) / days_in_month * noise(0.01)
    s["assistant", "customers"] = _monthly(customers)
    s["assistant", "active_users"] = assists / 1.8 * noise(0.02)
    s["assistant", "assists"] = assists
    s["assistant", "cases_resolved"] = resolved
    s["assistant", "cases_deflected"] = deflected
    s["assistant", "ai_financial_benefit"] = deflected * 2.50
    s["assistant", "alternative_daily_cost"] = _monthly(7_500 * scale * 1.003 ** np.arange(13))

    weekend = np.where(WEEKDAY >= 5, 0.35, 1.0)
    storage_keys = [
        mt.key for mt in METERS if mt.product == "data-platform" and mt.kind == "storage"
    ]
    s["data-platform", "gb_stored"] = _daily(usage, storage_keys)
    s["data-platform", "active_users"] = 140 * np.sqrt(scale) * 1.03**m * weekend * noise(0.05)
    s["data-platform", "revenue"] = 0.035 * revenue_sf + 0.08 * revenue_search
    s["data-platform", "data_value_index"] = 480 * scale * 1.02**m * noise(0.05)

    # Added later: their noise comes after every series above (see the docstring).
    months = np.arange(N_MONTHS, dtype=np.float64)
    s["assistant", "service_requests"] = assists * 0.5 * noise(0.02)
    s["assistant", "agent_actions"] = assists * (1.6 + 0.06 * m) * noise(0.03)
    workload_days = np.where(WEEKDAY >= 5, 0.55, 1.0)
    s["data-platform", "workloads"] = 1_900 * scale * 1.04**m * workload_days * noise(0.03)
    # licensed seats of the B2B products' customers (their staff), counted monthly
    search_seats = np.round(search_customers * 6)
    s["search", "seats"] = _monthly(search_seats)
    s["assistant", "seats"] = _monthly(np.round(customers * 3))
    s["storefront", "authorized_users"] = _monthly(np.round(mau * (5.0 + 0.05 * months)))
    # people allowed to sign in: a multiple of the month's active users (2.5 and 4 visits a
    # month), always more than the busiest day's
    search_mau = np.bincount(DAY_MONTH, weights=s["search", "active_users"]) / 2.5
    s["search", "authorized_users"] = _monthly(np.round(search_mau * (2.0 + 0.03 * months)))
    assistant_mau = np.bincount(DAY_MONTH, weights=s["assistant", "active_users"]) / 4
    s["assistant", "authorized_users"] = _monthly(np.round(assistant_mau * (1.5 + 0.02 * months)))
    s["data-platform", "authorized_users"] = _monthly(np.round(420 * np.sqrt(scale) * 1.02**months))
    return s


_VALUE_DECIMALS = {"USD": 2, "GB": 3, "Index": 2}


def write_values(path: Path, series: dict[tuple[str, str], np.ndarray]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    dates = [(FIRST_DAY + timedelta(days=d)).isoformat() for d in range(N_DAYS)]
    n = 0
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(VALUE_COLUMNS)
        for d, day in enumerate(dates):
            for scope in sorted(VALUE_METRICS):
                for metric, unit, source in sorted(VALUE_METRICS[scope]):
                    v = max(float(series[scope, metric][d]), 0.0)
                    decimals = _VALUE_DECIMALS.get(unit, 0)
                    writer.writerow([day, scope, metric, f"{v:.{decimals}f}", unit, source])
                    n += 1
    return n


# --------------------------------------------------------------------------------------------
# Entry points
