"""Work on the other core: the same values as in this process, and this process's values when the child fails."""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

import cloudfit
from cloudfit import background
from cloudfit.background import Alongside
from cloudfit.roadmap import roadmap_bytes

SAMPLE = Path(__file__).resolve().parents[1] / "app_inventories" / "sample_vietnam.xlsx"


@pytest.fixture(autouse=True)
def _single_thread() -> None:
    """A fork needs a single-threaded process: let short-lived threads of earlier tests end first
    (such as a scheduled memory release, `cloudfit.memory.release_soon`)."""
    deadline = time.monotonic() + 15
    while threading.active_count() > 1 and time.monotonic() < deadline:
        time.sleep(0.05)


def _assessment() -> cloudfit.Assessment:
    options = cloudfit.AssessOptions(as_of=dt.date(2026, 11, 30))
    return cloudfit.assess(cloudfit.load_inventory(SAMPLE), cloudfit.load_model("default"), options)


def _pid() -> int:
    return os.getpid()


def _pid_with(_lock: object) -> int:
    return os.getpid()


def _fails_in_child(parent: int) -> str:
    if os.getpid() != parent:
        raise RuntimeError("only the child fails")
    return "here"


def test_a_child_runs_the_function_in_another_process() -> None:
    assert Alongside(_pid).result() != os.getpid()


def test_when_the_child_fails_the_value_is_computed_here() -> None:
    assert Alongside(_fails_in_child, os.getpid()).result() == "here"
    with pytest.raises(ValueError):
        Alongside(int, "x").result()  # fails in the child, then here: the caller sees the real error


def test_a_forked_child_inherits_arguments_that_cannot_be_pickled() -> None:
    lock = threading.Lock()  # no pickling in: the child sees the parent's objects
    assert Alongside(_pid_with, lock).result() != os.getpid()


def test_in_a_threaded_process_no_child_starts_and_the_value_is_computed_here() -> None:
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not background.can_fork()
        assert Alongside(_pid).result() == os.getpid()
    finally:
        release.set()
        other.join()


@pytest.mark.parametrize(("too_large", "in_child"), [(50_000, "robustness"), (100, "capacity_needed")])
def test_the_workbook_is_the_same_whether_a_late_analysis_runs_alongside_or_here(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, too_large: int, in_child: str
) -> None:
    here = _assessment()
    here_bytes = roadmap_bytes(here)
    monkeypatch.setattr(background, "WORTH_A_PROCESS", 0)
    monkeypatch.setattr(background, "TOO_LARGE_FOR_A_PROCESS", too_large)  # 238 applications: above 100
    alongside = _assessment()
    alongside.start_late_work()(True)  # started, then stopped: nothing is kept
    cached = alongside.__dict__ if in_child == "robustness" else alongside.plan.deadline.__dict__
    assert in_child not in cached
    children: list[int] = []
    real = Alongside.__init__

    def counted(self, fn, *args):
        real(self, fn, *args)
        children.append(self._process.pid)

    monkeypatch.setattr(Alongside, "__init__", counted)
    with caplog.at_level(logging.DEBUG, logger="cloudfit.background"):
        assert roadmap_bytes(alongside) == here_bytes
    assert len(children) == 1 and not caplog.records  # the result came from the child
    assert alongside.plan.deadline.capacity_needed == here.plan.deadline.capacity_needed is not None
    pd.testing.assert_frame_equal(alongside.robustness.flips, here.robustness.flips)
    pd.testing.assert_frame_equal(alongside.robustness.table, here.robustness.table)


def test_which_analysis_goes_to_the_child_depends_on_the_size(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[str] = []
    monkeypatch.setattr(background.Alongside, "__init__", lambda self, fn, *a: started.append(fn.__name__))
    assessment = _assessment()
    assessment.start_late_work()  # 238 applications: below the threshold, nothing starts
    assert started == []
    assessment.start_late_work(minimum=0)
    assert started == ["assess_robustness"]
    monkeypatch.setattr(background, "TOO_LARGE_FOR_A_PROCESS", 100)  # robustness would be held twice
    assessment.start_late_work(minimum=0)
    assert started == ["assess_robustness", "_capacity_needed"]
    started.clear()
    assessment.robustness  # noqa: B018 - computed now
    assessment.plan.deadline.capacity_needed  # noqa: B018
    assessment.start_late_work(minimum=0)
    monkeypatch.setattr(background, "TOO_LARGE_FOR_A_PROCESS", 50_000)
    assessment.start_late_work(minimum=0)
    assert started == []  # known results start nothing
