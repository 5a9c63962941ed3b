"""Two users in two browser contexts on one shared workspace: each sees what their role and agencies allow."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.app import CHROMIUM, CHROMIUM_ARGS, AppDidNotStart, idle, serve_app
from cloudfit.workspace.access import LOCAL_USER, add_user
from cloudfit.workspace.store import open_workspace
from cloudfit.workspace.submissions import submit

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
SAMPLE = ROOT / "app_inventories" / "sample_vietnam.xlsx"
A, B = "Bộ Khoa học và Công nghệ", "Bộ Tài chính"
HEADER = "app_id,name,owner_agency,security_level,architecture,hosting,users,depends_on\n"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        message = "Chromium is not installed at /usr/bin/chromium (make test installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    url = f"sqlite:///{tmp_path_factory.mktemp('workspace') / 'workspace.db'}"
    ws = open_workspace(url)
    submit(
        ws, (HEADER + "MOST-1,Cổng,Bộ KH&CN,2,Web,VM,50,MOF-1\n").encode(), A, LOCAL_USER, filename="a.csv"
    )
    submit(ws, (HEADER + "MOF-1,Thuế,Bộ Tài chính,3,Web,VM,9,\n").encode(), B, LOCAL_USER, filename="b.csv")
    add_user(ws, "ana", "analyst", [A], password="ana-password-1")
    add_user(ws, "phuong", "planner", password="phuong-password-1")
    ws.close()
    previous = os.environ.get("CLOUDFIT_DATABASE_URL")
    os.environ["CLOUDFIT_DATABASE_URL"] = url
    try:
        with serve_app(SAMPLE, ARTIFACTS / "streamlit-workspace.log") as address:
            yield address
    except AppDidNotStart as error:
        pytest.fail(str(error))
    finally:
        if previous is None:
            os.environ.pop("CLOUDFIT_DATABASE_URL", None)
        else:
            os.environ["CLOUDFIT_DATABASE_URL"] = previous


def _sign_in(browser, server: str, name: str, password: str):
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{server}/workspace")
    idle(page)
    page.get_by_role("textbox", name="User name").fill(name)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    idle(page)
    page.get_by_text(f"Signed in as {name}").first.wait_for()
    return context, page


def _agencies(page) -> list[str]:
    page.locator("[data-testid='stTable'] tbody th").first.wait_for()
    idle(page)
    return [cell.strip() for cell in page.locator("[data-testid='stTable'] tbody th").all_inner_texts()]


def test_an_analyst_and_a_planner_see_only_what_their_role_and_agencies_allow(server) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        analyst_context, analyst = _sign_in(browser, server, "ana", "ana-password-1")
        planner_context, planner = _sign_in(browser, server, "phuong", "phuong-password-1")
        try:
            assert _agencies(analyst) == [A]
            assert _agencies(planner) == [A, B]
            # the analyst may submit for their agency; the planner has no submit form
            assert analyst.get_by_text("Submit an inventory").count() == 1
            assert planner.get_by_text("Submit an inventory").count() == 0
            for page, name in ((analyst, "analyst"), (planner, "planner")):
                assert page.locator("[data-testid='stException']").count() == 0
                page.screenshot(path=str(ARTIFACTS / f"workspace-{name}.png"))
            # a sign-in belongs to its session: a new session (the reloaded tab) must sign in again,
            # while the other context stays signed in as the planner
            analyst.reload()
            idle(analyst)
            analyst.get_by_role("button", name="Sign in").wait_for()
            assert analyst.get_by_text("Signed in as").count() == 0
            assert _agencies(planner) == [A, B]
        finally:
            analyst_context.close()
            planner_context.close()
            browser.close()
