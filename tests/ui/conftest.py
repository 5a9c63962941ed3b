"""AppTest helpers: the app on the bundled sample, and page switching."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from cloudfit.ui.pages.inventory import MAPPING_STEP
from cloudfit.ui.sidebar import FILTERS_OPEN

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "app_inventories" / "sample_vietnam.xlsx"
PAGES = ("inventory", "portfolio", "application", "dependencies", "roadmap", "scoring_model", "readiness")
TIMEOUT = 120


def visit(at: AppTest, page: str) -> AppTest:
    """Switch to a page and run it; a page must never raise."""
    at.switch_page(f"cloudfit/ui/pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_mapping_step(at: AppTest) -> AppTest:
    """Open the Inventory page's mapping step, as a click on its header does (it is drawn only when open)."""
    (key,) = [k for k in at.session_state if str(k).startswith(MAPPING_STEP)]
    return _open_box(at, key)


def open_filters(at: AppTest) -> AppTest:
    """Open the sidebar's filters, as a click on their box does (their lists are drawn only when open)."""
    return _open_box(at, FILTERS_OPEN)


def _open_box(at: AppTest, key: str) -> AppTest:
    """Open a box built with `widgets.opened` and run the app, which must not raise."""
    at.session_state[key] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("CLOUDFIT_INVENTORY", str(SAMPLE))
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at
