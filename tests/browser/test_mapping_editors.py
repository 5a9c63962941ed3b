"""The mapping step's tables in a real headless Chromium: a name-only list mapped without writing a file.

AppTest cannot type into `st.data_editor`, so the parts of a version-2
mapping that live in editable tables (a column's field, more fields from one
column, fixed values, value translations) are driven here as an analyst
would: click a cell, type, press Enter. The mapping is then applied, its
result checked on the page, saved with the step's download button, and the
saved file read back by the command line (`assess --mapping`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from benchmarks.app import CHROMIUM, CHROMIUM_ARGS, idle
from cloudfit.cli import main
from tests.browser.served import app_tab, served_app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
# No ID, no owner agency; hosting written the provider's way; dependencies by application name.
NAMES = (
    "System,Purpose,Where,Uses\n"
    "Cổng dịch vụ công,Public services portal,Amazon Web Services,Thư điện tử\n"
    "Thư điện tử,Email,VMware,\n"
    "Quản lý văn bản,Document management,VMware,Cổng dịch vụ công; Thư điện tử\n"
)
OWNER = "Bộ Tài chính"
ROW = 35  # pixels per row of a data editor, the header row included


@pytest.fixture(scope="module")
def page() -> Iterator:
    from playwright.sync_api import sync_playwright

    with served_app(ARTIFACTS / "streamlit_mapping_editors.log") as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # Tall enough that the whole mapping step shows without scrolling: cells are clicked by position.
        with app_tab(browser, url, height=2400) as tab:
            yield tab
        browser.close()


def _editor(page, index: int):
    """The mapping step's tables in order: columns, more fields, fixed values, translations."""
    return page.locator("[data-testid='stExpander'] [data-testid='stDataFrame']").nth(index)


def _type_into(page, index: int, column: float, row: int, text: str, *, new_row: bool = False) -> None:
    """Type `text` into a cell (`column` as a fraction of the table's width) and press Enter.

    A click on the empty last row adds a row and opens the cell's editor; a cell of an existing
    row is selected with a click and opened with Enter. A select cell takes the first option the
    text matches.
    """
    box = _editor(page, index).bounding_box()
    page.mouse.click(box["x"] + column * box["width"], box["y"] + ROW * (row + 1) + ROW / 2)
    page.wait_for_timeout(400)
    if not new_row:
        page.keyboard.press("Enter")
        page.wait_for_timeout(400)
    page.keyboard.type(text, delay=20)
    page.wait_for_timeout(200)
    page.keyboard.press("Enter")
    idle(page)


def _cells(page, index: int) -> list[str]:
    return [c.text_content() or "" for c in _editor(page, index).locator("[role='gridcell']").all()]


def test_a_name_only_list_is_mapped_in_the_step_applied_and_saved_for_the_command_line(page, tmp_path):
    names = ARTIFACTS / "names_for_mapping.csv"
    names.parent.mkdir(parents=True, exist_ok=True)
    names.write_text(NAMES, encoding="utf-8")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(names))
    idle(page)
    page.locator("[data-testid='stAlertContentError']", has_text="names_for_mapping.csv").first.wait_for()
    idle(page)

    # the column table: Where holds the hosting, Uses the applications each one depends on
    _type_into(page, 0, 0.5, 2, "hosting")
    _type_into(page, 0, 0.5, 3, "depends_on")
    # one column feeding a second field: Purpose (read as the description) is also the business domain
    _type_into(page, 1, 0.3, 0, "Purpose", new_row=True)
    _type_into(page, 1, 0.6, 0, "business_domain")
    assert _cells(page, 1)[:2] == ["Purpose", "business_domain"]
    # a fixed owner agency the file does not have
    _type_into(page, 2, 0.2, 0, "owner_agency", new_row=True)
    _type_into(page, 2, 0.75, 0, OWNER)
    # a value translation: the provider's name is public cloud
    _type_into(page, 3, 0.15, 0, "hosting", new_row=True)
    _type_into(page, 3, 0.5, 0, "Amazon Web Services")
    _type_into(page, 3, 0.85, 0, "public cloud")
    assert _cells(page, 2)[:2] == ["owner_agency", OWNER]
    assert _cells(page, 3)[:3] == ["hosting", "Amazon Web Services", "public cloud"]
    # generated ids, dependencies matched by name
    page.locator("[data-testid='stRadio'] label", has_text="the application name").first.click()
    idle(page)
    page.locator("[data-testid='stRadio'] label", has_text="its name").last.click()
    idle(page)
    page.screenshot(path=str(ARTIFACTS / "mapping_editors.png"), full_page=True)

    page.get_by_role("button", name="Apply the mapping").first.click()
    idle(page)
    assessed = page.locator("[data-testid='stMetric']", has_text="Assessed").first
    expect(assessed.locator("[data-testid='stMetricValue']")).to_have_text("3", timeout=30_000)
    links = page.locator("[data-testid='stMetric']", has_text="Dependencies").first
    expect(links.locator("[data-testid='stMetricValue']")).to_have_text("3")
    expect(page.locator("[data-testid='stAlertContentError']")).to_have_count(0)
    applications = page.locator("[data-testid='stDataFrame']").last
    expect(applications.locator("[role='gridcell']", has_text=OWNER)).to_have_count(3)
    # every hosting was understood: none is left to collect, no value was refused
    collect = page.locator("[data-testid='stDataFrame']", has_text="Applications lacking it").first
    expect(collect.locator("[role='gridcell']", has_text="Operating system")).to_have_count(1)
    expect(collect.locator("[role='gridcell']", has_text="Current hosting")).to_have_count(0)
    assert page.get_by_text("is not a valid Current hosting").count() == 0

    # the step stays open after applying: the mapping that worked can be saved at once
    with page.expect_download() as download:
        page.get_by_role("button", name="Save the mapping (.yaml)").first.click()
    saved = tmp_path / "mapping.yaml"
    download.value.save_as(saved)
    assert page.locator("[data-testid='stException']").count() == 0

    result = tmp_path / "result.json"
    assert main(["assess", str(names), "--mapping", str(saved), "--json", str(result)]) == 0
    data = json.loads(result.read_text(encoding="utf-8"))
    apps = {a["app_id"]: a for a in data["applications"]}
    assert set(apps) == {"Cổng dịch vụ công", "Thư điện tử", "Quản lý văn bản"}
    assert {a["owner_agency"] for a in apps.values()} == {OWNER}
    assert apps["Cổng dịch vụ công"]["inputs"]["hosting"] == "public_cloud"
    assert apps["Thư điện tử"]["inputs"]["hosting"] == "virtualized"
    assert apps["Quản lý văn bản"]["inputs"]["business_domain"] == "Document management"
    assert {(d["app_id"], d["depends_on"]) for d in data["dependencies"]} == {
        ("Cổng dịch vụ công", "Thư điện tử"),
        ("Quản lý văn bản", "Cổng dịch vụ công"),
        ("Quản lý văn bản", "Thư điện tử"),
    }


def test_an_azure_server_list_gets_its_application_column_in_the_step(page):
    """Azure Migrate's import has no application column: the analyst names one in the step."""
    header = (
        "*Server name,*Cores,*Memory (In MB),*OS name,CPU utilization percentage,Disk 1 size (In GB),Workload"
    )
    servers = ARTIFACTS / "azure_servers.csv"
    servers.write_text(
        f"{header}\n"
        "web01,4,8192,Microsoft Windows Server 2016 (64-bit),20,128,eOffice\n"
        "db01,8,32768,Red Hat Enterprise Linux 7.1,35,256,eOffice\n"
        "gis01,2,4096,Ubuntu 22.04,50,64,GIS\n",
        encoding="utf-8",
    )
    page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(servers))
    idle(page)
    page.locator("[data-testid='stAlertContentError']", has_text="names an application").first.wait_for()
    idle(page)
    caption = page.locator(
        "[data-testid='stCaptionContainer']", has_text="Read as Azure Migrate server import CSV"
    )
    expect(caption).to_have_count(1)  # the step says which format it chose
    _type_into(page, 1, 0.3, 0, "Workload", new_row=True)
    _type_into(page, 1, 0.6, 0, "application")
    _type_into(page, 2, 0.2, 0, "owner_agency", new_row=True)
    _type_into(page, 2, 0.75, 0, "Cục Thuế")
    assert _cells(page, 1)[:2] == ["Workload", "application"]
    page.get_by_role("button", name="Apply the mapping").first.click()
    idle(page)
    assessed = page.locator("[data-testid='stMetric']", has_text="Assessed").first
    expect(assessed.locator("[data-testid='stMetricValue']")).to_have_text("2", timeout=30_000)
    expect(page.get_by_text("Servers: 3 read, 3 grouped into 2 applications, 0 unassigned")).to_have_count(1)
    expect(page.locator("[data-testid='stAlertContentError']")).to_have_count(0)
    idle(page)
    page.screenshot(path=str(ARTIFACTS / "mapping_servers.png"), full_page=True)
