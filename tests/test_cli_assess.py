"""`cloudfit assess`: the summary, the two outputs, and one-line errors with exit code 2."""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from roadmap.roadmap_factory import inventory_file

from cloudfit.cli import main

SAMPLE = Path(__file__).resolve().parents[1] / "app_inventories" / "sample_vietnam.xlsx"


@pytest.fixture(scope="module")
def inventory(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "inventory.xlsx"
    path.write_bytes(inventory_file())
    return path


def test_without_outputs_it_prints_a_short_summary(inventory, capsys):
    assert main(["assess", str(inventory), "--as-of", "2025-09-01"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0] == "Inventory: inventory.xlsx"
    assert lines[1] == "Applications: 5"
    assert lines[2].startswith("Readiness bands: ")
    assert lines[3].startswith("Deployment: ") and lines[4].startswith("Strategy: ")
    assert "target 70% (Decision 1121/QĐ-TTg)" in lines[5]
    assert lines[6] == "Waves: 2 waves, 7 months"  # one workstream per agency, from March to September 2026
    assert (
        "Wave 1 · Bộ Khoa học và Công nghệ: 2026-03 – 2026-05, 1 application, 121 person-days" in out
    )  # singular
    assert lines[-1].startswith("Findings: ")
    assert err == ""  # no progress bar when stderr is not a terminal


def test_calendar_options_shape_the_plan_and_the_summary_prints_dates_and_the_deadline(inventory, capsys):
    argv = ["assess", str(inventory), "--as-of", "2025-09-01", "--start", "2026-04", "--deadline", "2026-06",
            "--workstreams", "national", "--agency-days-per-month", "30", "--national-apps-per-month", "2"]  # fmt: skip
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Plan: 2026-04-01 – " in out
    (deadline,) = [line for line in out.splitlines() if line.startswith("Deadline: ")]
    assert deadline.startswith("Deadline: 2026-06-30: ") and "target 70%" in deadline
    assert "What it takes: " in out
    assert "National programme" in out


def test_summary_speaks_vietnamese_with_lang_vi(inventory, capsys):
    assert main(["assess", str(inventory), "--as-of", "2025-09-01", "--lang", "vi"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Danh mục: inventory.xlsx\nỨng dụng: 5\n")
    assert "Quyết định 1121/QĐ-TTg" in out


def test_out_and_json_write_the_workbook_and_the_result(inventory, tmp_path, capsys):
    out, result = tmp_path / "roadmap.xlsx", tmp_path / "result.json"
    code = main(["assess", str(inventory), "--as-of", "2025-09-01", "--out", str(out), "--json", str(result),
                 "--wave-max-apps", "1", "--pilot-size", "0", "--team-days-per-month", "50"])  # fmt: skip
    assert code == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Inventory: inventory.xlsx"  # the summary is printed with outputs too
    assert lines[-2:] == [f"Written: {out}", f"Written: {result}"]
    wave_lines = [line for line in lines if line.startswith("  Wave ")]
    assert wave_lines and all(
        ", 1 application, " in line for line in wave_lines if "over the limits" not in line
    )
    data = json.loads(result.read_text(encoding="utf-8"))
    assert data["options"]["plan"]["wave_max_apps"] == 1
    assert data["options"]["plan"]["team_days_per_month"] == 50
    # one application per wave, except a tightly coupled move group that cannot be split
    assert data["waves"] and all(len(w["app_ids"]) == 1 or w["oversize"] for w in data["waves"])
    book = openpyxl.load_workbook(io.BytesIO(out.read_bytes()), read_only=True)
    assert book.sheetnames[0] == "Summary"
    apps = list(book["Applications"].iter_rows(min_row=2, values_only=True))
    assert len(apps) == 5


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--model", "no_such_model"], "no bundled scoring model"),
        (["--wave-max-apps", "0"], "wave_max_apps"),
        (["--as-of", "2025-13-01"], "--as-of"),
        (["--out", "missing-folder/roadmap.xlsx"], "does not exist"),
        (["--out", "roadmap.csv"], "must end in .xlsx"),
        (["--json", "result.txt"], "must end in .json"),
        (["--start", "2027-13"], "--start must be a month"),
        (["--deadline", "soon"], "--deadline must be a month"),
        (["--agency-days-per-month", "0"], "agency_days_per_month"),
        (["--national-apps-per-month", "0"], "national_apps_per_month"),
    ],
)
def test_unusable_model_or_options_exit_2_with_one_line(
    inventory, extra, message, capsys, monkeypatch, tmp_path
):
    monkeypatch.chdir(tmp_path)
    assert main(["assess", str(inventory), *extra]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and message.lower() in err.lower()
    assert "Traceback" not in err


@pytest.mark.parametrize("content", [None, b"not a spreadsheet at all\x00\x01", b"PK\x03\x04broken"])
def test_unusable_inventory_exits_2_with_one_line(tmp_path, content, capsys):
    path = tmp_path / "inventory.xlsx"
    if content is not None:
        path.write_bytes(content)
    assert main(["assess", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cloudfit: ") and len(err.strip().splitlines()) == 1


def test_python_dash_m_runs_the_sample_end_to_end(tmp_path):
    out, result = tmp_path / "roadmap.xlsx", tmp_path / "result.json"
    completed = subprocess.run(
        [sys.executable, "-m", "cloudfit", "assess", str(SAMPLE), "--as-of", "2025-09-01", "--lang", "vi",
         "--out", str(out), "--json", str(result)],
        capture_output=True, text=True, timeout=120, check=False, cwd=Path(__file__).resolve().parents[1],
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    data = json.loads(result.read_text(encoding="utf-8"))
    assert len(data["applications"]) == data["summary"]["applications"] > 100
    assert openpyxl.load_workbook(out, read_only=True).sheetnames[2] == "Ứng dụng"


def test_counts_are_singular_or_plural_and_numbers_follow_the_language(inventory, capsys):
    main(["assess", str(inventory), "--as-of", "2025-09-01", "--wave-max-apps", "1", "--pilot-size", "0"])
    english = capsys.readouterr().out
    assert "1 applications" not in english and "months 1," not in english
    assert re.search(
        r"Wave 1 · [^:]+: \d{4}-\d{2}( – \d{4}-\d{2})?, 1 application, [\d,]+ person-days?", english
    )
    main(["assess", str(SAMPLE), "--as-of", "2025-09-01", "--lang", "vi"])
    vietnamese = capsys.readouterr().out
    assert re.search(
        r"^  Đợt \d+ · [^:]+: \d{4}-\d{2}( – \d{4}-\d{2})?, \d+ ứng dụng, \d+ ngày công$", vietnamese, re.M
    )
    assert re.search(r" \d{1,3}\.\d{3} ", vietnamese)  # thousands separated by a dot
    assert "196/238 (82,4%)" in vietnamese  # decimal comma; 196/238 = 0.8235


def test_every_option_has_help_text():
    from cloudfit.cli import build_parser

    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    missing = [
        f"{name} {' '.join(action.option_strings) or action.dest}"
        for name, command in commands.items()
        for action in command._actions
        if not action.help and not isinstance(action, argparse._HelpAction)
    ]
    assert missing == []


def test_pdf_writes_the_brief_and_agency_needs_pdf(inventory, tmp_path, capsys):
    pdf = tmp_path / "brief.pdf"
    assert main(["assess", str(inventory), "--as-of", "2025-09-01", "--pdf", str(pdf), "--lang", "vi"]) == 0
    assert pdf.read_bytes().startswith(b"%PDF") and f"Đã ghi: {pdf}" in capsys.readouterr().out
    assert main(["assess", str(inventory), "--agency", "Bộ Tài chính"]) == 2
    assert "--pdf" in capsys.readouterr().err


def test_errors_are_introduced_in_vietnamese_with_lang_vi(tmp_path, capsys):
    missing = tmp_path / "missing.xlsx"
    assert main(["assess", str(missing), "--lang", "vi"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cloudfit: Không dùng được dữ liệu đầu vào") and "missing.xlsx" in err
    assert main(["validate", str(missing), "--lang", "vi"]) == 2
    assert capsys.readouterr().err.startswith("cloudfit: Không dùng được dữ liệu đầu vào")


def test_unusable_inputs_are_explained_in_vietnamese_through_the_sandbox(tmp_path, capsys):
    from english import english_sentences

    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    names = tmp_path / "names.csv"
    names.write_text("Tên hệ thống,Mô tả\nCổng dịch vụ công,Cổng\n", encoding="utf-8")
    expected = {empty: "tệp không có nội dung", names: "không có cột cho (các) trường bắt buộc 'app_id'"}
    for path, words in expected.items():
        assert main(["validate", str(path), "--lang", "vi"]) == 2
        err = capsys.readouterr().err
        assert err.startswith("cloudfit: Không dùng được dữ liệu đầu vào: ") and words in err
        assert "tiếng Anh" not in err and english_sentences([err]) == []
    assert main(["validate", str(empty)]) == 2  # English stays English
    assert "the file is empty" in capsys.readouterr().err
