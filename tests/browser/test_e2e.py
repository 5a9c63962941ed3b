"""The app in a real headless Chromium: upload, every page, language switch, roadmap download.

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
    AppDidNotStart,
    idle,
    rerun_seconds,
    serve_app,
    watch_rerun,
)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "app_inventories" / "sample_vietnam.xlsx"
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ROOT / "docs" / "screenshots"
REQUESTS: list[str] = []  # every URL the browser asked for, from the first page load on
PAGES = {
    "inventory": ("Inventory", "Danh mục"),
    "portfolio": ("Portfolio", "Tổng quan"),
    "application": ("Application", "Ứng dụng"),
    "dependencies": ("Dependencies", "Phụ thuộc"),
    "roadmap": ("Roadmap", "Lộ trình"),
    "readiness": ("Readiness", "Mức độ sẵn sàng"),
    "model": ("Scoring model", "Mô hình chấm điểm"),  # last: the slider timing runs on this page
}


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        message = "Chromium is not installed at /usr/bin/chromium (make test installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    try:
        with serve_app(SAMPLE, ARTIFACTS / "streamlit.log") as url:
            yield url
    except AppDidNotStart as error:
        pytest.fail(str(error))


@pytest.fixture(scope="module")
def page(server: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
        context.on("request", lambda request: REQUESTS.append(request.url))
        tab = context.new_page()
        tab.set_default_timeout(60_000)
        tab.goto(server)
        idle(tab)
        yield tab
        context.close()
        browser.close()


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


def test_upload_every_page_language_switch_and_roadmap_download(page) -> None:
    page.locator("[data-testid='stFileUploaderDropzoneInput'][accept*='.xlsx']").set_input_files(str(SAMPLE))
    idle(page)
    page.get_by_text(SAMPLE.name).first.wait_for()
    assert page.locator("[data-testid='stException']").count() == 0

    for name, (english, _) in PAGES.items():
        _open(page, english)
        assert page.locator("[data-testid='stException']").count() == 0, name
        assert page.locator("[data-testid='stAlertContentError']").count() == 0, name
        if name in ("portfolio", "dependencies", "roadmap", "application"):
            page.locator(".js-plotly-plot").first.wait_for()
        page.wait_for_timeout(800)
        _shoot(page, name)

    # A bubble of the portfolio quadrant opens its application's page.
    _open(page, "Portfolio")
    bubble = page.locator("[data-testid='stPlotlyChart'] .scatterlayer .point").first
    bubble.wait_for()
    box = bubble.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    idle(page)
    # the page switch is a rerun of its own: wait for it (a heading named "Application…" is no proof,
    # the Portfolio page has "Applications" headings too)
    page.wait_for_url("**/application*", timeout=60_000)
    page.get_by_role("heading", name="Application", exact=True).first.wait_for()
    assert "/application" in page.url
    assert page.locator("[data-testid='stException']").count() == 0

    _open(page, "Scoring model")
    seconds = _slider_render_seconds(page)
    measured = "not measured" if seconds is None else f"{seconds:.2f} s"
    (ARTIFACTS / "timings.txt").write_text(f"slider change on the sample: {measured}\n", encoding="utf-8")
    assert page.locator("[data-testid='stException']").count() == 0

    # A bad upload replaces the results with its error; the sample comes back with one click.
    _open(page, "Inventory")
    broken = ARTIFACTS / "broken.xlsx"
    broken.write_bytes(b"this is not a workbook")
    page.locator("[data-testid='stFileUploaderDropzoneInput'][accept*='.xlsx']").set_input_files(str(broken))
    idle(page)
    page.locator("[data-testid='stAlertContentError']", has_text="broken.xlsx").first.wait_for()
    _open(page, "Portfolio")
    page.locator("[data-testid='stAlertContentError']", has_text="broken.xlsx").first.wait_for()
    assert page.locator(".js-plotly-plot").count() == 0  # no stale results under the error
    _open(page, "Inventory")
    page.get_by_role("button", name="Back to the startup inventory").first.click()
    idle(page)
    assert page.locator("[data-testid='stAlertContentError']").count() == 0

    page.locator("[data-testid='stSidebar'] label", has_text="Tiếng Việt").click()
    idle(page)
    for name, (_, vietnamese) in PAGES.items():
        _open(page, vietnamese)
        assert page.locator("[data-testid='stException']").count() == 0, name
    _shoot(page, "model_vi")

    _open(page, "Lộ trình")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Sổ tính lộ trình (.xlsx)").first.click()
    target = ARTIFACTS / "roadmap_vi.xlsx"
    download_info.value.save_as(target)
    book = openpyxl.load_workbook(io.BytesIO(target.read_bytes()), read_only=True)
    assert "Tổng quan" in book.sheetnames

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Báo cáo tóm tắt (.pdf)").first.click()
    brief = ARTIFACTS / "brief_vi.pdf"
    download_info.value.save_as(brief)
    assert brief.read_bytes().startswith(b"%PDF")


def test_no_request_goes_to_any_host_but_the_apps(page, server) -> None:
    assert REQUESTS, "the request log is empty"
    app = urlsplit(server).netloc
    outside = sorted(
        {urlsplit(url).netloc for url in REQUESTS if urlsplit(url).scheme in ("http", "https", "ws", "wss")}
        - {app}
    )
    assert outside == []


def test_readiness_sample_heat_map_and_gates_on_the_plan(page) -> None:
    page.locator("[data-testid='stSidebar'] label", has_text="English").click()  # the tab is shared
    idle(page)
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
