"""The app on the sample inventory for a browser test, or a clear skip (a failure in CI) when it cannot run."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from benchmarks.app import CHROMIUM, AppDidNotStart, idle, serve_app

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "app_inventories" / "sample_vietnam.xlsx"


@contextmanager
def served_app(log: Path) -> Iterator[str]:
    """The URL of the app serving the sample, its server log in `log`. Skips without Chromium
    (fails under CI, where `make test` installs it); an app that does not start fails the test."""
    if not Path(CHROMIUM).exists():
        message = "Chromium is not installed at /usr/bin/chromium (make test installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    try:
        with serve_app(SAMPLE, log) as url:
            yield url
    except AppDidNotStart as error:
        pytest.fail(str(error))


@contextmanager
def app_tab(
    browser: Any, url: str, *, height: int = 1000, timeout_ms: int = 60_000, requests: list[str] | None = None
) -> Iterator[Any]:
    """A tab in a new browser context (so a new session of the app) on `url`, loaded and idle;
    every URL the context asks for is appended to `requests` when given."""
    context = browser.new_context(viewport={"width": 1440, "height": height})
    if requests is not None:
        context.on("request", lambda request: requests.append(request.url))
    tab = context.new_page()
    tab.set_default_timeout(timeout_ms)
    tab.goto(url)
    idle(tab)
    try:
        yield tab
    finally:
        context.close()
