"""The collector pauses while a stage runs and comes back as it was, whatever happens."""

from __future__ import annotations

import gc
import threading

import pytest

from cloudfit.gcpause import paused_gc, without_gc


def test_the_collector_is_paused_inside_and_restored_after() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer stage still runs
    assert gc.isenabled()


def test_an_error_inside_restores_the_collector() -> None:
    @without_gc
    def stage() -> None:
        assert not gc.isenabled()
        raise ValueError("boom")

    with pytest.raises(ValueError):
        stage()
    assert gc.isenabled()


def test_a_collector_disabled_before_stays_disabled() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_concurrent_stages_resume_the_collector_only_when_the_last_ends() -> None:
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with paused_gc():
            inside.set()
            release.wait(10)

    thread = threading.Thread(target=other)
    thread.start()
    inside.wait(10)
    with paused_gc():
        pass
    assert not gc.isenabled()  # the other thread's stage is still running
    release.set()
    thread.join(10)
    assert gc.isenabled()
