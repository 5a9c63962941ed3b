"""Work done on the second core while this process carries on.

Python runs one thread of Python code at a time, so a long, self-contained
computation that a writer needs only late (the robustness analysis, which
the roadmap workbook reads in three of its sixteen sheets) is run in a child
process forked from this one: the child inherits the arguments (nothing is
pickled in, and the pages both processes only read stay shared) and pickles
its result back. Forking is safe only while this process runs a single
thread, as the `assess` command and `make bench` do; in a threaded process
(the app server) no child is started and the value is computed here.

The child is an optimisation, never a dependency: whenever it cannot give
its result (killed, out of memory, a pickling error, slower than the
limit), `result()` computes the same thing here, so the caller always gets
the value it would have got without the child.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")

LOG = logging.getLogger(__name__)
# The inventory sizes whose robustness analysis goes to a child. Below a few thousand
# applications the analysis takes less than the fork and the result's return cost. Above
# 50,000 the memory the two processes stop sharing is too much: at 100,000 the process tree
# peaked at 2.5 GB against 1.55 GB for this process (make bench's limit is 2 GB), because every
# page this process writes while the child runs is copied.
WORTH_A_PROCESS = 5_000
TOO_LARGE_FOR_A_PROCESS = 50_000
WAIT_SECONDS = 900.0  # far beyond any national-scale run; past it, the work is done here instead


def can_fork() -> bool:
    """Whether a child can be forked safely now: fork exists and this process runs one thread."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _child(conn: Any, fn: Callable[..., Any], args: tuple) -> None:
    try:
        conn.send(("ok", fn(*args)))
    except BaseException as error:  # reported to the parent, which then computes the value itself
        with contextlib.suppress(BaseException):
            conn.send(("failed", f"{type(error).__name__}: {str(error)[:200]}"))
    finally:
        conn.close()


class Alongside(Generic[T]):
    """`fn(*args)` started in a forked child now; `result()` collects it (or computes it here).

    The result must be picklable. Without a safe fork (`can_fork`) nothing starts and
    `result()` computes the value here.
    """

    def __init__(self, fn: Callable[..., T], *args: Any) -> None:
        self._fn, self._args = fn, args
        self._process: Any = None
        self._receive: Any = None
        if not can_fork():
            return
        try:
            context = multiprocessing.get_context("fork")
            self._receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_child, args=(send, fn, args), daemon=True)
            try:
                process.start()
            finally:
                send.close()
            self._process = process
        except Exception as error:  # no child (e.g. inside a daemon process): work here later
            LOG.debug("no child process for %s: %s", getattr(fn, "__name__", fn), error)
            self.cancel()

    def result(self) -> T:
        """The child's result; the same computed in this process when the child could not give it."""
        outcome: tuple[str, Any] = ("failed", "no child")
        if self._receive is not None:
            try:
                if self._receive.poll(WAIT_SECONDS):
                    outcome = self._receive.recv()
            except (EOFError, OSError) as error:
                outcome = ("failed", f"{type(error).__name__}")
        self.cancel()
        if outcome[0] == "ok":
            return outcome[1]
        LOG.debug("child failed (%s); computing in this process", outcome[1])
        return self._fn(*self._args)

    def cancel(self) -> None:
        """Stop the child if it still runs and release its pipe."""
        if self._receive is not None:
            self._receive.close()
            self._receive = None
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join()
            self._process.close()
            self._process = None
