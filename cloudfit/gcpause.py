"""Pause Python's cyclic garbage collector while a national-scale stage runs.

Reading, assessing and writing 10,000 applications allocate millions of
short-lived containers (rows of cells, lists of strings); each allocation
burst makes the collector walk every live object again, about a tenth of the
run at 10,000 applications and more as the heap grows. These stages make no
reference cycles worth collecting mid-run, so the collector is paused while
any of them runs (reference counting still frees memory at once) and
resumes when the last one ends. Nested and concurrent stages (several app
sessions) share one count, so the collector resumes only when none runs.
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_lock = threading.Lock()
_running = 0
_was_enabled = True


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic collection while the block runs (in any thread); the collector's state is restored after."""
    global _running, _was_enabled
    with _lock:
        if _running == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0 and _was_enabled:
                gc.enable()


def without_gc(fn: Callable[P, R]) -> Callable[P, R]:
    """Decorate a stage so that it runs under `paused_gc`."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with paused_gc():
            return fn(*args, **kwargs)

    return wrapper
