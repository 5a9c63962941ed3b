"""The app in a real headless Chromium: upload, every page, language switch, roadmap download.

Starts `streamlit run` on a free port, drives it with Playwright (the
system Chromium, never `playwright install`), saves a screenshot of each
page under test-artifacts/ and copies them to docs/screenshots/ for the
README. The time a weight-slider change takes to re-render is written to
test-artifacts/timings.txt (reported, not asserted: machines are noisy).
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "app_inventories" / "sample_vietnam.xlsx"
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
PAGES = {
    "inventory": ("Inventory", "Danh mục"),
    "portfolio": ("Portfolio", "Tổng quan"),
    "application": ("Application", "Ứng dụng"),
    "dependencies": ("Dependencies", "Phụ thuộc"),
    "roadmap": ("Roadmap", "Lộ trình"),
    "model": ("Scoring model", "Mô hình chấm điểm"),
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (make test installs it)")
    port = _free_port()
    env = {**os.environ, "CLOUDFIT_INVENTORY": str(SAMPLE)}
    ARTIFACTS.mkdir(exist_ok=True)
    log = (ARTIFACTS / "streamlit.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "streamlit_app.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start; see {ARTIFACTS / 'streamlit.log'}")
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="module")
def page(server: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
        tab = context.new_page()
        tab.set_default_timeout(60_000)
        tab.goto(server)
        _idle(tab)
        yield tab
        context.close()
        browser.close()


def _idle(page) -> None:
    page.wait_for_selector("[data-testid='stApp']")
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE)


def _open(page, title: str) -> None:
    page.locator("[data-testid='stSidebarNav'] a", has_text=title).first.click()
    _idle(page)
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
    page.evaluate(
        """() => {
            const app = document.querySelector("[data-testid='stApp']");
            window.__cf = {started: false, done: null};
            new MutationObserver(() => {
                const s = app.getAttribute('data-test-script-state');
                if (s === 'running') window.__cf.started = true;
                if (s === 'notRunning' && window.__cf.started && window.__cf.done === null)
                    window.__cf.done = performance.now();
            }).observe(app, {attributes: true});
        }"""
    )
    thumb = page.locator("[data-testid='stSlider'] input[type='range']").first
    thumb.focus()
    start = page.evaluate("performance.now()")
    thumb.press("ArrowRight")
    try:
        page.wait_for_function("window.__cf.done !== null", timeout=20_000)
    except PlaywrightTimeout:
        return None
    finally:
        _idle(page)
    return (page.evaluate("window.__cf.done") - start) / 1000


def test_upload_every_page_language_switch_and_roadmap_download(page) -> None:
    page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(SAMPLE))
    _idle(page)
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

    seconds = _slider_render_seconds(page)
    measured = "not measured" if seconds is None else f"{seconds:.2f} s"
    (ARTIFACTS / "timings.txt").write_text(f"slider change on the sample: {measured}\n", encoding="utf-8")
    assert page.locator("[data-testid='stException']").count() == 0

    page.locator("[data-testid='stSidebar'] label", has_text="Tiếng Việt").click()
    _idle(page)
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
