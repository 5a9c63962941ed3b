"""Analyst pins: "exactly wave N" or "not before wave N", honoured when feasible.

A pin that cannot hold is never forced through a dependency or a capacity
rule; it becomes a `pin-conflict` finding that says what stood in the way.
A pin names a wave of the application's own workstream: "wave 2" is the
second wave its agency's team runs. Waves are batches of work, not dates: a
pin beyond the waves its workstream needs does not create empty waves; the
application moves in the first wave after everything else that could move
(see `cloudfit.waves.fill`) and a `pin-conflict` finding says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cloudfit.dependencies import PLANNED, DependencyGraph, MoveUnits
from cloudfit.finding_codes import make_finding
from cloudfit.findings import Finding
from cloudfit.options import Pin, PlanOptions
from cloudfit.waves.fill import Fill


@dataclass(frozen=True, eq=False)
class PinPlan:
    """Per unit: the earliest allowed wave and the exact wave wanted (0 for none)."""

    not_before: np.ndarray
    exact: np.ndarray
    holders: dict[int, list[str]] = field(default_factory=dict)
    pinned: dict[int, list[str]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def _conflict(app_id: str, message: str, remedy: str) -> Finding:
    return make_finding("pin-conflict", message, column="wave", value=app_id, app_id=app_id, remedy=remedy)


def _phrase(pin: Pin) -> str:
    return f"{'not before' if pin.not_before else 'to'} wave {pin.wave}"


def apply_pins(
    pins: Mapping[str, Pin], graph: DependencyGraph, units: MoveUnits, status: np.ndarray, strategy: pd.Series
) -> PinPlan:
    """Turn the pins into per-unit bounds; explain pins on unknown or unplanned applications."""
    plan = PinPlan(np.ones(units.n_units, dtype=np.int64), np.zeros(units.n_units, dtype=np.int64))
    names = list(pins)
    positions = graph.index.get_indexer(names) if names else np.zeros(0, dtype=np.int64)
    wanted: dict[int, list[tuple[str, Pin]]] = defaultdict(list)
    for app_id, pos in zip(names, positions.tolist()):
        pin = pins[app_id]
        if pos < 0:
            plan.findings.append(
                _conflict(
                    app_id,
                    f"{app_id} is pinned {_phrase(pin)}, but no application has this id; the pin is ignored.",
                    "correct the id",
                )
            )
        elif status[pos] != PLANNED:
            plan.findings.append(
                _conflict(
                    app_id,
                    f"{app_id} is pinned {_phrase(pin)}, but it is not planned to move "
                    f"(strategy {strategy.iat[pos]}, status {status[pos]}); the pin is ignored.",
                    "change the strategy if the application should move",
                )
            )
        else:
            wanted[int(units.unit[pos])].append((app_id, pin))
    for u, items in sorted(wanted.items()):
        plan.pinned[u] = [a for a, _ in items]
        top = max(pin.wave for _, pin in items)
        plan.not_before[u] = top
        holders = [a for a, pin in items if not pin.not_before and pin.wave == top]
        if holders:
            plan.exact[u] = top
            plan.holders[u] = holders
        setter = next(a for a, pin in items if pin.wave == top)
        for app_id, pin in items:
            if not pin.not_before and pin.wave < top:
                plan.findings.append(
                    _conflict(
                        app_id,
                        f"{app_id} is pinned {_phrase(pin)}, but it moves with move group {units.name[u]}, where "
                        f"{setter} is pinned {_phrase(pins[setter])}; the group moves in wave {top} or later.",
                        f"pin the members of move group {units.name[u]} alike (they move together)",
                    )
                )
    return plan


_MISSED = {
    "full": "its workstream's wave {wave} had no room left for it (at most {apps} applications and {days} "
    "person-days per wave)",
    "foundations": "the foundations of its target platform (or its agency's readiness actions) are not done "
    "when its workstream's wave {wave} starts",
    "proof": "as a heavy system it waits until the pilot (or a first wave) has proven its platform, which is "
    "after its workstream's wave {wave} starts",
    "freeze": "its agency is in a freeze period when its workstream's wave {wave} starts",
}
_REMEDY = {
    "full": "raise the wave capacity or unpin other applications of that wave",
    "foundations": "pin it to a later wave of its workstream",
    "proof": "pin it to a later wave of its workstream",
    "freeze": "pin it to another wave of its workstream",
}


def held_pin_findings(
    fill: Fill, units: MoveUnits, pins: PinPlan, options: PlanOptions, unit_wave: np.ndarray
) -> list[Finding]:
    """Explain each pin the fill could not honour: a full wave, foundations, the proof of a platform, a freeze, or a wave beyond the plan."""
    findings = []
    for miss in fill.missed:
        reason = _MISSED[miss.why].format(
            wave=miss.wave, apps=options.wave_max_apps, days=f"{options.wave_max_days:g}"
        )
        actual = int(unit_wave[miss.unit])
        for app_id in pins.holders[miss.unit]:
            findings.append(
                _conflict(
                    app_id,
                    f"{app_id} is pinned to wave {miss.wave}, but {reason}; it moves in wave {actual}.",
                    _REMEDY[miss.why],
                )
            )
    for unit, _ in fill.advanced:
        actual = int(unit_wave[unit])
        for app_id in pins.pinned[unit]:
            pin = options.pins[app_id]
            findings.append(
                _conflict(
                    app_id,
                    f"{app_id} is pinned {_phrase(pin)} of its workstream, but its workstream has nothing else left to "
                    f"move before that; rather than leave waves empty, it moves in wave {actual}.",
                    "pin a wave within the plan: waves are batches of work, so a later wave number adds no waiting time",
                )
            )
    return findings
