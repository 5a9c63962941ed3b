"""Choosing a real pilot: few, low-risk applications that together exercise every platform used later.

AWS and Microsoft's Cloud Adoption Framework both start with a handful of
simple, low-risk workloads; a pilot that only touches the public cloud
never proves the government cloud that national systems go to. So the
pilot first takes, for each platform the plan uses (in platform order),
the best candidate on it, then fills up by priority. A candidate is a unit
whose every member is a quick win, not mission-critical, not a national
database, not XL effort and not pinned.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, eq=False)
class Pilot:
    chosen: np.ndarray  # bool per unit
    uncovered: list[int]  # platform bits used later that no candidate covers
    candidates: int


def choose_pilot(
    ok: np.ndarray,
    size: np.ndarray,
    days: np.ndarray,
    place: np.ndarray,
    platforms: np.ndarray,
    max_apps: int,
    max_days: float,
) -> Pilot:
    """The pilot units; `place` is the priority order, `platforms` a bitmask per unit."""
    n = len(ok)
    chosen = np.zeros(n, dtype=bool)
    used = int(np.bitwise_or.reduce(platforms)) if n else 0
    candidates = np.flatnonzero(ok & (size <= max_apps) & (days <= max_days))
    candidates = candidates[np.argsort(place[candidates], kind="stable")]
    if max_apps <= 0:
        return Pilot(chosen, [], len(candidates))
    apps, total, covered, uncovered = 0, 0.0, 0, []
    for bit in _bits(used):
        if covered >> bit & 1:
            continue
        on = candidates[(platforms[candidates] >> bit & 1).astype(bool) & ~chosen[candidates]]
        fits = on[(apps + size[on] <= max_apps) & (total + days[on] <= max_days)]
        if len(fits) == 0:
            uncovered.append(bit)
            continue
        u = int(fits[0])
        chosen[u] = True
        apps, total, covered = apps + int(size[u]), total + float(days[u]), covered | int(platforms[u])
    for u in candidates.tolist():
        if apps >= max_apps:
            break
        if not chosen[u] and apps + size[u] <= max_apps and total + days[u] <= max_days:
            chosen[u] = True
            apps, total = apps + int(size[u]), total + float(days[u])
    return Pilot(chosen, uncovered, len(candidates))


def _bits(mask: int) -> list[int]:
    return [bit for bit in range(mask.bit_length()) if mask >> bit & 1]
