"""Per-unit arrays for the calendar fill, built once per plan and reused by the deadline search."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cloudfit.dependencies import DependencyGraph, MoveUnits
from cloudfit.options import PlanOptions
from cloudfit.platforms import TARGET_PLATFORMS
from cloudfit.scoring_model.programme import Programme
from cloudfit.waves.calendar import FULL_YEAR
from cloudfit.waves.fill import Fill, FillInputs, fill
from cloudfit.waves.foundations import foundation_months, foundation_tasks
from cloudfit.waves.freezes import FreezeRule, freeze_masks, freeze_rules
from cloudfit.waves.pilot import Pilot, choose_pilot
from cloudfit.waves.pins import PinPlan
from cloudfit.waves.workstreams import workstream_names


@dataclass(frozen=True, eq=False)
class FillResult:
    fill: Fill
    numbers: np.ndarray  # plan-wide wave number of each fill wave
    masks: dict[int, int]  # freeze mask of each fill wave a freeze held back or paused


@dataclass(frozen=True, eq=False)
class Context:
    """What the fill needs, per unit, except the workstream capacity (the deadline search varies it)."""

    inputs: dict
    names: list[str]
    platforms: list[str]
    used: list[str]
    tasks: dict[str, list[tuple[str, int]]]
    rules: list[FreezeRule]
    pilot: Pilot
    settings: dict

    @classmethod
    def build(
        cls,
        apps: pd.DataFrame,
        graph: DependencyGraph,
        units: MoveUnits,
        pins: PinPlan,
        options: PlanOptions,
        programme: Programme,
        start: int,
        held: np.ndarray,
    ) -> Context:
        nodes = np.flatnonzero(units.unit >= 0)
        owner = units.unit[nodes]
        n = units.n_units
        platform = apps["platform"].to_numpy(dtype=object)[nodes]
        extra = sorted({str(p) for p in platform if p is not None and p not in TARGET_PLATFORMS})
        platforms = [*TARGET_PLATFORMS, *extra]
        index = pd.Index(platforms)
        bit = index.get_indexer(pd.Series(platform, dtype=object).astype(str))
        known = bit >= 0
        mask = np.zeros(n, dtype=np.int64)
        np.bitwise_or.at(mask, owner[known], np.left_shift(1, bit[known]).astype(np.int64))
        used_bits = np.unique(bit[known])
        used = [platforms[b] for b in used_bits.tolist()]

        tasks = foundation_tasks(programme.foundations, options.foundation_months)
        months = foundation_months(tasks, platforms)
        ready = np.zeros(n, dtype=np.int64)
        np.maximum.at(ready, owner[known], months[bit[known]])

        agencies = apps["agency"].to_numpy(dtype=object)
        stream = workstream_names(apps["agency"], options.workstreams, options.agency_groups)
        groups = workstream_names(apps["agency"], "group", options.agency_groups)
        rules = freeze_rules(programme.freezes, options.freezes)
        app_freeze = freeze_masks(agencies, groups, rules)

        days_app = apps["person_days"].to_numpy(dtype=float)
        lead = np.lexsort((graph.rank[nodes], -days_app[nodes], owner))
        first = lead[np.r_[True, owner[lead][1:] != owner[lead][:-1]]] if len(nodes) else lead
        unit_stream = np.empty(n, dtype=object)
        unit_stream[owner[first]] = stream[nodes[first]]
        names, stream_index = (
            np.unique(unit_stream.astype(str), return_inverse=True) if n else ([], np.zeros(0))
        )

        priority = np.full(n, -np.inf)
        np.maximum.at(priority, owner, apps["priority"].to_numpy(dtype=float)[nodes])
        rank = np.full(n, np.iinfo(np.int64).max)
        np.minimum.at(rank, owner, graph.rank[nodes])
        place = np.empty(n, dtype=np.int64)
        place[np.lexsort((rank, -priority))] = np.arange(n)
        heavy = np.zeros(n, dtype=bool)
        np.logical_or.at(heavy, owner, apps["heavy"].to_numpy(dtype=bool)[nodes])
        ok = np.ones(n, dtype=bool)
        np.logical_and.at(ok, owner, apps["pilot_ok"].to_numpy(dtype=bool)[nodes])
        ok &= (pins.not_before <= 1) & (pins.exact == 0) & (held <= start)
        ok[list(pins.pinned)] = False
        freeze = np.zeros(n, dtype=np.int64)
        np.bitwise_or.at(freeze, owner, app_freeze[nodes])
        freeze[freeze == FULL_YEAR] = 0  # freezes that together cover the whole year cannot all hold
        days = np.bincount(owner, weights=days_app[nodes], minlength=n)

        cap = options.national_apps_per_month
        pilot_apps = min(options.pilot_size, options.wave_max_apps, cap or options.pilot_size)
        pilot = choose_pilot(ok, units.size, days, place, mask, pilot_apps, options.wave_max_days)
        inputs = {
            "workstream": np.asarray(stream_index, dtype=np.int64),
            "size": units.size,
            "days": days,
            "place": place,
            "ready": np.maximum(ready + start, held),
            "platforms": mask,
            "heavy": heavy,
            "freeze": freeze,
            "not_before": pins.not_before,
            "exact": pins.exact,
            "pilot": pilot.chosen,
        }
        settings = {
            "start": start,
            "max_apps": options.wave_max_apps,
            "max_days": options.wave_max_days,
            "max_months": options.wave_max_months,
            "pilot_days": options.team_days_per_month,
            "national_cap": cap,
        }
        return cls(inputs, [str(x) for x in names], platforms, used, tasks, rules, pilot, settings)

    def _fill(self, stream_days: float, horizon: int | None = None, enough: int | None = None) -> Fill:
        return fill(
            FillInputs(
                **self.inputs, **self.settings, stream_days=stream_days, horizon=horizon, enough=enough
            )
        )

    def run(self, stream_days: float, horizon: int | None = None) -> FillResult:
        """The fill at this capacity, with plan-wide wave numbers (by start month, pilot first, workstream).

        Units that cannot start by the `horizon` month keep no wave (unit_wave -1).
        """
        result = self._fill(stream_days, horizon)
        waves = result.waves
        key = np.lexsort(
            (
                np.array([w.seq for w in waves], dtype=np.int64),
                np.array([w.workstream for w in waves], dtype=np.int64),
                np.array([w.start for w in waves], dtype=np.int64),
            )
        )
        numbers = np.empty(len(waves), dtype=np.int64)
        numbers[key] = np.arange(1, len(waves) + 1)
        freeze = self.inputs["freeze"]
        masks = {
            i: int(np.bitwise_or.reduce(freeze[w.units]))
            for i, w in enumerate(waves)
            if w.paused > 0 or w.waited_from >= 0
        }
        return FillResult(result, numbers, masks)

    def share_for(
        self, deadline: int, existing: int, target: float = 1.0, already: int = 0
    ) -> ShareByDeadline:
        """A function: workstream capacity -> share of existing systems on a cloud by the deadline month
        (`already`: those that run on their target cloud before the plan starts).

        A share at or above `target` may be reported as soon as it is reached (the fill stops there):
        the deadline search only asks whether a capacity meets the target.
        """
        enough = max(0, math.ceil(target * existing - 1e-9) - already) if existing else None
        return ShareByDeadline(self, deadline, existing, enough, already)


@dataclass(frozen=True, eq=False)
class ShareByDeadline:
    """`Context.share_for`: a plain object rather than a closure, so a child process can run the search."""

    context: Context
    deadline: int
    existing: int
    enough: int | None
    already: int = 0

    def __call__(self, capacity: float) -> float:
        if not self.existing:
            return 0.0
        if capacity <= 0:
            return self.already / self.existing
        result = self.context._fill(float(capacity), horizon=self.deadline, enough=self.enough)
        size = self.context.inputs["size"]
        done = sum(int(size[w.units].sum()) for w in result.waves if w.end <= self.deadline)
        return (done + self.already) / self.existing
