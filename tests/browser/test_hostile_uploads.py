"""Poisoned and hostile uploads in a real headless Chromium: a clear message, no traceback, no outside request.

The app is served from the bundled sample; the browser uploads a CSV whose
cells and file name carry links, images, HTML and spreadsheet formulas, then
a series of bombs and broken files (an XML entity bomb, declared-size lies,
a million columns, a cut and a bit-flipped workbook), a file over the size
limit (the uploader refuses it before sending) and a YAML alias bomb as a
scoring model. Each bomb must end in one error alert naming the file, the
server must keep serving, and no page may hold a link or image to, or ask
anything of, a host other than the app's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from benchmarks import hostile
from benchmarks.app import CHROMIUM, CHROMIUM_ARGS, _healthy, idle
from tests.browser.served import app_tab, served_app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "hostile"
LINK = "[click](https://evil.example/x)"
IMAGE = "![i](https://evil.example/i.png)"
POISON_CSV_NAME = "[x](https:evil.example) www.evil.example.csv"
FORMULA = '=HYPERLINK("https://evil.example/f","open")'
ERROR = "[data-testid='stAlertContentError']"
# Links, images, frames and scripts whose address leaves the page's own host (in-page anchors stay).
_OUTSIDE_JS = """() => [...document.querySelectorAll('a[href], img[src], iframe[src], script[src], link[href]')]
    .filter(e => new URL(e.href || e.src, location.href).host !== location.host)
    .map(e => e.outerHTML.slice(0, 200))"""


def _poisoned_csv() -> bytes:
    header = f'app_id,name,owner_agency,hosting,"{LINK} {IMAGE}"\n'
    rows = [
        f'P1,"{LINK} {IMAGE}",www.evil.example,"{FORMULA.replace(chr(34), chr(34) * 2)}",<img src=x onerror=alert(1)>',
        "P2,@SUM(1+1),a@evil.example,+cmd|' /C calc'!A0,-2+3",
        'P3,<script src=https://evil.example/s.js></script>,Bộ Tài chính,\tTAB,"\rCR"',
    ]
    return (header + "\n".join(rows) + "\n").encode()


def _oversize_csv() -> bytes:
    row = "A{},Ứng dụng {},Bộ Tài chính\n"
    body = "".join(row.format(i, i) for i in range(1_300_000)).encode()  # about 52 MB
    return b"app_id,name,owner_agency\n" + body


def _damaged_xlsx(flip: bool) -> bytes:
    """A valid workbook cut in half, or with one byte of compressed data flipped."""
    good = hostile.valid_xlsx(20)
    return good[:200] + bytes([good[200] ^ 0xFF]) + good[201:] if flip else good[: len(good) // 2]


BOMBS = {
    "entity-bomb.xlsx": hostile.entity_bomb_xlsx,
    "last-cell.xlsx": hostile.last_cell_xlsx,
    "dimension.xlsx": hostile.declared_dimension_xlsx,
    "truncated.xlsx": lambda: _damaged_xlsx(flip=False),
    "flipped.xlsx": lambda: _damaged_xlsx(flip=True),
    "shared-strings.xlsx": hostile.shared_string_bomb_xlsx,
    "repeated-row.ods": hostile.repeated_row_ods,
    "commas.csv": hostile.comma_csv,
}


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with served_app(ARTIFACTS / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="module")
def browsing(server: str):
    """A tab on the app, and every URL the browser asked for from its first load on."""
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with app_tab(browser, server, timeout_ms=90_000, requests=requests) as tab:
            yield tab, requests
        browser.close()


def _open(page, title: str) -> None:
    page.locator("[data-testid='stSidebarNav'] a", has_text=title).first.click()
    idle(page)
    page.get_by_role("heading", name=title).first.wait_for()


def _upload(page, name: str, data: bytes) -> None:
    path = ARTIFACTS / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    # the uploader that takes this kind of file: the Inventory page also holds a (hidden) mapping-file one
    accepts = f"[data-testid='stFileUploaderDropzoneInput'][accept*='{path.suffix}']"
    page.locator(accepts).first.set_input_files(str(path))
    idle(page)


def _text(page, selector: str) -> str:
    """The text a person reads in an element (the invisible word joiners that stop auto-links left out)."""
    return page.locator(selector).first.inner_text().replace("\u2060", "")


def _wait_for_text(page, selector: str, text: str) -> None:
    page.wait_for_function(
        "([selector, text]) => (document.querySelector(selector)?.innerText ?? '')"
        ".replaceAll('\\u2060', '').includes(text)",
        arg=[selector, text],
    )


def _inert(page, where: str) -> None:
    """No traceback, no exception box, no link, image or script that points outside the app."""
    assert page.locator("[data-testid='stException']").count() == 0, where
    assert "Traceback" not in page.locator("body").inner_text(), where
    assert page.evaluate(_OUTSIDE_JS) == [], where


def test_a_poisoned_inventory_is_assessed_and_shown_as_inert_text(browsing) -> None:
    page, _ = browsing
    _upload(page, POISON_CSV_NAME, _poisoned_csv())
    _wait_for_text(page, "[data-testid='stSidebar']", f"Inventory: {POISON_CSV_NAME}")
    idle(page)
    page.locator("[data-testid='stMetric']").first.wait_for()
    assert page.locator(ERROR).count() == 0
    assert POISON_CSV_NAME in _text(page, "[data-testid='stSidebar']"), (
        "the file name is shown as written, not as a link"
    )
    _inert(page, "inventory")
    for title in ("Portfolio", "Application", "Dependencies", "Roadmap"):
        _open(page, title)
        _inert(page, title)
    _open(page, "Application")
    assert f"{LINK} {IMAGE}" in _text(page, "body"), "the poisoned name reads as text"


@pytest.mark.parametrize("name", list(BOMBS))
def test_a_hostile_file_gives_one_clear_error_and_the_server_carries_on(browsing, server, name) -> None:
    page, _ = browsing
    _open(page, "Inventory")
    _upload(page, name, BOMBS[name]())
    alert = page.locator(ERROR, has_text=name).first
    alert.wait_for()
    assert page.locator(ERROR).count() == 1
    text = alert.inner_text()
    assert any(word in text for word in ("refused", "damaged", "could not be read safely", "limit")), text
    _inert(page, name)
    _open(page, "Portfolio")
    page.locator(ERROR, has_text=name).first.wait_for()
    assert page.locator(".js-plotly-plot").count() == 0, "no results of an earlier file under the error"
    assert _healthy(server)


def test_a_file_over_the_size_limit_is_refused_by_the_uploader_before_it_is_sent(browsing, server) -> None:
    page, _ = browsing
    _open(page, "Inventory")
    _upload(page, "oversize.csv", _oversize_csv())
    page.get_by_text("File must be 50.0MB or smaller").first.wait_for()
    _inert(page, "oversize")
    assert _healthy(server)


def test_an_alias_bomb_as_a_scoring_model_is_refused_with_a_message(browsing, server) -> None:
    page, _ = browsing
    _open(page, "Inventory")
    page.get_by_role("button", name="Back to the startup inventory").first.click()
    idle(page)
    _open(page, "Scoring model")
    _upload(page, "laughs.yaml", hostile.alias_bomb_yaml())
    page.locator(ERROR, has_text="laughs.yaml").first.wait_for()
    _inert(page, "scoring model")
    assert page.get_by_text("Default government cloud readiness model").count() >= 1
    assert _healthy(server)


def test_no_request_left_for_any_host_but_the_apps(browsing, server) -> None:
    _, requests = browsing
    assert len(requests) > 10, "the request log holds the session's requests"
    app = urlsplit(server).netloc
    hosts = {
        urlsplit(url).netloc for url in requests if urlsplit(url).scheme in ("http", "https", "ws", "wss")
    }
    assert hosts - {app} == set()
