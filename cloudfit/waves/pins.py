"""Analyst pins: "exactly wave N" or "not before wave N", honoured when feasible.

A pin that cannot hold is never forced through a dependency or a capacity
rule; it becomes a `pin-conflict` finding that says what stood in the way.
Waves are batches of work, not dates: a pin beyond the waves the rest of
the plan needs does not create empty waves to reach its number; the
application moves in the first wave after everything else that could move
(see `cloudfit.waves.schedule`) and a `pin-conflict` finding says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cloudfit.dependencies import PLANNED, DependencyGraph, MoveUnits, first_members
from cloudfit.finding_codes import make_finding
from cloudfit.findings import Finding
from cloudfit.options import Pin, PlanOptions
from cloudfit.waves.schedule import Schedule


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


def held_pin_findings(
    plan: Schedule,
    graph: DependencyGraph,
    units: MoveUnits,
    pins: PinPlan,
    options: PlanOptions,
    node_wave: np.ndarray,
) -> list[Finding]:
    """Explain each pin the fill could not honour: a late provider, a full wave, or a wave beyond the plan."""
    findings = []
    first_member = first_members(graph, units)
    for miss in plan.missed:
        for app_id in pins.holders[miss.unit]:
            actual = int(node_wave[graph.node(app_id)])
            if miss.blocker is None:
                which = "the pilot wave" if plan.pilot and miss.wave == 1 else f"wave {miss.wave}"
                reason = (
                    f"{which} had no room left for it (at most {options.wave_max_apps} applications and "
                    f"{options.wave_max_days:g} person-days per wave)"
                )
                remedy = "raise the wave capacity or unpin other applications in that wave"
            else:
                blocker = first_member[miss.blocker]
                group = units.name[miss.blocker]
                own = units.name[miss.unit]
                reason = (
                    f"{f'its move group {own}' if own else 'it'} depends on {blocker}"
                    f"{f' (move group {group})' if group else ''}, which could not move by wave {miss.wave}"
                )
                remedy = f"pin {blocker} earlier"
            findings.append(
                _conflict(
                    app_id,
                    f"{app_id} is pinned to wave {miss.wave}, but {reason}; it moves in wave {actual}.",
                    remedy,
                )
            )
    for advance in plan.advanced:
        actual = int(plan.wave[advance.unit])
        before, after = (
            (
                f"everything that could move earlier is planned by wave {actual - 1}",
                ", the first wave after them",
            )
            if actual > 1
            else ("nothing else can move before it", "")
        )
        for app_id in pins.pinned[advance.unit]:
            pin = options.pins[app_id]
            if pin.wave > actual:
                findings.append(
                    _conflict(
                        app_id,
                        f"{app_id} is pinned {_phrase(pin)}, but {before}; rather than leave waves empty, "
                        f"it moves in wave {actual}{after}.",
                        "pin a wave within the plan: waves are batches of work, not dates, so a later wave "
                        "number adds no waiting time",
                    )
                )
    return findings
