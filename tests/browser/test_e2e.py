"""The app in a real headless Chromium, in each language: upload, every page, chart link, bad upload, downloads.

Starts `streamlit run` on a free port, drives it with Playwright (the
system Chromium, never `playwright install`), saves a screenshot of each
page under test-artifacts/ (`make screenshots` also copies them to
docs/screenshots/ for the README). The time a weight-slider change takes to re-render is written to
test-artifacts/timings.txt (reported, not asserted: machines are noisy).
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import openpyxl
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from benchmarks.app import (
    CHROMIUM,
    CHROMIUM_ARGS,
    idle,
    rerun_seconds,
    watch_rerun,
)
from cloudfit.i18n import sheet_name, t
from tests.browser.served import app_tab, served_app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "app_inventories" / "sample_vietnam.xlsx"
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ROOT / "docs" / "screenshots"
REQUESTS: list[str] = []  # every URL the browser asked for, from the first page load on
PAGES = (
    "inventory",
    "portfolio",
    "application",
    "dependencies",
    "roadmap",
    "readiness",
    "model",
)  # model last
LANGUAGES = {"en": "English", "vi": "Tiếng Việt"}  # the sidebar's language switch


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with served_app(ARTIFACTS / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser(server: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server: str):
    """A new tab, so a new session of the app, with every request it makes logged."""
    with app_tab(browser, server, requests=REQUESTS) as tab:
        yield tab


def _title(key: str, lang: str) -> str:
    return t(f"ui.page.{key}", lang)


def _open(page, title: str) -> None:
    page.locator("[data-testid='stSidebarNav'] a", has_text=title).first.click()
    idle(page)
    page.get_by_role("heading", name=title).first.wait_for()


def _shoot(page, name: str) -> None:
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    if os.environ.get("CLOUDFIT_UPDATE_SCREENSHOTS"):
        # `make screenshots`: refresh the README's pictures; a plain test run leaves the tree clean.
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, SCREENSHOTS / f"{name}.png")


def _slider_render_seconds(page) -> float | None:
    """Seconds from a weight slider key press until the rerun it causes has finished.

    A report, not a check: None when no rerun was seen (the app is still
    checked to be idle and error-free afterwards).
    """
    thumb = page.locator("[data-testid='stSlider'] input[type='range']").first
    thumb.focus()
    start = watch_rerun(page)
    thumb.press("ArrowRight")
    try:
        return rerun_seconds(page, start, timeout_ms=20_000)
    except PlaywrightTimeout:
        idle(page)
        return None


def _no_error(page, where: str) -> None:
    assert page.locator("[data-testid='stException']").count() == 0, where
    assert page.locator("[data-testid='stAlertContentError']").count() == 0, where


def _download(page, label: str, target: Path) -> bytes:
    with page.expect_download() as download_info:
        page.get_by_role("button", name=label).first.click()
    download_info.value.save_as(target)
    return target.read_bytes()


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_upload_every_page_chart_link_bad_upload_and_downloads(page, lang: str) -> None:
    if lang != "en":
        page.locator("[data-testid='stSidebar'] label", has_text=LANGUAGES[lang]).click()
        idle(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput'][accept*='.xlsx']").set_input_files(str(SAMPLE))
    idle(page)
    page.get_by_text(SAMPLE.name).first.wait_for()
    assert page.locator("[data-testid='stException']").count() == 0

    for name in PAGES:
        _open(page, _title(name, lang))
        _no_error(page, name)
        if name in ("portfolio", "dependencies", "roadmap", "application"):
            page.locator(".js-plotly-plot").first.wait_for()
        if lang == "en" or name == "model":
            page.wait_for_timeout(800)
            _shoot(page, name if lang == "en" else f"{name}_{lang}")

    # A bubble of the portfolio quadrant opens its application's page.
    _open(page, _title("portfolio", lang))
    bubble = page.locator("[data-testid='stPlotlyChart'] .scatterlayer .point").first
    bubble.wait_for()
    box = bubble.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    idle(page)
    # the page switch is a rerun of its own: wait for it (a heading named "Application…" is no proof,
    # the Portfolio page has "Applications" headings too)
    page.wait_for_url("**/application*", timeout=60_000)
    page.get_by_role("heading", name=_title("application", lang), exact=True).first.wait_for()
    assert "/application" in page.url
    assert page.locator("[data-testid='stException']").count() == 0

    if lang == "en":
        _open(page, _title("model", lang))
        seconds = _slider_render_seconds(page)
        measured = "not measured" if seconds is None else f"{seconds:.2f} s"
        (ARTIFACTS / "timings.txt").write_text(f"slider change on the sample: {measured}\n", encoding="utf-8")
        assert page.locator("[data-testid='stException']").count() == 0

    # A bad upload replaces the results with its error; the sample comes back with one click.
    _open(page, _title("inventory", lang))
    broken = ARTIFACTS / f"broken_{lang}.xlsx"
    broken.write_bytes(b"this is not a workbook")
    page.locator("[data-testid='stFileUploaderDropzoneInput'][accept*='.xlsx']").set_input_files(str(broken))
    idle(page)
    page.locator("[data-testid='stAlertContentError']", has_text=broken.name).first.wait_for()
    _open(page, _title("portfolio", lang))
    page.locator("[data-testid='stAlertContentError']", has_text=broken.name).first.wait_for()
    assert page.locator(".js-plotly-plot").count() == 0  # no stale results under the error
    _open(page, _title("inventory", lang))
    page.get_by_role("button", name=t("ui.inventory.use_sample", lang)).first.click()
    idle(page)
    assert page.locator("[data-testid='stAlertContentError']").count() == 0

    _open(page, _title("roadmap", lang))
    workbook = _download(page, t("ui.download.roadmap", lang), ARTIFACTS / f"roadmap_{lang}.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(workbook), read_only=True)
    assert sheet_name("summary", lang) in book.sheetnames
    assert _download(page, t("ui.download.brief", lang), ARTIFACTS / f"brief_{lang}.pdf").startswith(b"%PDF")


def test_readiness_sample_heat_map_and_gates_on_the_plan(page) -> None:
    _open(page, "Readiness")
    page.get_by_role("button", name="Use the sample answers (five agencies)").click()
    idle(page)
    page.locator(".js-plotly-plot").first.wait_for()
    page.get_by_text("Readiness by agency and theme").first.wait_for()
    assert page.locator("[data-testid='stException']").count() == 0
    page.get_by_text("Apply the readiness gates to the wave plan").click()
    idle(page)
    page.get_by_role("heading", name="Gates on the wave plan").first.wait_for()
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("[data-testid='stAlertContentError']").count() == 0
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    _shoot(page, "readiness")


def test_no_request_goes_to_any_host_but_the_apps(server) -> None:
    """Runs last: the log holds every request of the tabs above, in both languages."""
    assert REQUESTS, "the request log is empty"
    app = urlsplit(server).netloc
    outside = sorted(
        {urlsplit(url).netloc for url in REQUESTS if urlsplit(url).scheme in ("http", "https", "ws", "wss")}
        - {app}
    )
    assert outside == []
