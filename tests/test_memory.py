"""Handing freed memory back to the system: resident memory really shrinks, and bursts are coalesced."""

from __future__ import annotations

import os
import time

import pytest

from cloudfit import memory


def _resident_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_release_returns_free_heap_pages_to_the_system() -> None:
    if memory._libc() is None:
        pytest.skip("needs glibc's malloc_trim")
    blocks = [bytearray(2000) for _ in range(100_000)]  # ~200 MB of small allocations on the heap
    del blocks[:-1]  # freed, but the allocator keeps the pages (the last block pins the heap's top)
    before = _resident_bytes()
    assert memory.release_free_memory() is True
    assert before - _resident_bytes() > 100 * 2**20


def test_a_burst_of_calls_releases_once(monkeypatch: pytest.MonkeyPatch) -> None:
    memory.release_soon(0.0)  # let any release scheduled by earlier tests happen first
    while memory.pending():
        time.sleep(0.01)
    calls: list[int] = []
    monkeypatch.setattr(memory, "release_free_memory", lambda: calls.append(1) or True)
    for _ in range(5):
        memory.release_soon(0.1)
    assert memory.pending()
    time.sleep(0.5)
    assert calls == [1] and not memory.pending()
