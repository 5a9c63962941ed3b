"""A process-wide cache that cannot grow: so many entries, so much weight, none older than an age limit.

`functools.lru_cache` bounds entries but not age or size, so a long-running
server keeps its last results (parsed inventories of tens of megabytes) for ever.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class BoundedCache(Generic[V]):
    """Values by key; the least recently used go first past `entries` or `max_weight`, and any value
    stored longer than `max_age_seconds` ago is computed again. `weigh` gives a value's weight (1 each
    by default), e.g. its rows, so that a few huge values cannot fill memory under the entry count."""

    def __init__(
        self,
        entries: int,
        max_age_seconds: float,
        *,
        weigh: Callable[[V], int] = lambda value: 1,
        max_weight: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if entries < 1 or max_age_seconds <= 0 or (max_weight is not None and max_weight < 1):
            raise ValueError(
                "a bounded cache needs at least one entry, a positive age and a positive weight limit"
            )
        self.entries = entries
        self.max_age_seconds = max_age_seconds
        self.max_weight = max_weight
        self._weigh = weigh
        self._clock = clock
        self._values: OrderedDict[Hashable, tuple[float, int, V]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        """The cached value for `key`, or `compute()` kept for the next caller."""
        with self._lock:
            self._expire(self._clock())
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key][2]
        value = compute()
        with self._lock:
            self._values[key] = (self._clock(), max(0, int(self._weigh(value))), value)
            self._values.move_to_end(key)
            while len(self._values) > 1 and (len(self._values) > self.entries or self._over_weight()):
                self._values.popitem(last=False)
        return value

    def weight(self) -> int:
        """The total weight held now."""
        with self._lock:
            self._expire(self._clock())
            return sum(weight for _, weight, _ in self._values.values())

    def __len__(self) -> int:
        with self._lock:
            self._expire(self._clock())
            return len(self._values)

    def _over_weight(self) -> bool:
        return self.max_weight is not None and sum(w for _, w, _ in self._values.values()) > self.max_weight

    def _expire(self, now: float) -> None:
        for key in [k for k, (stored, _, _) in self._values.items() if now - stored > self.max_age_seconds]:
            del self._values[key]
