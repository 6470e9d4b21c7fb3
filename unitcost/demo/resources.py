"""The resources behind the usage rows: their ids, names, availability zones and tags.

Resource slot k of a meter is the k-th resource the meter bills on a day. Its strings are made
per chunk of rows, for the slots the chunk uses, and kept for the rest of one partition.
"""

from __future__ import annotations

import json
from functools import lru_cache

import numpy as np
import pyarrow as pa

from unitcost.demo.catalog import METERS, SUB_ACCOUNTS, TEAM_COST_CENTERS, Meter, hex_id

RESOURCE_COLUMNS = ("ResourceId", "ResourceName", "AvailabilityZone", "Tags")


@lru_cache(maxsize=4096)
def tags_json(product: str | None, team: str | None, env: str) -> str:
    tags: dict[str, str] = {}
    if team is not None:
        tags["team"] = team
    if product is not None:
        tags["product"] = product
    tags["environment"] = env
    if team is not None:
        tags["cost_center"] = TEAM_COST_CENTERS[team]
    return json.dumps(tags, separators=(",", ":"))


def slot_tags(m: Meter, k: int) -> str | None:
    """Tags of resource slot `k` of meter `m` (some resources are untagged on purpose)."""
    if m.tagging == "none":
        return None
    if m.tagging == "no-product":
        return tags_json(None, m.team, m.env)
    if m.tagging == "sandbox":
        variant = k % 4
        if variant == 0:
            return tags_json("storefront", "web", m.env)
        if variant == 1:
            return "{}"
        if variant == 2:
            return tags_json(None, "ml", m.env)
        return None
    if m.tagging == "partial" and k % 9 == 8:
        return tags_json(None, m.team, m.env)  # forgot the product tag
    return tags_json(m.product, m.team, m.env)


def resource_strings(t: int, k: int) -> tuple[str, str, str | None, str | None]:
    """(ResourceId, ResourceName, AvailabilityZone, Tags) of slot `k` of meter index `t`."""
    m = METERS[t]
    zone = m.zones[k % len(m.zones)] if m.zones else None
    fields = {"sub": SUB_ACCOUNTS[m.sub].id, "k": k, "h": hex_id(f"{m.key}/{k}", 16), "zone": zone}
    return m.resource_id.format(**fields), m.resource_name.format(**fields), zone, slot_tags(m, k)


class ResourceStrings:
    """Arrow string columns of the resources of chunks of usage rows, cached per partition."""

    def __init__(self, slot_offsets: np.ndarray) -> None:
        self._offsets = slot_offsets  # first global slot of each meter
        self._cache: dict[int, tuple[str, str, str | None, str | None]] = {}

    def clear(self) -> None:
        self._cache.clear()

    def columns(self, slot: np.ndarray) -> dict[str, pa.Array]:
        """The four resource columns of rows using global resource slots `slot`."""
        keys, inverse = np.unique(slot, return_inverse=True)
        meters = np.searchsorted(self._offsets, keys, side="right") - 1
        values = []
        for key, t in zip(keys.tolist(), meters.tolist(), strict=True):
            v = self._cache.get(key)
            if v is None:
                v = self._cache[key] = resource_strings(t, key - int(self._offsets[t]))
            values.append(v)
        indices = pa.array(inverse.astype(np.int32))
        return {
            c: pa.array([v[j] for v in values], type=pa.string()).take(indices)
            for j, c in enumerate(RESOURCE_COLUMNS)
        }
