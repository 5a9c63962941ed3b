"""Sessions whose browser has gone are forgotten even when nobody visits the server any more."""

from __future__ import annotations

import gc
import time
import weakref
from types import SimpleNamespace

import pytest
from streamlit.runtime.memory_session_storage import MemorySessionStorage

from cloudfit import memory
from cloudfit.ui import housekeeping


class Held:
    """Stands for a session's heavy results."""


def test_sizing_streamlits_session_store_forgets_expired_sessions_and_frees_what_they_held() -> None:
    storage = MemorySessionStorage(ttl_seconds=0.2)  # the pinned Streamlit's store, used by the sweep
    results = Held()
    gone = weakref.ref(results)
    storage.save(SimpleNamespace(session=SimpleNamespace(id="left"), results=results))
    del results
    time.sleep(0.3)
    gc.collect()
    assert gone() is not None  # expired, but kept until the store is next written or sized
    assert housekeeping.sweep(storage._cache, None) == 0
    gc.collect()
    assert gone() is None


def test_memory_is_released_only_when_sessions_went_away(monkeypatch: pytest.MonkeyPatch) -> None:
    released: list[int] = []
    monkeypatch.setattr(memory, "release_soon", lambda: released.append(1))
    sessions = [1, 2, 3]
    assert housekeeping.sweep(sessions, None) == 3 and released == []
    assert housekeeping.sweep(sessions, 3) == 3 and released == []
    sessions.pop()
    assert housekeeping.sweep(sessions, 3) == 2 and released == [1]
    assert housekeeping.sweep(None, 2) is None


def test_the_sweeping_thread_starts_once_and_only_inside_a_server(monkeypatch: pytest.MonkeyPatch) -> None:
    released: list[int] = []
    monkeypatch.setattr(memory, "release_soon", lambda: released.append(1))
    monkeypatch.setattr(housekeeping, "_thread", None)
    housekeeping.start(find=lambda: None)  # no server (tests, scripts): no thread
    assert housekeeping._thread is None
    sessions: list[int] | None = [1, 2]
    housekeeping.start(find=lambda: sessions, interval=0.05)
    first = housekeeping._thread
    housekeeping.start(find=lambda: sessions, interval=0.05)
    assert housekeeping._thread is first and first.daemon
    time.sleep(0.2)
    sessions.clear()
    deadline = time.monotonic() + 3
    while not released and time.monotonic() < deadline:
        time.sleep(0.05)
    assert released
    sessions = None  # the server stops: so does the thread
    first.join(timeout=2)
    assert not first.is_alive()
