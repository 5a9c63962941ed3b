"""Heavy results shared by the sessions that use them, and freed when none does.

`st.cache_resource` keeps what it caches for the whole process until its entry
count or age evicts it, and it evicts only when it is called again: after 50
sessions of 10,000 applications the server held gigabytes that no session
used. Here each session keeps strong references to the few results it used
last (at most `per_session` per cache, none unused for longer than `ttl`) in
its own session state; the process keeps weak references only. So one parse
or plan serves every session that asks for the same key while one of them
holds it, the same session gets its own results back at once (a slider moved
back and forth), and a result is freed as soon as the last session that held
it ends or moves on, and the memory it used is handed back to the system
soon after (`cloudfit.memory.release_soon`). Values are never copied: they
are immutable by convention, like everything `cloudfit.ui.state` caches.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, MutableMapping
from typing import Any, Generic, TypeVar

import streamlit as st

from cloudfit import memory

T = TypeVar("T")


class _Held(Generic[T]):
    """A box a weak reference can point to (tuples, dicts and frames cannot be weakly referenced)."""

    __slots__ = ("__weakref__", "value")

    def __init__(self, value: T) -> None:
        self.value = value


class SharedCache(Generic[T]):
    """Results by key, held by the sessions that used them last; see the module docstring."""

    def __init__(
        self,
        name: str,
        per_session: int,
        ttl_seconds: float,
        session: Callable[[], MutableMapping[str, Any]] = lambda: st.session_state,
    ) -> None:
        if per_session < 1 or ttl_seconds <= 0:
            raise ValueError("a shared cache needs at least one entry per session and a positive age limit")
        self.name = name
        self.per_session = per_session
        self.ttl_seconds = ttl_seconds
        self._session = session
        self._live: weakref.WeakValueDictionary[Hashable, _Held[T]] = weakref.WeakValueDictionary()
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}

    def _held(self) -> OrderedDict[Hashable, tuple[_Held[T], float]]:
        state, key = self._session(), f"_shared_cache:{self.name}"
        held = state.get(key)
        if held is None:
            held = state[key] = OrderedDict()
        return held

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value for `key`: this session's, another live session's, or `compute()` once for all."""
        held = self._held()
        now = time.monotonic()
        for old in [k for k, (_, used) in held.items() if now - used > self.ttl_seconds]:
            del held[old]
        box = held[key][0] if key in held else self._shared(key, compute)
        held[key] = (box, now)
        held.move_to_end(key)
        while len(held) > self.per_session:
            held.popitem(last=False)
        return box.value

    def _shared(self, key: Hashable, compute: Callable[[], T]) -> _Held[T]:
        with self._lock:
            box = self._live.get(key)
            if box is not None:
                return box
            gate = self._computing.setdefault(key, threading.Lock())
        try:
            with gate:  # sessions asking for the same key at once wait for one computation
                with self._lock:
                    box = self._live.get(key)
                if box is None:
                    box = _Held(compute())
                    weakref.finalize(box, memory.release_soon)
                    with self._lock:
                        self._live[key] = box
        finally:
            with self._lock:
                self._computing.pop(key, None)
        return box

    def forget(self, key: Hashable, when: Callable[[T], bool] = lambda value: True) -> None:
        """Drop `key` for this session and the process if its value meets `when`: computed again next time."""
        with self._lock:
            box = self._live.get(key)
            if box is not None and when(box.value):
                del self._live[key]
        if box is not None and when(box.value):
            self._held().pop(key, None)

    def live(self) -> int:
        """How many values some session still holds (for tests and the memory benchmark)."""
        with self._lock:
            return len(self._live)
