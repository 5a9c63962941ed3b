"""`python -m cloudfit validate FILE [--mapping MAP] [--json]`: report, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from inventory_files import HEADER, csv_text, write_xlsx

from cloudfit.cli import main
from cloudfit.inventory import load_inventory, validation_report, validation_summary

ROOT = Path(__file__).resolve().parents[2]


def _inventory_file(tmp_path) -> Path:
    rows = [
        [*HEADER, "criticality", "Ghi chú riêng"],
        ["A1", "x", "y", "cao", "n"],
        [None, "z", "w", "??", None],
        ["A3", "q", "r", "không rõ", None],
    ]
    return write_xlsx(tmp_path / "inv.xlsx", {"Applications": rows})


def test_validate_json_has_counts_and_findings_with_every_field(tmp_path, capsys):
    assert main(["validate", str(_inventory_file(tmp_path)), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["rows_read"], report["applications"], report["rejected"]) == (3, 2, 1)
    assert report["counts"] == {"error": 1, "warning": 1, "info": 2}  # extra column + its suggestion
    assert all(
        set(f) == {"severity", "code", "sheet", "row", "column", "value", "message", "action"}
        for f in report["findings"]
    )
    error = next(f for f in report["findings"] if f["severity"] == "error")
    assert (error["code"], error["row"], error["sheet"]) == ("missing-app-id", 3, "Applications")


def test_validate_text_report_lists_counts_and_findings(tmp_path, capsys):
    assert main(["validate", str(_inventory_file(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "2 accepted, 1 rejected" in out
    assert "Row 3 has no application ID" in out and "không rõ" in out
    assert "Ghi chú riêng" in out


def test_validate_with_mapping_file(tmp_path, capsys):
    mapping = tmp_path / "map.yaml"
    mapping.write_text("Ghi chú riêng: notes\n", encoding="utf-8")
    assert main(["validate", str(_inventory_file(tmp_path)), "--mapping", str(mapping), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["column_mapping"]["Ghi chú riêng"] == "notes"


def test_validate_unusable_file_exits_2_with_one_line_on_stderr(tmp_path, capsys):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(os.urandom(300))
    assert main(["validate", str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "bad.xlsx" in captured.err


def test_python_dash_m_cloudfit_validate_runs_as_a_command(tmp_path):
    good = tmp_path / "ok.csv"
    good.write_text(csv_text([HEADER, ["A1", "x", "y"]]), encoding="utf-8")
    bad = tmp_path / "nohead.csv"
    bad.write_text(csv_text([["foo"], ["bar"]]), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ok = subprocess.run(
        [sys.executable, "-m", "cloudfit", "validate", str(good), "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert ok.returncode == 0 and json.loads(ok.stdout)["applications"] == 1
    failed = subprocess.run(
        [sys.executable, "-m", "cloudfit", "validate", str(bad)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert failed.returncode == 2
    assert "Traceback" not in failed.stderr and failed.stderr.strip().count("\n") == 0
    assert "nohead.csv" in failed.stderr


def test_summary_of_a_clean_inventory_says_it_is_ready(tmp_path):
    inventory = load_inventory(csv_text([HEADER, ["A1", "x", "y"]]).encode(), filename="ok.csv")
    assert validation_report(inventory)["findings"] == []
    assert "ready to assess" in validation_summary(inventory)


def test_validate_speaks_vietnamese_with_lang_vi(tmp_path, capsys):
    import re

    assert main(["validate", str(_inventory_file(tmp_path)), "--lang", "vi"]) == 0
    out = capsys.readouterr().out
    assert "2 được nhận, 1 bị loại" in out and "1 lỗi, 1 cảnh báo, 2 thông tin" in out
    # the finding's own sentence, with its row and column, not only its title
    assert (
        "[Applications, dòng 3, 'app_id'] Dòng 3 không có mã ứng dụng (cột 'app_id' để trống); "
        "dòng này không được đánh giá." in out
    )
    assert "Lỗi (các dòng không được đánh giá):" in out
    english = [
        line
        for line in out.splitlines()
        if len(set(re.findall(r"[a-z]+", line)) & {"the", "of", "and", "is", "for", "to", "a"}) >= 2
    ]
    assert english == []
