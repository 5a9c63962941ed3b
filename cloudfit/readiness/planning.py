"""The gates applied to the wave planner through its existing inputs: pins, person-days and quick wins.

The planner knows waves, not months, so a hold "not before month M" becomes
a "not before wave N" pin on the first wave that starts in month M or
later; since holding applications back changes the waves' months, the plan
is redone until every hold is met (a few rounds at most). A slowed agency's
applications are planned with their person-days times the gate's factor and
a pilot kept to the readiest agencies drops the others' quick-win flag;
both only in the planner's copy of the scores, never in the computed scores.
Analyst pins stay; a gate only ever moves an application later.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from cloudfit.finding_codes import make_finding
from cloudfit.options import Pin, PlanOptions
from cloudfit.readiness.gates import GateInputs
from cloudfit.waves import WavePlan, plan_waves

MAX_ROUNDS = 6


def _planner_table(scores: pd.DataFrame, gates: GateInputs) -> pd.DataFrame:
    table = scores.copy()
    ids = table["app_id"].astype(str)
    if gates.effort_factor:
        factor = ids.map(gates.effort_factor).fillna(1.0).to_numpy(dtype=float)
        table["person_days"] = pd.to_numeric(table["person_days"], errors="coerce") * factor
    if gates.pilot_excluded:
        quick = table["quick_win"].astype("boolean").fillna(False)
        table["quick_win"] = quick & ~ids.isin(gates.pilot_excluded).to_numpy()
    return table


def _start_months(plan: WavePlan) -> dict[str, int]:
    """Each planned application's first month."""
    starts = plan.waves.set_index("wave")["start_month"]
    planned = plan.assignments.dropna(subset=["wave"])
    return dict(zip(planned["app_id"].astype(str), planned["wave"].astype(int).map(starts).astype(int)))


def _wave_from(plan: WavePlan) -> Callable[[int], int]:
    """month → the first wave starting in that month or later (one past the last wave if none does)."""
    waves = plan.waves.sort_values("wave")
    numbers = waves["wave"].to_numpy(dtype=np.int64)
    starts = np.maximum.accumulate(waves["start_month"].to_numpy(dtype=np.int64)) if len(waves) else numbers
    last = int(numbers.max(initial=0)) + 1

    def first(month: int) -> int:
        at = int(np.searchsorted(starts, month, side="left"))
        return int(numbers[at]) if at < len(numbers) else last

    return first


def gated_plan(
    scores: pd.DataFrame,
    dependencies: pd.DataFrame | None,
    options: PlanOptions,
    gates: GateInputs,
    **context: Any,
) -> WavePlan:
    """The wave plan with the readiness gates honoured and explained in its findings."""
    table = _planner_table(scores, gates)
    holds = gates.not_before_month()
    pins = dict(options.pins)
    plan = plan_waves(table, dependencies, options, hold_months=holds, **context)
    for _ in range(MAX_ROUNDS):
        starts = _start_months(plan)
        late = {app: month for app, month in holds.items() if app in starts and starts[app] < month}
        if not late:
            break
        # every held application gets its bound, not only the late ones: otherwise the room the late ones
        # leave in the early waves draws in other held applications and the plan needs more rounds
        wave_from = _wave_from(plan)
        for app_id, month in holds.items():
            if app_id not in starts:
                continue
            wave = wave_from(month)
            current = pins.get(app_id)
            pins[app_id] = (
                current if current is not None and current.wave >= wave else Pin(wave, not_before=True)
            )
        plan = plan_waves(table, dependencies, replace(options, pins=pins), hold_months=holds, **context)
    gate_pinned = {app for app in pins if app not in options.pins or pins[app] != options.pins[app]}
    kept = tuple(f for f in plan.findings if not (f.code == "pin-conflict" and f.value in gate_pinned))
    starts = _start_months(plan)
    unmet = sorted(app for app, month in holds.items() if app in starts and starts[app] < month)
    extra = [
        make_finding(
            "readiness-gate",
            f"{app_id} starts in month {starts[app_id]}, before month {holds[app_id]} that its agency's "
            "readiness asks for: the plan has no later wave to hold it in.",
            value=app_id,
            remedy="Lower the wave capacity or pin the application to a later wave by hand",
        )
        for app_id in unmet
    ]
    extra += [
        make_finding(
            "readiness-gate",
            f"{app_id} is pinned {'not before' if pin.not_before else 'to'} wave {pin.wave} by hand, but its "
            f"agency's readiness holds it until month {holds[app_id]}: it is planned not before wave "
            f"{pins[app_id].wave}.",
            value=app_id,
            remedy="Pin it to a later wave, or carry out the agency's action first",
        )
        for app_id, pin in options.pins.items()
        if app_id in gate_pinned
    ]
    return replace(plan, findings=kept + gates.findings + tuple(extra))
