"""Let the server forget sessions whose browser has gone, so that their results are freed.

Streamlit keeps a disconnected session for `server.disconnectedSessionTTL`
seconds, in a TTL cache that reaps expired entries only when it is next
written or sized: on a server nobody visits any more, the last sessions (and
the 10,000-application results they hold) would stay in memory for good. A
daemon thread sizes that cache every `INTERVAL_SECONDS`; when it holds fewer
sessions than before, the freed memory is handed back to the system
(`cloudfit.memory.release_soon`). It reads Streamlit's session storage
(`Runtime.instance()._session_mgr._session_storage._cache`), an internal of
the pinned Streamlit version that a test checks.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sized

from cloudfit import memory

INTERVAL_SECONDS = 10.0

_lock = threading.Lock()
_thread: threading.Thread | None = None


def session_cache() -> Sized | None:
    """Streamlit's store of connected and recently disconnected sessions; None outside a server."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return None
    manager = getattr(Runtime.instance(), "_session_mgr", None)
    storage = getattr(manager, "_session_storage", None)
    return getattr(storage, "_cache", None)


def sweep(cache: Sized | None, before: int | None) -> int | None:
    """Size the cache (which reaps expired sessions); release memory when it shrank. The new size."""
    if cache is None:
        return None
    now = len(cache)
    if before is not None and now < before:
        memory.release_soon()
    return now


def start(find: Callable[[], Sized | None] = session_cache, interval: float = INTERVAL_SECONDS) -> None:
    """Start the sweeping thread once per server process (not without a server: tests, scripts)."""
    global _thread
    with _lock:
        if (_thread is not None and _thread.is_alive()) or find() is None:
            return
        _thread = threading.Thread(target=_run, args=(find, interval), name="cloudfit-sessions", daemon=True)
        _thread.start()


def _run(find: Callable[[], Sized | None], interval: float) -> None:
    size = None
    while True:
        time.sleep(interval)
        cache = find()
        if cache is None:
            return  # the server has stopped
        size = sweep(cache, size)
