"""How the app feels at national scale: timings in a real headless Chromium.

    python -m benchmarks.app --size 10000 [--runs 3]

Starts the app on a synthetic inventory (`benchmarks.generate`), then times
a weight-slider change on the Scoring model page and the opening of the
Portfolio and Dependencies pages, from the user's action until the rerun
has finished and the chart is drawn. It prints medians; it is a report,
never a test (the browser test `tests/browser/test_e2e.py` uses the same
harness to drive the app).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# Headless as root on a machine with no network beyond the package registries.
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
# Records when the rerun that an action starts has finished (see `watch_rerun`).
_RERUN_OBSERVER = """() => {
    const app = document.querySelector("[data-testid='stApp']");
    window.__cf = {started: false, done: null};
    new MutationObserver(() => {
        const s = app.getAttribute('data-test-script-state');
        if (s === 'running') window.__cf.started = true;
        if (s === 'notRunning' && window.__cf.started && window.__cf.done === null)
            window.__cf.done = performance.now();
    }).observe(app, {attributes: true});
}"""
_NEXT_FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


class AppDidNotStart(RuntimeError):
    """Streamlit exited or did not answer its health check in time."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve_app(inventory: Path, log: Path, timeout: float = 60.0) -> Iterator[str]:
    """Run `streamlit run streamlit_app.py` on `inventory`; yield its URL; stop it after."""
    port = free_port()
    env = {**os.environ, "CLOUDFIT_INVENTORY": str(inventory)}
    log.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.headless", "true"]
    command += ["--server.port", str(port), "--server.address", "127.0.0.1"]
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while not _healthy(url):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AppDidNotStart(f"streamlit did not start; see {log}")
                time.sleep(0.3)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def idle(page) -> None:
    """Wait until the app has finished its current rerun."""
    page.wait_for_selector("[data-testid='stApp']")
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE)


def watch_rerun(page) -> float:
    """Arm the rerun observer; return the page clock's now, the start of the timing."""
    page.evaluate(_RERUN_OBSERVER)
    return page.evaluate("performance.now()")


def rerun_seconds(page, start: float, timeout_ms: float = 120_000) -> float:
    """Seconds from `start` until the armed rerun finished and the next frame was drawn."""
    page.wait_for_function("window.__cf.done !== null", timeout=timeout_ms)
    page.evaluate(_NEXT_FRAME)
    seconds = (page.evaluate("performance.now()") - start) / 1000
    idle(page)
    return seconds


def _measure(url: str, runs: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    timings: dict[str, list[float]] = {"portfolio": [], "dependencies": [], "slider": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        page.set_default_timeout(120_000)
        page.goto(url)
        idle(page)

        def open_page(title: str) -> float:
            start = watch_rerun(page)
            page.locator("[data-testid='stSidebarNav'] a", has_text=title).first.click()
            return rerun_seconds(page, start)

        for run in range(runs):
            timings["portfolio"].append(open_page("Portfolio"))
            timings["dependencies"].append(open_page("Dependencies"))
            open_page("Scoring model")
            thumb = page.locator("[data-testid='stSlider'] input[type='range']").first
            thumb.focus()
            start = watch_rerun(page)
            thumb.press("ArrowLeft" if run % 2 else "ArrowRight")
            timings["slider"].append(rerun_seconds(page, start))
        if page.locator("[data-testid='stException']").count():
            raise RuntimeError("the app showed an exception")
        browser.close()
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000, help="applications in the synthetic inventory")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    from benchmarks.generate import generate_inventory, write_inventory_xlsx

    out = ROOT / "benchmarks" / "out"
    inventory = out / f"app_{args.size}.xlsx"
    if not inventory.exists():
        write_inventory_xlsx(*generate_inventory(args.size), inventory)
    with serve_app(inventory, out / "app_streamlit.log") as url:
        timings = _measure(url, args.runs)
    print(f"app timings at {args.size:,} applications, {args.runs} runs (seconds, median):")
    for name, values in timings.items():
        print(
            f"  {name:<13} {statistics.median(values):6.2f}   runs: {', '.join(f'{v:.2f}' for v in values)}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
