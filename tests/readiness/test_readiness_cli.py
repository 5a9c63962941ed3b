"""`cloudfit readiness`, `readiness-template` and `assess --readiness`: outputs that agree, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from cloudfit.cli import main
from cloudfit.i18n import band_label

SAMPLES = Path(__file__).resolve().parents[2] / "app_inventories"
READINESS = SAMPLES / "sample_readiness.xlsx"


def test_template_command_writes_the_questionnaire(tmp_path: Path, capsys) -> None:
    out = tmp_path / "q.xlsx"
    assert main(["readiness-template", str(out)]) == 0
    assert "Skills" in openpyxl.load_workbook(out).sheetnames
    assert main(["readiness-template", str(tmp_path / "q.csv")]) == 2
    assert "must end in .xlsx" in capsys.readouterr().err


def test_summary_names_every_agency_with_its_colours(capsys) -> None:
    assert main(["readiness", str(READINESS), "--lang", "vi"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Số cơ quan được đánh giá: 5"
    assert "Bộ Xây dựng: Lãnh đạo và quản trị Vàng/Xanh 74.3" in out
    assert "Mua sắm, thuê dịch vụ Đỏ 0; 6 hành động" in out


def test_json_and_workbook_agree(tmp_path: Path) -> None:
    json_out, xlsx_out = tmp_path / "r.json", tmp_path / "r.xlsx"
    assert main(["readiness", str(READINESS), "--json", str(json_out), "--out", str(xlsx_out)]) == 0
    doc = json.loads(json_out.read_text(encoding="utf-8"))
    rows = list(openpyxl.load_workbook(xlsx_out)["Readiness"].iter_rows(min_row=2, values_only=True))
    themes = [(a["agency"], t["rating"], t["score"]) for a in doc["agencies"] for t in a["themes"]]
    assert [(r[0], r[2], r[3]) for r in rows] == [(a, band_label(c), s) for a, c, s in themes]
    actions = list(
        openpyxl.load_workbook(xlsx_out)["Readiness actions"].iter_rows(min_row=2, values_only=True)
    )
    listed = [
        (x["agency"], x["action"], x["start_month"], x["end_month"])
        for a in doc["agencies"]
        for x in a["actions"]
    ]
    assert [(r[0], r[2], r[4], r[5]) for r in actions] == listed


def test_unreadable_questionnaire_is_one_line_with_exit_2(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    assert main(["readiness", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cloudfit: bad.xlsx") and "Traceback" not in err


def test_assess_with_readiness_gates_the_plan_and_exports_it(tmp_path: Path) -> None:
    json_out, xlsx_out = tmp_path / "a.json", tmp_path / "a.xlsx"
    args = ["assess", str(SAMPLES / "sample_vietnam.xlsx"), "--as-of", "2025-09-01", "--json", str(json_out)]
    assert main([*args, "--out", str(xlsx_out), "--readiness", str(READINESS)]) == 0
    doc = json.loads(json_out.read_text(encoding="utf-8"))
    assert [a["agency"] for a in doc["readiness"]["agencies"]][:2] == [
        "Bộ Khoa học và Công nghệ",
        "Bộ Tài chính",
    ]
    gates = [f for f in doc["findings"] if f["code"] == "readiness-gate"]
    assert len(gates) == 4
    book = openpyxl.load_workbook(xlsx_out)
    assert book.sheetnames[-2:] == ["Readiness", "Readiness actions"]
    assert main([*args[:-2]]) == 0  # and without --readiness there is none of it


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_assess_workbook_has_the_readiness_sheets_in_both_languages(tmp_path: Path, lang: str) -> None:
    out = tmp_path / "a.xlsx"
    inventory = str(SAMPLES / "sample_vietnam.xlsx")
    assert main(["assess", inventory, "--as-of", "2025-09-01", "--out", str(out), "--lang", lang,
                 "--readiness", str(READINESS)]) == 0  # fmt: skip
    names = openpyxl.load_workbook(out).sheetnames
    assert names[-2:] == (
        ["Readiness", "Readiness actions"] if lang == "en" else ["Mức độ sẵn sàng", "Kế hoạch hành động"]
    )


def test_outputs_are_byte_identical_run_after_run(tmp_path: Path) -> None:
    outputs = []
    for run in ("a", "b"):
        out, json_out = tmp_path / f"{run}.xlsx", tmp_path / f"{run}.json"
        assert (
            main(["readiness", str(READINESS), "--out", str(out), "--json", str(json_out), "--lang", "vi"])
            == 0
        )
        outputs.append((out.read_bytes(), json_out.read_bytes()))
    assert outputs[0] == outputs[1]
