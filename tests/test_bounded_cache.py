"""The process-wide bounded cache: entries, weight and age all limit what it keeps."""

from __future__ import annotations

import pytest

from cloudfit.bounded_cache import BoundedCache


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _counting(cache: BoundedCache, computed: list) -> callable:
    def get(key, value=None):
        def compute():
            computed.append(key)
            return key if value is None else value

        return cache.get(key, compute)

    return get


def test_a_cached_value_is_computed_once_until_it_is_too_old() -> None:
    clock, computed = Clock(), []
    get = _counting(BoundedCache(entries=4, max_age_seconds=60, clock=clock), computed)
    get("a")
    clock.now = 59
    get("a")
    clock.now = 61
    get("a")
    assert computed == ["a", "a"]


def test_the_least_recently_used_entry_goes_first_past_the_entry_count() -> None:
    computed: list = []
    cache = BoundedCache(entries=2, max_age_seconds=60)
    get = _counting(cache, computed)
    get("a"), get("b"), get("a"), get("c")  # b is the least recently used
    get("a")
    get("b")
    assert computed == ["a", "b", "c", "b"] and len(cache) == 2


def test_heavy_values_are_evicted_by_weight_but_the_newest_is_always_kept() -> None:
    computed: list = []
    cache = BoundedCache(entries=100, max_age_seconds=60, weigh=len, max_weight=10)
    get = _counting(cache, computed)
    get("small", "x" * 4)
    get("mid", "x" * 5)
    assert cache.weight() == 9
    get("big", "x" * 8)
    assert cache.weight() == 8 and len(cache) == 1
    get("huge", "x" * 50)  # over the limit alone: kept, nothing else
    assert cache.weight() == 50 and len(cache) == 1


def test_expired_values_no_longer_count() -> None:
    clock = Clock()
    cache = BoundedCache(entries=4, max_age_seconds=10, weigh=len, max_weight=100, clock=clock)
    cache.get("a", lambda: "xx")
    clock.now = 11
    assert len(cache) == 0 and cache.weight() == 0


@pytest.mark.parametrize(("entries", "age", "weight"), [(0, 1, None), (1, 0, None), (1, 1, 0)])
def test_a_cache_without_limits_is_refused(entries, age, weight) -> None:
    with pytest.raises(ValueError):
        BoundedCache(entries=entries, max_age_seconds=age, max_weight=weight)
