"""Analyst pins: "exactly wave N" or "not before wave N", honoured when feasible.

A pin that cannot hold is never forced through a dependency or a capacity
rule; it becomes a `pin-conflict` finding that says what stood in the way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cloudfit.dependencies import PLANNED, DependencyGraph, MoveUnits, first_members
from cloudfit.findings import Finding
from cloudfit.options import Pin, PlanOptions
from cloudfit.waves.schedule import PinMiss

_ACTION = "Change or remove the pin, or adjust what stands in its way."


@dataclass(frozen=True, eq=False)
class PinPlan:
    """Per unit: the earliest allowed wave and the exact wave wanted (0 for none)."""

    not_before: np.ndarray
    exact: np.ndarray
    holders: dict[int, list[str]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def _conflict(app_id: str, message: str, action: str = _ACTION) -> Finding:
    return Finding("warning", "pin-conflict", message, action, column="wave", value=app_id)


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
                    "Correct the id or remove the pin.",
                )
            )
        elif status[pos] != PLANNED:
            plan.findings.append(
                _conflict(
                    app_id,
                    f"{app_id} is pinned {_phrase(pin)}, but it is not planned to move "
                    f"(strategy {strategy.iat[pos]}, status {status[pos]}); the pin is ignored.",
                    "Remove the pin, or change the strategy if the application should move.",
                )
            )
        else:
            wanted[int(units.unit[pos])].append((app_id, pin))
    for u, items in sorted(wanted.items()):
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
                    )
                )
    return plan


def missed_pin_findings(
    missed: tuple[PinMiss, ...],
    graph: DependencyGraph,
    units: MoveUnits,
    pins: PinPlan,
    options: PlanOptions,
    node_wave: np.ndarray,
    pilot: bool,
) -> list[Finding]:
    """Explain each exact pin the fill could not honour: a late provider, or a full wave."""
    findings = []
    first_member = first_members(graph, units)
    for miss in missed:
        for app_id in pins.holders[miss.unit]:
            actual = int(node_wave[graph.node(app_id)])
            if miss.blocker is None:
                which = "the pilot wave" if pilot and miss.wave == 1 else f"wave {miss.wave}"
                reason = (
                    f"{which} had no room left for it (at most {options.wave_max_apps} applications and "
                    f"{options.wave_max_days:g} person-days per wave)"
                )
                action = (
                    "Raise the wave capacity, unpin other applications in that wave, or pin a later wave."
                )
            else:
                blocker = first_member[miss.blocker]
                group = units.name[miss.blocker]
                own = units.name[miss.unit]
                reason = (
                    f"{f'its move group {own}' if own else 'it'} depends on {blocker}"
                    f"{f' (move group {group})' if group else ''}, which could not move by wave {miss.wave}"
                )
                action = f"Pin {blocker} earlier or choose a later wave for {app_id}."
            findings.append(
                _conflict(
                    app_id,
                    f"{app_id} is pinned to wave {miss.wave}, but {reason}; it moves in wave {actual}.",
                    action,
                )
            )
    return findings
