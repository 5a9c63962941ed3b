"""The mapping step in a real headless Chromium, in each language: unknown headers, mapped, kept across pages.

An analyst uploads a list whose headers cloudfit does not know, starts the
mapping, looks at another page, comes back to finish it, applies it with
one click and moves on: nothing of it may be lost on the way.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from benchmarks.app import CHROMIUM, CHROMIUM_ARGS, idle
from cloudfit.i18n import t
from tests.browser.served import app_tab, served_app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
LANGUAGES = {"en": "English", "vi": "Tiếng Việt"}  # the sidebar's language switch
NAMES = "Tên hệ thống,Mô tả\nCổng dịch vụ công,Cổng\nThư điện tử,Email\n"  # no ID column: must be mapped


@pytest.fixture(scope="module")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with served_app(ARTIFACTS / "streamlit_mapping.log") as url, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium, url
        chromium.close()


@pytest.fixture(params=list(LANGUAGES))
def page(browser, request) -> Iterator:
    """A new session of the app in the language of the test (switched in the sidebar)."""
    chromium, url = browser
    with app_tab(chromium, url) as tab:
        if request.param != "en":
            tab.locator("[data-testid='stSidebar'] label", has_text=LANGUAGES[request.param]).click()
            idle(tab)
        tab.lang = request.param
        yield tab


def _open(page, title: str) -> None:
    page.locator("[data-testid='stSidebarNav'] a", has_text=title).first.click()
    idle(page)
    page.get_by_role("heading", name=title).first.wait_for()


def _ids_by_name(page):
    """The 'Application IDs: the application name' choice of the mapping step."""
    return page.locator("[data-testid='stRadio'] label", has_text=t("ui.mapping.ids.name", page.lang)).first


def _shows_results_without_error(page, assessed: str) -> None:
    """Wait (the apply reruns the page once more) until the results show and no error is left."""
    metric = page.locator("[data-testid='stMetric']", has_text=t("ui.inventory.assessed", page.lang)).first
    expect(metric.locator("[data-testid='stMetricValue']")).to_have_text(assessed, timeout=30_000)
    expect(page.locator("[data-testid='stAlertContentError']")).to_have_count(0, timeout=30_000)


def test_a_mapping_is_kept_across_pages_and_applied_with_one_click(page) -> None:
    names = ARTIFACTS / "names.csv"
    names.write_text(NAMES, encoding="utf-8")
    page.locator("[data-testid='stFileUploaderDropzoneInput'][accept*='.xlsx']").set_input_files(str(names))
    idle(page)
    page.locator("[data-testid='stAlertContentError']", has_text="names.csv").first.wait_for()

    _ids_by_name(page).click()  # an edit of the mapping, not yet applied
    idle(page)
    _open(page, t("ui.page.portfolio", page.lang))
    _open(page, t("ui.page.inventory", page.lang))
    assert page.locator("[data-testid='stAlertContentError']", has_text="names.csv").count() == 1
    assert _ids_by_name(page).locator("input").is_checked()  # the edit came back with the page

    page.get_by_role("button", name=t("ui.inventory.mapping.apply", page.lang)).first.click()  # one click
    idle(page)
    _shows_results_without_error(page, "2")

    _open(page, t("ui.page.roadmap", page.lang))
    _open(page, t("ui.page.inventory", page.lang))
    _shows_results_without_error(page, "2")  # the mapped file is still the one assessed
    page.get_by_text("names.csv").first.wait_for()
    assert page.locator("[data-testid='stException']").count() == 0
    page.screenshot(path=str(ARTIFACTS / f"mapping_kept_{page.lang}.png"))
