"""The calendar fill: waves per workstream, month by month, under every rule at once.

Time runs in months from the plan's start. The pilot goes first: it
starts when the foundations of every platform it exercises are done and
proves those platforms. Every other unit waits for the pilot to end and
for its own platforms' foundations; a heavy unit (mission-critical, a
national database, or XL effort) also waits until its platform is proven,
by the pilot or by the first ordinary wave on it. Each workstream then
runs one wave at a time: when it is free it takes the ready units in
priority order (highest priority, then smallest app_id) while the wave
limits (applications, person-days, and no more work than the workstream
does in `max_months`), and the national cap on applications starting per
month, last. A
wave lasts ceil(person-days / workstream capacity) working months; a
freeze month of any of its agencies pauses it, and no unit starts in a
freeze month of its agency.

Pins name a wave of the application's own workstream ("its 3rd wave" or
"not before its 3rd wave"). A workstream never leaves a wave empty to
reach a pin: when only pinned units remain, the earliest pin moves now
(`Fill.advanced`). Each unit is pushed on its workstream's heap once plus
a bounded number of re-pushes, so the fill is O(U log U) plus one cheap
step per workstream and month.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from cloudfit.waves.calendar import FULL_YEAR, frozen, next_open, work_end

LOOKAHEAD = 4
_SLACK = 1e-9


@dataclass(frozen=True, eq=False)
class FillInputs:
    """Per unit (arrays indexed by unit) and the plan's settings."""

    workstream: np.ndarray  # int, index into the workstream names
    size: np.ndarray
    days: np.ndarray
    place: np.ndarray  # position in the priority order
    ready: np.ndarray  # first month its platforms' foundations allow
    platforms: np.ndarray  # bitmask of its members' platforms
    heavy: np.ndarray
    freeze: np.ndarray  # 12-bit mask of its agencies' freeze months
    not_before: np.ndarray
    exact: np.ndarray
    pilot: np.ndarray  # bool: chosen for the pilot
    start: int
    max_apps: int
    max_days: float
    max_months: int
    stream_days: float
    pilot_days: float
    national_cap: int | None
    horizon: int | None = None  # stop once no new wave can start by this month (a deadline search)
    enough: int | None = None  # ... or once waves ending by the horizon move this many applications


@dataclass
class Wave:
    workstream: int  # -1 for the pilot
    seq: int  # its number within the workstream (the pilot is 1)
    start: int
    end: int
    units: list[int]
    n_apps: int
    days: float
    oversize: bool = False
    paused: int = 0  # freeze months inside the wave
    waited_from: int = -1  # month the workstream was ready but a freeze held it back


@dataclass(frozen=True)
class PinMiss:
    """An exact pin that could not hold; `why` is 'full', 'foundations', 'pilot' or 'proof'."""

    unit: int
    wave: int
    why: str


@dataclass
class Fill:
    """The result: the wave of each unit (index into `waves`), the waves and what could not hold."""

    unit_wave: np.ndarray
    waves: list[Wave]
    pilot_end: int | None
    proven: dict[int, int]
    missed: list[PinMiss] = field(default_factory=list)
    advanced: list[tuple[int, int]] = field(default_factory=list)  # (unit, wanted wave)


class _Stream:
    """The mutable state of one workstream."""

    def __init__(self, units: list[int]) -> None:
        self.pending = units  # sorted by (ready, place); read with `next`
        self.next = 0
        self.heap: list[int] = []
        self.later: dict[int, list[int]] = defaultdict(list)
        self.exact: dict[int, list[int]] = defaultdict(list)
        self.blocked: list[int] = []
        self.count = 0
        self.left = len(units)
        self.free_at = 0
        self.waited_from = -1


class _Filler:
    def __init__(self, units: FillInputs) -> None:
        self.u = units
        n = len(units.size)
        self.n = n
        self.size = units.size.tolist()
        self.days = units.days.astype(float).tolist()
        self.place = units.place.tolist()
        self.by_place = np.argsort(units.place, kind="stable").tolist()
        self.ready = units.ready.tolist()
        self.platforms = units.platforms.tolist()
        self.heavy = units.heavy.tolist()
        self.freeze = units.freeze.tolist()
        self.not_before = units.not_before.tolist()
        self.exact = units.exact.tolist()
        self.unit_wave = [-1] * n
        self.waves: list[Wave] = []
        self.proven: dict[int, int] = {}
        self.slots: dict[int, int] = {}
        self.missed: list[PinMiss] = []
        self.advanced: list[tuple[int, int]] = []
        self.done_by_horizon = 0  # applications in waves that end by the horizon

    # --- pilot ------------------------------------------------------------------------------

    def _pilot(self) -> int | None:
        chosen = np.flatnonzero(self.u.pilot).tolist()
        if not chosen:
            return None
        mask = 0
        for x in chosen:
            mask |= self.freeze[x]
        mask = 0 if mask == FULL_YEAR else mask
        start = next_open(max(self.u.start, max(self.ready[x] for x in chosen)), mask)
        days = sum(self.days[x] for x in chosen)
        months = _months(days, self.u.pilot_days)
        end = work_end(start, months, mask)
        wave = Wave(-1, 1, start, end, sorted(chosen, key=self.place.__getitem__), 0, days)
        wave.n_apps = sum(self.size[x] for x in chosen)
        wave.paused = end - start + 1 - months
        self._record(wave)
        for x in chosen:
            for bit in _bits(self.platforms[x]):
                self.proven[bit] = min(self.proven.get(bit, end + 1), end + 1)
        return end

    # --- workstreams ------------------------------------------------------------------------

    def run(self) -> Fill:
        pilot_end = self._pilot()
        gate = self.u.start if pilot_end is None else pilot_end + 1
        rest = np.flatnonzero(~self.u.pilot)
        self._fallback_proof(rest, gate)
        ready = np.maximum(self.u.ready[rest], gate)
        order = rest[np.lexsort((self.u.place[rest], ready))]
        streams: dict[int, _Stream] = {}
        for w in np.unique(self.u.workstream[rest]).tolist():
            members = order[self.u.workstream[order] == w].tolist()
            stream = _Stream(members)
            stream.free_at = gate
            for x in members:
                if self.exact[x]:
                    stream.exact[self.exact[x]].append(x)
                self.ready[x] = max(self.ready[x], gate)
            streams[w] = stream
        month = gate
        active = sorted(streams)
        while active:
            for w in active:
                stream = streams[w]
                if stream.free_at <= month:
                    self._wave(w, stream, month)
            active = [w for w in active if streams[w].left]
            if self.u.enough is not None and self.done_by_horizon >= self.u.enough:
                break  # the deadline search asks only whether the target is reached
            if active:
                month = max(month + 1, min(streams[w].free_at for w in active))
                if self.u.horizon is not None and month > self.u.horizon:
                    break  # a wave starting later cannot end by the horizon: the rest is left unplaced
        unit_wave = np.asarray(self.unit_wave, dtype=np.int64)
        return Fill(unit_wave, self.waves, pilot_end, self.proven, self.missed, self.advanced)

    def _fallback_proof(self, rest: np.ndarray, gate: int) -> None:
        """A platform no ordinary wave can prove counts as proven when the pilot ends (else it never starts)."""
        light = np.zeros(64, dtype=bool)
        for mask in self.u.platforms[rest][~self.u.heavy[rest]].tolist():
            for bit in _bits(mask):
                light[bit] = True
        for mask in self.u.platforms[rest][self.u.heavy[rest]].tolist():
            for bit in _bits(mask):
                if not light[bit] and bit not in self.proven:
                    self.proven[bit] = gate

    def _is_proven(self, x: int, month: int) -> bool:
        return all(self.proven.get(bit, 1 << 40) <= month for bit in _bits(self.platforms[x]))

    def _admit(self, stream: _Stream, month: int, k: int) -> None:
        """Move units whose time has come from pending to the heap (or to their pin's list)."""
        pending = stream.pending
        while stream.next < len(pending) and self.ready[pending[stream.next]] <= month:
            x = pending[stream.next]
            stream.next += 1
            if self.exact[x]:
                continue  # waits in stream.exact
            if self.not_before[x] > k:
                stream.later[self.not_before[x]].append(x)
            else:
                heapq.heappush(stream.heap, self.place[x])
        for wave in [j for j in stream.later if j <= k]:
            for x in stream.later.pop(wave):
                heapq.heappush(stream.heap, self.place[x])
        still = []
        for x in stream.blocked:
            if self._is_proven(x, month):
                heapq.heappush(stream.heap, self.place[x])
            else:
                still.append(x)
        stream.blocked = still

    def _wave(self, w: int, stream: _Stream, month: int) -> None:
        k = stream.count + 1
        self._admit(stream, month, k)
        slots = self.slots.get(month, self.u.national_cap) if self.u.national_cap else None
        if slots == 0:
            return
        limit_apps = self.u.max_apps if slots is None else min(self.u.max_apps, slots)
        limit_days = min(self.u.max_days, self.u.max_months * self.u.stream_days)
        chosen, apps, days = [], 0, 0.0
        aside: list[int] = []
        held = False
        for x in stream.exact.pop(k, []):
            why = self._exact_blocker(x, month)
            if (
                why is None
                and apps + self.size[x] <= limit_apps
                and days + self.days[x] <= limit_days + _SLACK
            ):
                chosen.append(x)
                apps, days = apps + self.size[x], days + self.days[x]
                continue
            self.missed.append(PinMiss(x, k, why or "full"))
            self.exact[x] = 0
            if self.ready[x] <= month:
                heapq.heappush(stream.heap, self.place[x])
        skipped = 0
        while stream.heap and skipped < LOOKAHEAD:
            x = self.by_place[heapq.heappop(stream.heap)]
            if self.heavy[x] and not self._is_proven(x, month):
                stream.blocked.append(x)
                continue
            if frozen(self.freeze[x], month):
                aside.append(x)
                held = True
                continue
            fits = apps + self.size[x] <= limit_apps and days + self.days[x] <= limit_days + _SLACK
            alone = not chosen and (slots is None or slots == self.u.national_cap)
            if fits or alone:
                chosen.append(x)
                apps, days = apps + self.size[x], days + self.days[x]
                if not fits:
                    break
            else:
                aside.append(x)
                skipped += 1
        for x in aside:
            heapq.heappush(stream.heap, self.place[x])
        if not chosen:
            if held and stream.waited_from < 0:
                stream.waited_from = month
            if self._only_pins_left(stream):
                self._advance(stream, k)
                self._wave(w, stream, month)
            return
        self._close(w, stream, month, chosen, apps, days, slots)

    def _exact_blocker(self, x: int, month: int) -> str | None:
        if self.ready[x] > month:
            return "foundations"
        if self.heavy[x] and not self._is_proven(x, month):
            return "proof"
        if frozen(self.freeze[x], month):
            return "freeze"
        return None

    def _only_pins_left(self, stream: _Stream) -> bool:
        # Blocked heavy units do not count: the proof they wait for may be a unit held by a pin.
        nothing_else = not stream.heap and stream.next >= len(stream.pending)
        return nothing_else and bool(stream.later or stream.exact)

    def _advance(self, stream: _Stream, k: int) -> None:
        """Nothing but later pins left: the earliest pin's units move in wave k rather than leave it empty."""
        first = min([*stream.later, *stream.exact])
        for x in stream.later.pop(first, []) + stream.exact.pop(first, []):
            self.advanced.append((x, first))
            self.exact[x] = 0
            heapq.heappush(stream.heap, self.place[x])

    def _close(
        self, w: int, stream: _Stream, month: int, chosen: list[int], apps: int, days: float, slots
    ) -> None:
        mask = 0
        for x in chosen:
            mask |= self.freeze[x]
        mask = 0 if mask == FULL_YEAR else mask
        months = _months(days, self.u.stream_days)
        end = work_end(month, months, mask)
        oversize = apps > self.u.max_apps or days > self.u.max_days + _SLACK
        wave = Wave(w, stream.count + 1, month, end, chosen, apps, days, oversize, end - month + 1 - months)
        wave.waited_from = stream.waited_from
        stream.waited_from = -1
        stream.count += 1
        stream.left -= len(chosen)
        stream.free_at = end + 1
        if slots is not None:
            self.slots[month] = max(slots - apps, 0)
        self._record(wave)
        light = 0
        for x in chosen:
            if not self.heavy[x]:
                light |= self.platforms[x]
        for bit in _bits(light):
            if self.proven.get(bit, end + 2) > end + 1:
                self.proven[bit] = end + 1

    def _record(self, wave: Wave) -> None:
        index = len(self.waves)
        for x in wave.units:
            self.unit_wave[x] = index
        self.waves.append(wave)
        if self.u.horizon is not None and wave.end <= self.u.horizon:
            self.done_by_horizon += wave.n_apps


def _months(days: float, per_month: float) -> int:
    return max(1, math.ceil(round(days / per_month, 9)))


@lru_cache(maxsize=256)
def _bits(mask: int) -> tuple[int, ...]:
    """The set bits of a platform mask (a plan has only a handful of distinct masks)."""
    return tuple(bit for bit in range(mask.bit_length()) if mask >> bit & 1)


def fill(units: FillInputs) -> Fill:
    """Give every unit a wave and the waves their months (absolute month indexes)."""
    return _Filler(units).run()
