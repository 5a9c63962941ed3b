"""The wave fill: a greedy list schedule over the DAG of move units.

A unit becomes *ready* once every unit it depends on has a wave. Ready
units wait in a heap ordered by (deadline, inherited priority, own
priority, smallest app_id), and each wave takes them from the top while
the capacity lasts; a unit placed in a wave releases its consumers into
the same wave, so a chain of small links can move together. Everything is
O((V + E) log V): each unit is pushed once, plus at most `LOOKAHEAD`
re-pushes per wave for units that did not fit.

Deadlines come from exact pins: the providers of an application pinned to
wave N get deadline N, so they move early enough for the pin to hold. A
unit that is alone in an empty wave and still too big is placed there by
itself (an oversize wave), never split.

No wave is ever empty. When nothing is ready for the next wave but units
pinned "not before" a later wave (or to a later exact wave) remain, the
units of the earliest such pin move in that next wave (`Schedule.advanced`):
the first wave after everything else that could move, which still honours
every dependency. Wave numbers stay 1..n and months stay contiguous; a pin
to "wave 5000" cannot add 4,990 empty months to the roadmap.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from cloudfit.dependencies.arrays import adjacency, downstream_max

# Units that did not fit are set aside; after this many the wave closes, so
# a full wave never scans the whole heap (which would make planning quadratic).
LOOKAHEAD = 32
NO_DEADLINE = 1 << 40
_SLACK = 1e-9


@dataclass(frozen=True)
class Capacity:
    """Per-wave limits; `pilot_apps` 0 means no pilot wave."""

    max_apps: int
    max_days: float
    pilot_apps: int


@dataclass(frozen=True, eq=False)
class UnitInputs:
    """What the fill needs to know about each unit (arrays indexed by unit)."""

    size: np.ndarray
    days: np.ndarray
    priority: np.ndarray
    rank: np.ndarray
    pilot_ok: np.ndarray
    consumer: np.ndarray
    provider: np.ndarray
    not_before: np.ndarray
    exact: np.ndarray


@dataclass(frozen=True)
class PinMiss:
    """An exact pin that could not hold: `blocker` is the unit that was late, None if the wave was full."""

    unit: int
    wave: int
    blocker: int | None


@dataclass(frozen=True)
class PinAdvance:
    """A unit pinned to wave `wanted` that moves earlier because no wave is left empty."""

    unit: int
    wanted: int


@dataclass(frozen=True, eq=False)
class Schedule:
    """The wave of each unit, how many waves, whether wave 1 is a pilot, oversize waves, pins not held."""

    wave: np.ndarray
    n_waves: int
    pilot: bool
    oversize: np.ndarray
    missed: tuple[PinMiss, ...]
    advanced: tuple[PinAdvance, ...] = ()


def schedule(units: UnitInputs, capacity: Capacity) -> Schedule:
    """Give every unit a wave (1-based) under the dependency, capacity and pin rules."""
    return _Fill(units, capacity).run()


class _Fill:
    """The mutable state of one fill; heap entries are ints `deadline * n + place`.

    `place` is the unit's position in the preference order (inherited
    priority, own priority, smallest app_id), so one integer compares like
    the whole key tuple and the heap stays fast at 100,000 units.
    """

    def __init__(self, units: UnitInputs, capacity: Capacity) -> None:
        n = len(units.size)
        self.n, self.capacity = n, capacity
        self.size, self.days = units.size.tolist(), units.days.astype(float).tolist()
        inherited = downstream_max(n, units.consumer, units.provider, units.priority)
        by_place = np.lexsort((units.rank, -units.priority.astype(float), -inherited))
        place = np.empty(n, dtype=np.int64)
        place[by_place] = np.arange(n)
        self.place, self.by_place = place.tolist(), by_place.tolist()
        self.rank, self.pilot_ok = units.rank.tolist(), units.pilot_ok.tolist()
        self.not_before, self.exact = units.not_before.tolist(), units.exact.tolist()
        self.prov_ptr, self.providers = adjacency(n, units.consumer, units.provider)
        self.cons_ptr, self.consumers = adjacency(n, units.provider, units.consumer)
        self.missing = np.bincount(units.consumer, minlength=n).tolist()
        self.wave = [0] * n
        self.pinned_at: dict[int, list[int]] = defaultdict(list)
        for u in np.flatnonzero(units.exact > 0).tolist():
            self.pinned_at[self.exact[u]].append(u)
        self.deadline: list[int] = []
        self.key: list[int] = []
        self._set_deadlines()
        self.heap: list[int] = []
        self.later: dict[int, list[int]] = defaultdict(list)
        self.held: list[int] = []
        self.missed: list[PinMiss] = []
        self.advanced: list[PinAdvance] = []

    def _set_deadlines(self) -> None:
        """Latest wave for each unplaced unit so that every remaining exact pin can hold."""
        deadline = [NO_DEADLINE] * self.n
        for w, u in sorted((self.exact[u], u) for us in self.pinned_at.values() for u in us):
            stack = [u] if self.wave[u] == 0 and self.exact[u] == w else []
            while stack:
                v = stack.pop()
                if deadline[v] <= w:
                    continue
                deadline[v] = w
                for k in range(self.prov_ptr[v], self.prov_ptr[v + 1]):
                    p = self.providers[k]
                    if self.wave[p] == 0 and deadline[p] > w:
                        stack.append(p)
        self.deadline = deadline
        n = self.n
        self.key = [d * n + p for d, p in zip(deadline, self.place)]

    def _unit(self, key: int) -> int:
        return self.by_place[key % self.n]

    def _release(self, u: int, w: int, pilot: bool) -> None:
        if self.not_before[u] > w:
            self.later[self.not_before[u]].append(u)
        elif pilot and not (self.pilot_ok[u] or self.deadline[u] <= 1):
            self.held.append(u)
        else:
            heapq.heappush(self.heap, self.key[u])

    def run(self) -> Schedule:
        pilot = self.capacity.pilot_apps > 0
        for u in range(self.n):
            if self.missing[u] == 0:
                self._release(u, 1, pilot)
        w, placed, oversize, pilot_wave = 1, 0, [], False
        while placed < self.n:
            for u in self.later.pop(w, []):
                self._release(u, w, pilot)
            if not pilot and not self.heap and self.later:
                self._advance(w)
            if pilot:
                count, over = self._fill(w, min(self.capacity.pilot_apps, self.capacity.max_apps), True)
                pilot, pilot_wave = False, count > 0
                for u in self.held:
                    heapq.heappush(self.heap, self.key[u])
                self.held = []
                if count == 0:
                    continue
            else:
                count, over = self._fill(w, self.capacity.max_apps, False)
            placed += count
            oversize.append(over)
            self._check_pins(w)
            if placed < self.n and not self.heap and not self.later:
                raise RuntimeError("The wave fill stalled: the unit graph is not acyclic.")
            w += 1
        return Schedule(
            wave=np.asarray(self.wave, dtype=np.int64),
            n_waves=len(oversize),
            pilot=pilot_wave,
            oversize=np.asarray(oversize, dtype=bool),
            missed=tuple(self.missed),
            advanced=tuple(self.advanced),
        )

    def _advance(self, w: int) -> None:
        """Nothing else can move in wave `w`: bring the earliest later pin forward instead of an empty wave."""
        wanted = min(self.later)
        for u in sorted(self.later.pop(wanted), key=self.rank.__getitem__):
            self.advanced.append(PinAdvance(u, wanted))
            self.not_before[u] = w
            self._release(u, w, False)

    def _fill(self, w: int, max_apps: int, pilot: bool) -> tuple[int, bool]:
        """Take units from the top of the heap into wave `w`; (units placed, oversize?)."""
        heap, size, days_of, wave = self.heap, self.size, self.days, self.wave
        cons_ptr, consumers, missing = self.cons_ptr, self.consumers, self.missing
        apps, days, count, over, skipped = 0, 0.0, 0, False, []
        limit = self.capacity.max_days + _SLACK
        while heap:
            key = heapq.heappop(heap)
            u = self._unit(key)
            fits = apps + size[u] <= max_apps and days + days_of[u] <= limit
            if not fits and (apps > 0 or pilot):
                skipped.append(key)
                if len(skipped) > LOOKAHEAD:
                    break
                continue
            wave[u] = w
            apps, days, count = apps + size[u], days + days_of[u], count + 1
            for k in range(cons_ptr[u], cons_ptr[u + 1]):
                c = consumers[k]
                missing[c] -= 1
                if missing[c] == 0:
                    self._release(c, w, pilot)
            if not fits:
                over = True
                break
            if apps >= max_apps:
                break
        for key in skipped:
            heapq.heappush(heap, key)
        return count, over

    def _check_pins(self, w: int) -> None:
        late = [u for u in self.pinned_at.pop(w, []) if self.wave[u] == 0]
        for u in late:
            waiting_on = [
                self.providers[k]
                for k in range(self.prov_ptr[u], self.prov_ptr[u + 1])
                if self.wave[self.providers[k]] == 0
            ]
            blocker = min(waiting_on, key=self.rank.__getitem__) if waiting_on else None
            self.missed.append(PinMiss(u, w, blocker))
            self.exact[u] = 0
        if late:
            units = [self._unit(key) for key in self.heap]
            self._set_deadlines()
            self.heap = [self.key[u] for u in units]
            heapq.heapify(self.heap)
