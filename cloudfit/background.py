"""Work done on the second core while this process carries on.

Python runs one thread of Python code at a time, so a long, self-contained
computation that a writer needs only late (the robustness analysis, which
the roadmap workbook reads in three of its sixteen sheets) is run in a child
process forked from the sandbox's preloaded fork server (`cloudfit.sandbox`:
a few milliseconds to start, nothing re-imported, safe from a threaded app
server). The arguments are pickled in and the result pickled back.

The child is an optimisation, never a dependency: whenever it cannot give
its result (killed, out of memory, a pickling error, slower than the
limit), `result()` computes the same thing here, so the caller always gets
the value it would have got without the child.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")

LOG = logging.getLogger(__name__)
# How many applications an assessment needs before its late analyses go to child processes.
# Measured on the 2-core reference machine (docs/performance.md, 2026-11-30): at 10,000
# applications the children made the end to end slower (10.0-10.3 s against 8.3-8.9 s: forking,
# pickling and three children sharing the second core with the deflate thread), and at 100,000
# they saved ~13 s but added 1.3 GB of memory. So they are off on such a machine; a machine with
# more cores can lower this.
WORTH_A_PROCESS = 10**9
WAIT_SECONDS = 900.0  # far beyond any national-scale run; past it, the work is done here instead


def _child(conn: Any, fn: Callable[..., Any], args: tuple) -> None:
    try:
        conn.send(("ok", fn(*args)))
    except BaseException as error:  # reported to the parent, which then computes the value itself
        with contextlib.suppress(BaseException):
            conn.send(("failed", f"{type(error).__name__}: {str(error)[:200]}"))
    finally:
        conn.close()


class Alongside(Generic[T]):
    """`fn(*args)` started in a child process now; `result()` collects it (or computes it here).

    `fn` must be a module-level function and its arguments and result picklable.
    """

    def __init__(self, fn: Callable[..., T], *args: Any) -> None:
        from cloudfit.sandbox import forkserver_context

        self._fn, self._args = fn, args
        self._process: Any = None
        self._receive: Any = None
        try:
            context = forkserver_context()
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
