"""The resources behind the usage rows: their ids, names, availability zones and tags.

Resource slot k of a meter is the k-th resource the meter bills on a day. How many slots a meter
has follows from the number of rows (see `usage`); the *estate* decides the rest, and grows
with the size asked for, as a real one does:

- Turnover. In a large estate, instances, endpoints and API keys do not live 13 months: the
  resource in a slot is replaced by a new one every `lifetime` days (per meter, catalog data;
  staggered over the slots). Up to the default size there is no turnover, so the default output
  is what it always was; from there to 10x the default size it ramps up to the full rate.
  Above that, distinct resources grow linearly with the rows (about one per 55 rows).
- Tags. A resource keeps the team, product, environment and cost_center tags of its slot, as
  before (so the scope rules put the same cost in each scope). Above the default size a tagged
  resource also carries a `service` tag, one of about rows / 50,000 services of its product
  (or team), so the number of distinct tag sets grows linearly too (about one per 5,000 rows).

A replacement keeps its slot's size, zone and tags: the cost is the same as without turnover,
only the resource ids and names differ.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

import numpy as np
import pyarrow as pa

from unitcost.demo.catalog import (
    METERS,
    SERVICE_COMPONENTS,
    SUB_ACCOUNTS,
    TEAM_COST_CENTERS,
    Meter,
    hex_id,
)

RESOURCE_COLUMNS = ("ResourceId", "ResourceName", "AvailabilityZone", "Tags")
ROWS_PER_SERVICE = 50_000  # a large estate has about rows / 50,000 services per product
_HASH = 2_654_435_761  # Knuth's multiplicative hash: spreads slots over phases and services


@dataclass(frozen=True)
class Estate:
    """Turnover and tagging of the resources at one size of the demo data."""

    lifetimes: tuple[int, ...]  # per meter: days before a resource is replaced (0: never)
    services: int  # services per product or team in the `service` tag (0: no such tag)

    @classmethod
    def for_rows(cls, rows: int, default_rows: int) -> Estate:
        ramp = min(1.0, max(0.0, (rows - default_rows) / (9 * default_rows)))
        lifetimes = tuple(
            round(m.lifetime / ramp) if m.lifetime and ramp > 0 else 0 for m in METERS
        )
        services = -(-rows // ROWS_PER_SERVICE) if rows > default_rows else 0
        return cls(lifetimes, services)

    def generation(self, t: np.ndarray, k: np.ndarray, day: np.ndarray) -> np.ndarray:
        """How many times the resource in slot `k` of meter `t` was replaced by `day`."""
        life = np.asarray(self.lifetimes, dtype=np.int64)[t]
        safe = np.maximum(life, 1)
        phase = (k * _HASH) % safe  # a slot's first resource lives 1..lifetime days
        return np.where(life > 0, (day + phase) // safe, 0)


@cache
def tags_json(product: str | None, team: str | None, env: str, service: str | None = None) -> str:
    tags: dict[str, str] = {}
    if team is not None:
        tags["team"] = team
    if product is not None:
        tags["product"] = product
    tags["environment"] = env
    if team is not None:
        tags["cost_center"] = TEAM_COST_CENTERS[team]
    if service is not None:
        tags["service"] = service
    return json.dumps(tags, separators=(",", ":"))


def _service(prefix: str, t: int, k: int, services: int) -> str:
    j = ((k * _HASH + t * 40_503) % (1 << 32)) % services
    name = SERVICE_COMPONENTS[j % len(SERVICE_COMPONENTS)]
    turn = j // len(SERVICE_COMPONENTS)
    return f"{prefix}-{name}" + (f"-{turn + 1}" if turn else "")


def slot_tags(t: int, k: int, services: int = 0) -> str | None:
    """Tags of resource slot `k` of meter index `t` (some resources are untagged on purpose)."""
    m: Meter = METERS[t]
    product, team = m.product, m.team
    if m.tagging == "none":
        return None
    if m.tagging == "no-product":
        product = None
    elif m.tagging == "sandbox":
        variant = k % 4
        if variant == 1:
            return "{}"
        if variant == 3:
            return None
        product, team = ("storefront", "web") if variant == 0 else (None, "ml")
    elif m.tagging == "partial" and k % 9 == 8:
        product = None  # forgot the product tag
    service = None
    if services:
        service = _service(product or team or "shared", t, k, services)
    return tags_json(product, team, m.env, service)


def resource_strings(
    t: int, k: int, generation: int = 0, n_slots: int = 0, services: int = 0
) -> tuple[str, str, str | None, str | None]:
    """(ResourceId, ResourceName, AvailabilityZone, Tags) of the resource in slot `k` of meter
    index `t` after `generation` replacements (`n_slots`: the meter's slots)."""
    m = METERS[t]
    zone = m.zones[k % len(m.zones)] if m.zones else None
    serial = k + generation * n_slots  # the first resource of a slot has number k
    fields = {
        "sub": SUB_ACCOUNTS[m.sub].id,
        "k": serial,
        "h": hex_id(f"{m.key}/{serial}", 16),
        "zone": zone,
    }
    return (
        m.resource_id.format(**fields),
        m.resource_name.format(**fields),
        zone,
        slot_tags(t, k, services),
    )


class ResourceStrings:
    """Arrow string columns of the resources of chunks of usage rows.

    A resource is identified by `generation * total slots + global slot`. The strings of the
    previous chunk's resources are kept: consecutive chunks of a partition are consecutive days,
    billed by nearly the same resources. Keeping no more than that bounds the memory by the size
    of a chunk, whatever the number of rows.
    """

    def __init__(self, n_slots: np.ndarray, estate: Estate) -> None:
        self._n_slots = n_slots
        self._offsets = np.cumsum(n_slots) - n_slots  # first global slot of each meter
        self._total = int(n_slots.sum())
        self._services = estate.services
        self._previous: dict[int, tuple[str, str, str | None, str | None]] = {}

    def clear(self) -> None:
        self._previous = {}

    def columns(self, resource: np.ndarray) -> dict[str, pa.Array]:
        """The four resource columns of rows using resources `resource`."""
        keys, inverse = np.unique(resource, return_inverse=True)
        generation, slot = np.divmod(keys, self._total)
        meters = np.searchsorted(self._offsets, slot, side="right") - 1
        current: dict[int, tuple[str, str, str | None, str | None]] = {}
        for key, g, s, t in zip(
            keys.tolist(), generation.tolist(), slot.tolist(), meters.tolist(), strict=True
        ):
            v = self._previous.get(key)
            if v is None:
                k = s - int(self._offsets[t])
                v = resource_strings(t, k, g, int(self._n_slots[t]), self._services)
            current[key] = v
        self._previous = current
        indices = pa.array(inverse.astype(np.int32))
        values = list(current.values())  # in key order, as `inverse` counts
        return {
            c: pa.array([v[j] for v in values], type=pa.string()).take(indices)
            for j, c in enumerate(RESOURCE_COLUMNS)
        }
