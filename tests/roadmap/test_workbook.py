"""The roadmap workbook from a hand-made assessment: sheets, safety, determinism, content."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest
import python_calamine
from roadmap_factory import AS_OF, HOSTILE, make_assessment

from cloudfit import i18n
from cloudfit.errors import CloudfitError
from cloudfit.fields import FIELDS
from cloudfit.roadmap import SHEETS, roadmap_bytes, write_roadmap

EN_SHEETS = ["Summary", "Roadmap", "Applications", "Explanations", "Waves", "Move groups", "Dependencies",
             "Decommission", "Budget", "Costs", "Findings", "Model", "Robustness", "Sensitivity", "Servers",
             "Worth collecting"]  # fmt: skip


def _open(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _rows(ws) -> list[list]:
    return [list(row) for row in ws.iter_rows(values_only=True)]


def _fill(cell) -> str | None:
    rgb = cell.fill.fgColor.rgb if cell.fill and cell.fill.fill_type == "solid" else None
    return "#" + rgb[-6:] if isinstance(rgb, str) else None


@pytest.fixture(scope="module")
def assessment():
    return make_assessment(HOSTILE[:5])


@pytest.fixture(scope="module")
def book(assessment):
    return _open(roadmap_bytes(assessment))


def test_sheets_come_in_roadmap_order_named_in_the_chosen_language(assessment):
    assert _open(roadmap_bytes(assessment)).sheetnames == EN_SHEETS
    vi = _open(roadmap_bytes(assessment, "vi")).sheetnames
    assert vi == [i18n.sheet_name(key, "vi") for key, _ in SHEETS]
    assert vi[2] == "Ứng dụng" and vi[6] == "Phụ thuộc"


@pytest.mark.parametrize("names", [HOSTILE[:5], HOSTILE[5:]])
def test_text_that_looks_like_a_formula_is_stored_as_text(names):
    data = roadmap_bytes(make_assessment(names))
    book = _open(data)
    for ws in book.worksheets:
        formulas = [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
        assert formulas == [], ws.title
    # calamine (the reader cloudfit uses) decodes every character, \r included
    sheet = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("Applications")
    names_read = [row[1] for row in sheet.to_python()[1 : len(names) + 1]]
    assert names_read == list(names)
    apps = book["Applications"]
    extra = [c.value for c in apps["AN"][1:]]  # the first column after the canonical fields
    assert "=1+1" in extra and "@secret" in extra


def test_findings_and_dependency_notes_that_look_like_formulas_stay_text(book):
    findings = _rows(book["Findings"])
    assert [row[5] for row in findings[1:] if row[5]] == ["=cmd"]
    deps = _rows(book["Dependencies"])
    assert deps[1][3] == "-reads citizen data"


def test_same_assessment_gives_a_byte_identical_workbook(assessment):
    assert roadmap_bytes(assessment) == roadmap_bytes(make_assessment(HOSTILE[:5]))
    assert roadmap_bytes(assessment, "vi") == roadmap_bytes(assessment, "vi")


def test_workbook_timestamp_is_the_assessment_date(assessment):
    core = zipfile.ZipFile(io.BytesIO(roadmap_bytes(assessment))).read("docProps/core.xml").decode()
    assert f"{AS_OF.isoformat()}T00:00:00Z" in core


def test_applications_sheet_has_every_input_column_then_extras_then_results(book):
    header = [c.value for c in book["Applications"][1]]
    labels = [f.label_en for f in FIELDS]
    assert header[: len(labels)] == labels
    assert header[len(labels) : len(labels) + 2] == ["Ghi chú riêng", "Cost centre"]
    results = header[len(labels) + 2 :]
    assert all(h.startswith("Result: ") for h in results)
    assert "Result: Readiness band" in results and "Result: Wave" in results


def test_applications_values_keep_their_types(book):
    ws = book["Applications"]
    header = [c.value for c in ws[1]]
    row = dict(zip(header, [c.value for c in ws[2]]))
    assert row["Application ID"] == "APP-1"
    assert row["Security level (1-5)"] == 2
    assert row["Citizen-facing"] is True
    assert row["Licence expiry"].date().isoformat() == "2026-06-30"
    assert row["Data size (GB)"] == 120.5
    assert row["State-secret classification"] == "none"
    assert row["Result: Readiness band"] == "Green"
    assert row["Result: Deployment model"] == "Public cloud"
    assert row["Result: Wave"] == 1
    assert row["Cost centre"] == 17


def test_band_cells_are_filled_with_the_band_colour(book):
    ws = book["Applications"]
    header = [c.value for c in ws[1]]
    column = header.index("Result: Readiness band") + 1
    fills = [_fill(ws.cell(row=r, column=column)) for r in range(2, 7)]
    bands = ["green", "yellow_green", "yellow_red", "yellow_red", "yellow_green"]
    assert fills == [i18n.BAND_COLOURS[b] for b in bands]


def test_applications_header_is_frozen_and_filtered(book):
    ws = book["Applications"]
    assert ws.freeze_panes == "C2"
    last = openpyxl.utils.get_column_letter(ws.max_column)
    assert ws.auto_filter.ref == f"A1:{last}6"
    assert ws.column_dimensions["B"].width > 10


def test_summary_shows_hand_computed_headline_figures(book):
    values = {row[0]: row[1] for row in _rows(book["Summary"]) if row[0]}
    # APP-1 (public), APP-2 (private) and APP-5 (hybrid) are planned: 3 of 5
    assert values["Applications assessed"] == 5
    assert values["Applications planned for a cloud"] == 3
    assert values["Cloud-eligible share"] == pytest.approx(0.6)
    assert values["Target of Decision 1121/QĐ-TTg"] == pytest.approx(0.7)
    assert values["Target met"] == "No"
    assert values["Person-days (planned moves)"] == pytest.approx(200.0)
    assert values["Waves"] == 2
    assert values["Total months"] == 5
    assert values["Findings (errors / warnings / info)"] == "1 / 1 / 1"


def test_summary_has_native_charts_of_deployment_bands_strategy_and_wave_days(assessment):
    archive = zipfile.ZipFile(io.BytesIO(roadmap_bytes(assessment)))
    charts = sorted(n for n in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
    assert len(charts) == 5  # four on the Summary sheet, the budget's on the Budget sheet
    assert "Budget!" in archive.read(charts[4]).decode()
    xml = [archive.read(name).decode() for name in charts]
    assert "<c:pieChart>" in xml[0] and "Summary!" in xml[0]
    band_chart = xml[1]
    assert all(colour[1:] in band_chart for colour in i18n.BAND_COLOURS.values())
    assert "Person-days by starting quarter" in xml[3]


def test_roadmap_gantt_shows_foundations_and_each_workstream_over_calendar_quarters(book):
    ws = book["Roadmap"]
    rows = {row[0].value: row for row in ws.iter_rows(min_row=4) if row[0].value}
    quarter = {
        c.value: c.column - 1
        for c in ws[3]
        if isinstance(c.value, str) and re.fullmatch(r"\d{4} Q\d", c.value)
    }
    assert list(quarter) == ["2027 Q1", "2027 Q2", "2027 Q3"]

    def filled(label: str) -> list[str]:
        return [q for q, j in quarter.items() if _fill(rows[label][j]) is not None]

    assert filled("Foundations · National Data Center: NDC onboarding") == ["2027 Q1"]
    assert filled("Wave 1 (pilot)") == ["2027 Q2"]
    assert filled("Wave 2") == ["2027 Q2", "2027 Q3"]
    assert filled("Bộ Tài chính") == ["2027 Q2", "2027 Q3"]
    group = "Move group G1: APP-2, APP-5"
    assert filled(group) == ["2027 Q2", "2027 Q3"]
    app_row = next(label for label in rows if label.startswith("APP-1 · "))
    assert _fill(rows[app_row][quarter["2027 Q2"]]) == i18n.BAND_COLOURS["green"]
    labels = list(rows)
    assert labels.index("Foundations · National Data Center: NDC onboarding") < labels.index("Pilot")
    assert labels.index("Pilot") < labels.index("Wave 1 (pilot)") < labels.index(app_row)
    assert labels.index("Bộ Tài chính") < labels.index("Wave 2") < labels.index(group)
    legend = [c.value for c in ws[2] if c.value][1:7]
    assert legend == ["Foundation task", "Wave", "Pilot wave", "Workstream", "Move group", "Deadline"]


def test_dependencies_sheet_flags_cross_wave_and_hybrid_links(book):
    ws = book["Dependencies"]
    rows = _rows(ws)
    assert rows[0][:4] == ["App ID", "Depends on", "Coupling", "Notes"]
    by_link = {(r[0], r[1]): r for r in rows[1:]}
    assert by_link[("APP-2", "APP-1")][4:8] == [2, 1, True, False]
    assert by_link[("APP-4", "APP-2")][6:9] == [
        False,
        True,
        "APP-4 stays on premises and calls APP-2 in the cloud",
    ]
    assert by_link[("APP-5", "APP-2")][2] == "tight"
    assert _fill(ws["G2"]) is not None and _fill(ws["H3"]) is not None and _fill(ws["G4"]) is None


def test_decommission_lists_retired_applications_with_their_names(book):
    assert _rows(book["Decommission"])[1:] == [["APP-3", "-2+3", "Planned for decommission"]]


def test_findings_sheet_lists_inventory_and_plan_findings(book):
    rows = _rows(book["Findings"])
    assert [r[:2] for r in rows[1:]] == [["error", "bad-value"], ["warning", "missing"], ["info", "pilot"]]
    assert rows[1][3] == 9


def test_explanations_add_up_to_the_fitness(book):
    rows = _rows(book["Explanations"])
    header = rows[0]
    assert header[:4] == ["Application ID", "Application name", "Fitness (0-100)", "Readiness band"]
    assert header[4:7] == ["Architecture", "Security level (1-5)", "Cap adjustment"]
    for row in rows[1:]:
        assert sum(row[4:7]) == pytest.approx(row[2])
    secret = next(r for r in rows[1:] if r[0] == "APP-4")
    assert "Law 29/2018/QH14" in secret and "secret_cap" in secret


def test_model_sheet_shows_the_weight_in_the_file_and_the_weight_used():
    rows = _rows(_open(roadmap_bytes(make_assessment(weights={"arch": 5.0})))["Model"])
    arch = next(r for r in rows if r[0] == "arch")
    assert arch[2:4] == [2, 5]
    flat = [v for r in rows for v in r if v is not None]
    assert "Law 29/2018/QH14" in flat and "wave_max_apps" in flat and "2025-09-01" in flat
    assert "weight arch" in flat


def test_vietnamese_workbook_uses_vietnamese_labels(assessment):
    book = _open(roadmap_bytes(assessment, "vi"))
    header = [c.value for c in book["Ứng dụng"][1]]
    assert header[0] == "Mã hệ thống" and "Kết quả: Mức sẵn sàng" in header
    bands = [row[header.index("Kết quả: Mức sẵn sàng")] for row in _rows(book["Ứng dụng"])[1:]]
    assert bands == ["Xanh", "Vàng/Xanh", "Vàng/Đỏ", "Vàng/Đỏ", "Vàng/Xanh"]
    assert _rows(book["Phụ thuộc"])[0][:4] == ["Mã hệ thống", "Phụ thuộc vào", "Mức độ liên kết", "Ghi chú"]


def test_unknown_language_is_refused(assessment):
    with pytest.raises(CloudfitError, match="Unknown language"):
        roadmap_bytes(assessment, "fr")


def test_write_roadmap_writes_a_path_and_a_file_object(tmp_path, assessment):
    path = tmp_path / "roadmap.xlsx"
    write_roadmap(assessment, path)
    buffer = io.BytesIO()
    write_roadmap(assessment, buffer)
    assert path.read_bytes() == buffer.getvalue() == roadmap_bytes(assessment)


def test_write_roadmap_into_a_missing_folder_is_a_cloudfit_error(tmp_path, assessment):
    with pytest.raises(CloudfitError, match="Cannot write the roadmap workbook"):
        write_roadmap(assessment, tmp_path / "no" / "roadmap.xlsx")


def test_robustness_sheet_says_what_would_flip_each_decision_in_plain_words(book):
    rows = _rows(book["Robustness"])
    header = rows[0]
    first = dict(zip(header, rows[1]))
    second = dict(zip(header, rows[2]))
    assert first["Fragile"] is True and second["Fragile"] is False
    assert first["Deployment margin (points)"] == 1.5
    assert first["Rule behind the deployment margin"] == "default_public"
    assert first["One-step changes that flip a decision"] == (
        "Deployment model: Private government cloud if Security level (1-5) = 4"
    )
    assert second["One-step changes that flip a decision"] is None
    assert second["Other input changes that flip a decision (count)"] == 1
    assert first["Other input changes that flip a decision (count)"] == 0
    assert first["TIME quadrant"] in ("Tolerate", "Invest", "Migrate", "Eliminate")


def test_sensitivity_sheet_lists_the_share_each_change_flips(assessment):
    rows = _rows(_open(roadmap_bytes(assessment, "vi"))["Độ nhạy"])
    assert rows[0] == ["Thay đổi", "Mức sẵn sàng", "Mô hình đám mây", "Chiến lược (7R)"]
    changes = [r[0] for r in rows[1:4]]
    assert changes[0].startswith("Mọi trọng số mức phù hợp ±20%")
    assert changes[1] == "Bất kỳ đầu vào quyết định nào lệch một bậc"
    assert rows[3][2] == 0.2


def test_waves_sheet_carries_workstream_dates_quarter_and_fiscal_year(book):
    rows = _rows(book["Waves"])
    header = rows[0]
    second = dict(zip(header, rows[2]))
    assert second["Workstream"] == "Bộ Tài chính"
    assert (second["Start"], second["End"], second["Start quarter"], second["Fiscal year"]) == (
        "2027-06-01",
        "2027-08-31",
        "2027 Q2",
        2027,
    )
