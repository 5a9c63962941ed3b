"""Uploads through the real app server: ten at once, then fifty sessions one after another.

    python -m benchmarks.app_uploads [--size 10000] [--sessions 10] [--memory-sessions 50]
                                     [--out docs/uploads-performance.md]

Starts `streamlit run` (the harness of `benchmarks.app`) and drives it with
headless Chromium. **Concurrent**: `--sessions` tabs upload different
`--size`-application workbooks at the same moment; each upload's latency runs
from handing the file to the browser until the Inventory page shows its
counts and the rerun has finished (the file read in the sandbox, scored and
planned). Meanwhile a thread asks the server's health endpoint every 0.2 s
(the server stays responsive when that answer stays quick) and samples the
resident memory of the server and of the sandbox processes it forks.
**Memory**: `--memory-sessions` sessions one after another, each in a fresh
browser context that uploads its own workbook, waits for the counts and
closes; the server's resident memory is read after each, then again once
Streamlit has dropped the disconnected sessions. Every file differs, so no
upload is served from another's cache entry.

Writes the results as Markdown to `--out` (a report, never a test; this
machine's other load shows in the numbers).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import statistics
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.app import CHROMIUM, CHROMIUM_ARGS, IDLE, ROOT, serve_app
from benchmarks.report import kept_notes

OUT = ROOT / "benchmarks" / "out"
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
# Streamlit drops a session this many seconds after its browser disconnected (server.disconnectedSessionTTL).
DISCONNECTED_TTL = 20
UPLOAD_TIMEOUT_MS = 300_000


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            tree.setdefault(parent, []).append(int(entry))
    return tree


def rss(pid: int) -> int:
    """Resident memory of one process in bytes (0 once it has ended)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants (the sandbox's fork server and children)."""
    return tree_total(pid, rss)


def tree_total(pid: int, measure: Callable[[int], int]) -> int:
    """`measure` summed over a process and all its descendants."""
    tree, total, todo = _children(), 0, [pid]
    while todo:
        current = todo.pop()
        total += measure(current)
        todo.extend(tree.get(current, ()))
    return total


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def tree_cpu(pid: int) -> float:
    """CPU seconds used by a process, its descendants and the children they have reaped (the
    sandbox's children are reaped by its fork server): the app's own work, whatever else runs."""
    tree, total, todo = _children(), 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
        except (OSError, IndexError, ValueError):
            pass
        todo.extend(tree.get(current, ()))
    return total / CLOCK_TICKS


def machine_cpu() -> float:
    """CPU seconds all processes on this machine have used (user, nice, system, irq, softirq):
    besides the app, the browser drawing the pages and whatever else runs here."""
    with open("/proc/stat", encoding="ascii") as stat:
        fields = stat.readline().split()[1:]
    return sum(int(fields[i]) for i in (0, 1, 2, 5, 6)) / CLOCK_TICKS


def _server_pid() -> int:
    """The `streamlit run` process that `serve_app` started: this process's child running streamlit."""
    for child in _children().get(os.getpid(), []):
        with open(f"/proc/{child}/cmdline", "rb") as cmdline:
            if b"streamlit" in cmdline.read():
                return child
    raise RuntimeError("the app server process was not found")


@dataclass
class Watch:
    """Samples the server's memory and health-check latency in a thread until stopped."""

    pid: int
    url: str
    server_peak: int = 0
    tree_peak: int = 0
    health: list[float] = field(default_factory=list)
    failures: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        while not self._stop.is_set():
            self.server_peak = max(self.server_peak, rss(self.pid))
            self.tree_peak = max(self.tree_peak, tree_rss(self.pid))
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=30) as response:
                    response.read()
                self.health.append(time.perf_counter() - started)
            except OSError:
                self.failures += 1
            self._stop.wait(0.2)

    def __enter__(self) -> Watch:
        self._thread = threading.Thread(target=self.run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def write_workbooks(size: int, count: int, folder: Path) -> list[Path]:
    """`count` workbooks of `size` applications that differ in one cell, so none shares a cache entry."""
    from benchmarks.generate import generate_inventory, write_inventory_xlsx

    apps, deps = generate_inventory(size)
    paths = []
    for i in range(count):
        path = folder / f"upload_{size}_{i:02d}.xlsx"
        if not path.exists():
            apps.loc[apps.index[0], "name"] = f"Cổng dịch vụ công {i}"
            write_inventory_xlsx(apps, deps, path)
        paths.append(path)
    return paths


async def _idle(page) -> None:
    await page.wait_for_selector("[data-testid='stApp']")
    await page.wait_for_timeout(300)
    await page.wait_for_selector(IDLE)


# The inventory uploader's own input: the page has a second one (a mapping file, in the collapsed
# mapping step) that refuses a workbook without a word where nobody sees it.
INVENTORY_INPUT = "[data-testid='stFileUploaderDropzoneInput'][accept*='.xlsx']"
_SHOWN_OR_FAILED = """name => {
    const shown = [...document.querySelectorAll("[data-testid='stMarkdownContainer']")]
        .some(e => e.innerText.includes(name));
    return shown || document.querySelector("[data-testid='stAlertContentError'], [data-testid='stException']") !== null;
}"""


class UploadFailed(RuntimeError):
    """The app showed an error instead of the uploaded file's counts."""


async def _upload(page, path: Path) -> float:
    """Seconds from handing the file to the browser until its counts are shown and the rerun is over."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    started = time.perf_counter()
    await page.locator(INVENTORY_INPUT).set_input_files(str(path))
    try:
        await page.wait_for_function(_SHOWN_OR_FAILED, arg=path.name, polling=250, timeout=UPLOAD_TIMEOUT_MS)
    except PlaywrightTimeout:
        raise UploadFailed(
            f"{path.name}: neither its counts nor an error within {UPLOAD_TIMEOUT_MS // 1000} s; "
            + await _what_shows(page, path)
        ) from None
    await _idle(page)
    seconds = time.perf_counter() - started
    failed = page.locator("[data-testid='stAlertContentError'], [data-testid='stException']")
    if await failed.count():
        raise UploadFailed(f"{path.name}: {(await failed.first.inner_text())[:300]}")
    return seconds


_STATE = """() => {
    const app = document.querySelector("[data-testid='stApp']");
    const uploaders = [...document.querySelectorAll("[data-testid='stFileUploader']")];
    const alerts = [...document.querySelectorAll("[data-testid='stAlert']")].map(e => e.innerText);
    return {script: app && app.getAttribute('data-test-script-state'),
            uploaders: uploaders.map(e => e.innerText.slice(0, 200)),
            alerts: alerts, connection: document.querySelector("[data-testid='stStatusWidget']")?.innerText};
}"""


async def _what_shows(page, path: Path) -> str:
    """What the page showed when an upload neither finished nor failed: the script state, the
    uploader's own text (a failed transfer shows there), alerts; a screenshot is kept beside the log."""
    try:
        shown = await page.evaluate(_STATE)
        await page.screenshot(path=str(OUT / f"hang_{path.stem}.png"), full_page=True)
    except Exception as error:  # the page itself is gone
        return f"the page could not be inspected ({type(error).__name__})"
    return f"page state {shown}"


async def _open(browser, url: str):
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(300_000)
    await page.goto(url)
    await _idle(page)
    return context, page


@dataclass
class Concurrent:
    sessions: int
    latencies: list[float]
    wall: float
    alone: float
    server_before: int
    cpu_seconds: float
    alone_cpu_seconds: float
    machine_cpu_seconds: float
    server_peak: int
    tree_peak: int
    health: list[float]
    health_failures: int
    failures: list[str]


@dataclass
class Sessions:
    fresh: int
    count: int
    after: list[int]
    baseline: int
    settled: int
    settle_seconds: float
    failures: list[str]


async def _concurrent(url: str, pid: int, files: list[Path], alone_file: Path) -> Concurrent:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context, page = await _open(browser, url)
        alone_cpu = tree_cpu(pid)
        alone = await _upload(page, alone_file)
        alone_cpu = tree_cpu(pid) - alone_cpu
        await context.close()
        opened = [await _open(browser, url) for _ in files]
        before = rss(pid)
        with Watch(pid, url) as watch:
            started, cpu, everything = time.perf_counter(), tree_cpu(pid), machine_cpu()
            outcomes = await asyncio.gather(
                *(_upload(p, f) for (_, p), f in zip(opened, files)), return_exceptions=True
            )
            wall = time.perf_counter() - started
            cpu, everything = tree_cpu(pid) - cpu, machine_cpu() - everything
        for context, _ in opened:
            await context.close()
        await browser.close()
    for outcome in outcomes:
        if isinstance(outcome, BaseException) and not isinstance(outcome, UploadFailed):
            raise outcome
    latencies = [o for o in outcomes if isinstance(o, float)]
    failures = [str(o) for o in outcomes if isinstance(o, UploadFailed)]
    return Concurrent(
        len(files), latencies, wall, alone, before, cpu, alone_cpu, everything, watch.server_peak, watch.tree_peak, watch.health,
        watch.failures, failures,
    )  # fmt: skip


async def _sequential(url: str, pid: int, files: list[Path], fresh: int) -> Sessions:
    from playwright.async_api import async_playwright

    if not files:
        now = rss(pid)
        return Sessions(fresh, 0, [], now, now, 0.0, [])
    settle = DISCONNECTED_TTL + 15
    time.sleep(settle)  # the concurrent phase's sessions closed; Streamlit may keep them a little longer
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        baseline = rss(pid)
        after = []
        failures = []
        for i, path in enumerate(files, start=1):
            context, page = await _open(browser, url)
            try:
                seconds = await _upload(page, path)
            except UploadFailed as error:
                failures.append(str(error))
                seconds = float("nan")
            await context.close()
            after.append(rss(pid))
            print(f"session {i}: {seconds:.1f} s, server {_mb(after[-1])}", flush=True)
        await browser.close()
    time.sleep(settle)
    return Sessions(fresh, len(files), after, baseline, rss(pid), settle, failures)


def _mb(value: float) -> str:
    return f"{value / 2**20:,.0f} MB"


def load_average() -> str:
    """The machine's 1-minute load average: other work on the same cores shows in every timing."""
    with open("/proc/loadavg", encoding="ascii") as loadavg:
        return loadavg.read().split()[0]


TARGET_SECONDS = 10.0


def _verdict(concurrent: Concurrent, load: list[str]) -> str:
    """Whether all uploads rendered within the target, and what the app's own CPU says a quiet machine would do."""
    cores = os.cpu_count() or 1
    floor = concurrent.cpu_seconds / cores
    met = concurrent.wall <= TARGET_SECONDS and not concurrent.failures
    busy = max(float(value) for value in load) > cores
    return (
        f"**Verdict:** all {concurrent.sessions} rendered within about {TARGET_SECONDS:g} s: "
        + ("**met**" if met else "**not met**")
        + f" ({concurrent.wall:.1f} s). The app's own work for them was {concurrent.cpu_seconds:.1f} s of "
        f"CPU, so on {cores} otherwise idle cores they cannot take less than {floor:.1f} s"
        + (
            f"; with a load average of {max(float(value) for value in load):.1f} on {cores} cores the app "
            "got only a share of them, so the wall clock above says more about the machine than the app."
            if busy
            else "."
        )
    )


def _report(size: int, concurrent: Concurrent, sessions: Sessions, command: str, load: list[str]) -> str:
    lat = sorted(concurrent.latencies) or [float("nan")]
    health = sorted(concurrent.health) or [float("nan")]
    lines = [
        "# Uploads through the app server",
        "",
        f"Measured by `{command}` (`make bench-app`) on "
        f"{dt.date.today().isoformat()}, {os.cpu_count()} cores, Python {platform.python_version()}: "
        f"a real `streamlit run` driven by headless Chromium, {size:,}-application workbooks "
        "(`benchmarks.generate`), every file different. This machine is shared (1-minute load "
        f"average {' → '.join(load)} over the run, on {os.cpu_count()} cores), so the timings carry "
        "its other load; read them as an upper bound.",
        "",
        f"## {concurrent.sessions} concurrent uploads",
        "",
        "Latency: from handing the file to the browser until the Inventory page shows its counts "
        "and the rerun is over (read in the sandbox, scored, planned, drawn).",
        "",
        "| measure | value |",
        "|---|---|",
        f"| one upload alone | {concurrent.alone:.1f} s ({concurrent.alone_cpu_seconds:.1f} s of CPU) |",
        f"| all {concurrent.sessions} done (wall clock) | {concurrent.wall:.1f} s |",
        f"| latency per upload: median / slowest | {statistics.median(lat):.1f} s / {lat[-1]:.1f} s |",
        f"| latency per upload, each | {', '.join(f'{v:.1f}' for v in lat)} s |",
        f"| CPU used by the server and its sandbox for the {concurrent.sessions} | "
        f"{concurrent.cpu_seconds:.1f} s: at least {concurrent.cpu_seconds / (os.cpu_count() or 1):.1f} s "
        f"of wall clock on {os.cpu_count()} otherwise idle cores |",
        f"| CPU used meanwhile by everything else on the machine (the browser drawing the pages, "
        f"the benchmark, other load) | {concurrent.machine_cpu_seconds - concurrent.cpu_seconds:.1f} s |",
        f"| server memory before / peak | {_mb(concurrent.server_before)} / {_mb(concurrent.server_peak)} |",
        f"| peak with the sandbox processes | {_mb(concurrent.tree_peak)} |",
        f"| health check during the uploads: median / slowest | "
        f"{1000 * statistics.median(health):.0f} ms / {1000 * health[-1]:.0f} ms "
        f"({len(concurrent.health)} checks, {concurrent.health_failures} failed) |",
        "",
        f"Uploads that ended in an error instead of their counts: {len(concurrent.failures)}.",
        *(f"- {failure}" for failure in concurrent.failures),
        "",
        _verdict(concurrent, load),
        "",
        *_memory_section(sessions, concurrent),
    ]
    return "\n".join(lines)


def _memory_section(sessions: Sessions, concurrent: Concurrent) -> list[str]:
    """The memory phase's table and reading; nothing when it was not run (`--memory-sessions 0`)."""
    if not sessions.count:
        return []
    marks = sorted({0, 9, 24, len(sessions.after) - 1} & set(range(len(sessions.after))))
    later = sessions.after[len(sessions.after) // 2 :]
    first_growth = sessions.after[len(sessions.after) // 2] - sessions.baseline
    return [
        f"## Memory over {sessions.count} sessions",
        "",
        "Each session opens the app in a fresh browser context, uploads its own workbook, waits for "
        "the counts and closes; Streamlit drops a closed session after "
        f"{DISCONNECTED_TTL} s (`server.disconnectedSessionTTL`). Heavy results are held by the "
        "sessions that use them (a few entries each, none unused for 20 minutes) and shared "
        "through weak references (`cloudfit/ui/shared_cache.py`), so they go when their sessions "
        "go. Resident memory of the server process:",
        "",
        "| after | server memory |",
        "|---|---|",
        f"| the server started (no session yet) | {_mb(sessions.fresh)} |",
        f"| before the concurrent uploads (one session on a 10,000-row file) | {_mb(concurrent.server_before)} |",
        f"| {sessions.settle_seconds:.0f} s after the concurrent phase's sessions closed | {_mb(sessions.baseline)} |",
        *(f"| session {i + 1} | {_mb(sessions.after[i])} |" for i in marks),
        f"| {sessions.settle_seconds:.0f} s after the last session closed | {_mb(sessions.settled)} |",
        "",
        f"Peak {_mb(max(sessions.after))}. Over the first half of the sessions memory grew by "
        f"{_mb(first_growth)}, over the second half by {_mb(later[-1] - later[0])} "
        f"(between {_mb(min(later))} and {_mb(max(later))}): "
        + (
            "it does not grow with the number of sessions."
            if later[-1] - later[0] < max(first_growth, 1) / 2
            else "it was still growing at the end of the run."
        )
        + f" {sessions.settle_seconds:.0f} s after the last session closed the server held "
        f"{_mb(sessions.settled)}, {_mb(sessions.settled - concurrent.server_before)} more than before "
        "the concurrent uploads.",
        "",
        f"Sessions whose upload ended in an error instead of its counts: {len(sessions.failures)}.",
        *(f"- {failure}" for failure in sessions.failures),
        "",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000, help="applications per uploaded workbook")
    parser.add_argument("--sessions", type=int, default=10, help="concurrent uploads")
    parser.add_argument("--memory-sessions", type=int, default=50, help="sessions one after another")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "uploads-performance.md")
    args = parser.parse_args(argv)
    folder = OUT / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    files = write_workbooks(args.size, 1 + args.sessions + args.memory_sessions, folder)
    alone, together, apart = files[0], files[1 : 1 + args.sessions], files[1 + args.sessions :]
    startup = ROOT / "app_inventories" / "sample_vietnam.xlsx"
    os.environ["STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL"] = str(DISCONNECTED_TTL)
    os.environ["STREAMLIT_SERVER_FILE_WATCHER_TYPE"] = "none"  # the server runs the code it started with
    load = [load_average()]
    with serve_app(startup, OUT / "uploads_streamlit.log") as url:
        pid = _server_pid()
        fresh = rss(pid)
        concurrent = asyncio.run(_concurrent(url, pid, together, alone))
        print(f"{args.sessions} concurrent uploads: all done in {concurrent.wall:.1f} s")
        load.append(load_average())
        sessions = asyncio.run(_sequential(url, pid, apart, fresh))
        load.append(load_average())
    command = f"python -m benchmarks.app_uploads --size {args.size} --sessions {args.sessions}"
    command += f" --memory-sessions {args.memory_sessions}"
    report = _report(args.size, concurrent, sessions, command, load)
    args.out.write_text(report + kept_notes(args.out), encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
