"""The deadline verdict: does the plan migrate the target share of existing systems in time?

Decision 1121/QĐ-TTg asks that at least 70% of existing systems be
converted to cloud by 2030. The share counts applications whose wave ends
by the deadline month, plus those retained on the cloud they already run
on (converted already), over all assessed applications: retired systems and
those retained on premises are not migrated, so they count against the share. `met`
is never true below the target. "What it takes" is the smallest uniform
capacity per workstream (person-days per month) with which the same
planner meets the target, found by bisection over re-runs of the fill (to
the person-day, or to 1% above 200 person-days a month);
None when no capacity can (too few systems move, or the foundations and
the pilot end too late). It runs only when asked for, so re-planning
stays fast.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from functools import cached_property

from cloudfit.waves.calendar import last_day

_SEARCH_STEPS = 24
# "What it takes" is exact to the person-day below 200 person-days a month and to 1% above
# (1,447 rather than 1,446): each step of the search re-runs the planner.
PRECISION = 100


class Deadline:
    """The verdict at the deadline month, and the capacity the deadline needs (computed on demand)."""

    def __init__(
        self,
        month: int,
        target_share: float,
        existing: int,
        migrated: int,
        share_for: Callable[[float], float],
        upper: float,
        basis: str,
        current: float | None = None,
    ) -> None:
        self.month = month
        self.date: dt.date = last_day(month)
        self.target_share = target_share
        self.existing = existing
        self.migrated = migrated
        self.share = migrated / existing if existing else 0.0
        self.met = bool(existing) and self.share + 1e-12 >= target_share
        self.basis = basis
        self._share_for = share_for
        self._upper = upper
        self._current = current

    @cached_property
    def capacity_needed(self) -> float | None:
        """Smallest whole person-days per month per workstream that meets the target (to `PRECISION`);
        None if none does."""
        if not self.existing:
            return None
        low, high = self._bracket()
        if high is None:
            return None
        for _ in range(_SEARCH_STEPS):
            if high - low <= max(1, high // PRECISION):
                break
            middle = (low + high) // 2
            if self._meets(middle):
                high = middle
            else:
                low = middle
        return float(high)

    def _meets(self, capacity: int) -> bool:
        return self._share_for(capacity) + 1e-12 >= self.target_share

    def _bracket(self) -> tuple[int, int | None]:
        """A capacity that fails and one that meets, starting from the plan's own (fewer re-runs).

        The plan's verdict is known at its own capacity: when met, the answer lies below it; when
        not, doubling from it finds a capacity that meets, up to the upper bound (None if none does).
        """
        upper = math.ceil(self._upper)
        current = math.ceil(self._current) if self._current else None
        if current is None or current >= upper:
            return 0, (upper if self._meets(upper) else None)
        if self.met:
            return 0, current
        low = current
        while True:
            high = min(low * 2, upper)
            if self._meets(high):
                return low, high
            if high >= upper:
                return low, None
            low = high

    def to_dict(self) -> dict:
        """The JSON `summary.deadline` object."""
        return {
            "date": self.date.isoformat(),
            "target_share": self.target_share,
            "share_migrated_by_deadline": round(self.share, 4),
            "met": self.met,
            "capacity_needed_per_workstream": self.capacity_needed,
        }
