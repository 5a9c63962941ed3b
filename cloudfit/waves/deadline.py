"""The deadline verdict: does the plan migrate the target share of existing systems in time?

Decision 1121/QĐ-TTg asks that at least 70% of existing systems be
converted to cloud by 2030. The share counts applications whose wave ends
by the deadline month, over all assessed applications: retired and
retained systems are not migrated, so they count against the share. `met`
is never true below the target. "What it takes" is the smallest uniform
capacity per workstream (person-days per month) with which the same
planner meets the target, found by bisection over re-runs of the fill;
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

    @cached_property
    def capacity_needed(self) -> float | None:
        """Smallest whole person-days per month per workstream that meets the target; None if none does."""
        if not self.existing:
            return None
        high = math.ceil(self._upper)
        if self._share_for(high) + 1e-12 < self.target_share:
            return None
        low = 0  # fails by definition: no capacity moves nothing
        for _ in range(_SEARCH_STEPS):
            if high - low <= 1:
                break
            middle = (low + high) // 2
            if self._share_for(middle) + 1e-12 >= self.target_share:
                high = middle
            else:
                low = middle
        return float(high)

    def to_dict(self) -> dict:
        """The JSON `summary.deadline` object."""
        return {
            "date": self.date.isoformat(),
            "target_share": self.target_share,
            "share_migrated_by_deadline": round(self.share, 4),
            "met": self.met,
            "capacity_needed_per_workstream": self.capacity_needed,
        }
