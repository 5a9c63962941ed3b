"""The app's shared caches: one computation per key while sessions hold it, freed when none does."""

from __future__ import annotations

import gc
import threading
import time

import pytest

from cloudfit import memory
from cloudfit.ui.shared_cache import SharedCache


class Sessions:
    """Stand-in for Streamlit's per-session state: `current` names the session that is running."""

    def __init__(self) -> None:
        self.states: dict[str, dict] = {}
        self.current = "a"

    def __call__(self) -> dict:
        return self.states.setdefault(self.current, {})

    def end(self, name: str) -> None:
        del self.states[name]
        gc.collect()


class Big:
    """A result large enough to matter (weakly referencable only through the cache's box)."""

    def __init__(self, key: str) -> None:
        self.key = key


def _cache(sessions: Sessions, per_session: int = 2, ttl: float = 60.0) -> tuple[SharedCache, list[str]]:
    computed: list[str] = []
    return SharedCache("test", per_session, ttl, session=sessions), computed


def _get(cache: SharedCache, computed: list[str], key: str) -> Big:
    def compute() -> Big:
        computed.append(key)
        return Big(key)

    return cache.get(key, compute)


def test_sessions_share_one_computation_while_one_of_them_holds_it() -> None:
    sessions = Sessions()
    cache, computed = _cache(sessions)
    first = _get(cache, computed, "file")
    sessions.current = "b"
    assert _get(cache, computed, "file") is first
    assert computed == ["file"]


def test_a_result_is_freed_when_the_last_session_holding_it_ends() -> None:
    sessions = Sessions()
    cache, computed = _cache(sessions)
    _get(cache, computed, "file")
    sessions.current = "b"
    _get(cache, computed, "file")
    sessions.end("a")
    assert cache.live() == 1  # b still holds it
    sessions.end("b")
    assert cache.live() == 0
    sessions.current = "c"
    _get(cache, computed, "file")
    assert computed == ["file", "file"]


def test_a_session_holds_only_its_last_entries() -> None:
    sessions = Sessions()
    cache, computed = _cache(sessions, per_session=2)
    for key in ("w1", "w2", "w3"):
        _get(cache, computed, key)
    gc.collect()
    assert cache.live() == 2
    _get(cache, computed, "w2")  # still held: not computed again
    _get(cache, computed, "w1")  # dropped: computed again
    assert computed == ["w1", "w2", "w3", "w1"]


def test_entries_unused_past_the_age_limit_are_dropped() -> None:
    sessions = Sessions()
    cache, computed = _cache(sessions, per_session=4, ttl=0.05)
    _get(cache, computed, "old")
    time.sleep(0.1)
    _get(cache, computed, "new")
    gc.collect()
    assert cache.live() == 1
    _get(cache, computed, "old")
    assert computed == ["old", "new", "old"]


def test_sessions_asking_for_the_same_key_at_once_wait_for_one_computation() -> None:
    states: dict[str, dict] = {}
    cache = SharedCache(
        "test", 2, 60.0, session=lambda: states.setdefault(threading.current_thread().name, {})
    )
    calls, results = [], []

    def slow() -> Big:
        calls.append(1)
        time.sleep(0.2)
        return Big("file")

    threads = [threading.Thread(target=lambda: results.append(cache.get("file", slow))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1 and len(results) == 4 and all(r is results[0] for r in results)


def test_forget_drops_only_values_that_meet_the_condition() -> None:
    sessions = Sessions()
    cache, computed = _cache(sessions)
    _get(cache, computed, "good")
    cache.forget("good", lambda value: value.key == "bad")
    _get(cache, computed, "good")
    cache.forget("good", lambda value: value.key == "good")
    _get(cache, computed, "good")
    assert computed == ["good", "good"]


def test_a_failed_computation_leaves_the_key_free_for_the_next_attempt() -> None:
    sessions = Sessions()
    cache, _ = _cache(sessions)

    def broken() -> Big:
        raise ValueError("no")

    with pytest.raises(ValueError):
        cache.get("file", broken)
    assert cache.get("file", lambda: Big("file")).key == "file"


def test_when_a_result_is_freed_its_memory_is_handed_back_soon_after(monkeypatch: pytest.MonkeyPatch) -> None:
    scheduled: list[str] = []
    monkeypatch.setattr(memory, "release_soon", lambda: scheduled.append("release"))
    sessions = Sessions()
    cache, computed = _cache(sessions)
    _get(cache, computed, "one")
    _get(cache, computed, "two")
    sessions.current = "b"
    _get(cache, computed, "one")
    sessions.end("a")
    assert scheduled == ["release"]  # "two" went with session a; "one" is still held by b
    sessions.end("b")
    assert scheduled == ["release", "release"]  # release_soon turns such a burst into one release
