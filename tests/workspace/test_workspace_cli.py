"""`cloudfit workspace ...`: the issue's end-to-end story through the command line."""

from __future__ import annotations

import io
import json

import openpyxl

from cloudfit.cli import main

from .conftest import AGENCY_A, AGENCY_B, HEADER


def _json(capsys) -> object:
    return json.loads(capsys.readouterr().out)


def test_two_agencies_an_override_and_a_second_submission_through_the_cli(db_url, files, tmp_path, capsys):
    db = ["--db", db_url]
    assert main(["workspace", "init", *db]) == 0
    assert main(["workspace", "submit", str(files["a"]), "--agency", AGENCY_A, "--user", "ana", *db]) == 0
    assert main(["workspace", "submit", str(files["b"]), "--agency", AGENCY_B, "--user", "bao", *db]) == 0
    assert "version 1 saved (2 applications" in capsys.readouterr().out
    assert main(["workspace", "list", "--json", *db]) == 0
    listed = _json(capsys)["agencies"]
    assert [a["name"] for a in listed] == [AGENCY_A, AGENCY_B]
    assert listed[0]["submissions"][0]["user"] == "ana" and len(listed[0]["submissions"][0]["sha256"]) == 64

    assert main(["workspace", "override", "MOST-2", "--field", "person_days", "--value", "150",
                 "--reason", "Vendor quote of May", "--user", "rev", *db]) == 0  # fmt: skip
    capsys.readouterr()
    second = tmp_path / "most-v2.csv"
    second.write_text(
        HEADER + files["a"].read_text().split("\n", 1)[1] + "MOST-3,Thư điện tử,Bộ KH&CN,1,Web,VM,9,\n"
    )
    assert main(["workspace", "submit", str(second), "--agency", AGENCY_A, "--user", "ana", *db]) == 0
    assert "Since version 1: 1 added, 0 removed, 0 changed" in capsys.readouterr().out

    result, book = tmp_path / "national.json", tmp_path / "national.xlsx"
    assert (
        main(["workspace", "assess", "--json", str(result), "--out", str(book), "--user", "plan", *db]) == 0
    )
    assert capsys.readouterr().out == f"Written: {book}\nWritten: {result}\n"
    document = json.loads(result.read_text(encoding="utf-8"))
    apps = {a["app_id"]: a for a in document["applications"]}
    assert sorted(apps) == ["MOF-1", "MOF-2", "MOST-1", "MOST-2", "MOST-3"]
    assert {"app_id": "MOST-2", "depends_on": "MOF-1"}.items() <= next(
        d for d in document["dependencies"] if d["app_id"] == "MOST-2" and d["depends_on"] == "MOF-1"
    ).items()
    kept = apps["MOST-2"]["override"]["person_days"]
    # the plan uses the final value; the model's value is kept beside it
    assert kept["final"] == apps["MOST-2"]["person_days"] == 150 and kept["user"] == "rev"
    assert kept["computed"] > 0 and kept["computed"] != 150
    assert apps["MOST-2"]["review_status"] == "overridden" and apps["MOF-1"]["override"] is None
    sheet = openpyxl.load_workbook(io.BytesIO(book.read_bytes()), read_only=True)["Overrides"]
    assert list(sheet.iter_rows(values_only=True))[1][:4] == ("MOST-2", "person_days", kept["computed"], 150)

    assert main(["workspace", "audit", "--json", *db]) == 0
    log = _json(capsys)
    assert [e["action"] for e in log] == ["submit", "submit", "override", "submit", "export"]
    assert log[2]["user"] == "rev" and log[2]["reason"] == "Vendor quote of May"


def test_cli_errors_are_one_line_with_exit_code_2(db_url, files, capsys):
    db = ["--db", db_url]
    assert main(["workspace", "assess", *db]) == 2
    assert capsys.readouterr().err == (
        "cloudfit: No agency has submitted an inventory yet: submit one first (workspace submit).\n"
    )
    main(["workspace", "submit", str(files["b"]), "--agency", AGENCY_B, "--user", "bao", *db])
    code = main(["workspace", "override", "MOF-1", "--field", "wave", "--value", "x", "--reason", "r r r",
                 "--user", "rev", *db])  # fmt: skip
    assert code == 2 and "whole number" in capsys.readouterr().err


def test_user_add_with_a_password_from_stdin_and_scoped_listing(db_url, files, capsys, monkeypatch):
    db = ["--db", db_url]
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-password\n"))
    assert main(["workspace", "user", "add", "ana", "--role", "analyst", "--agency", AGENCY_A,
                 "--password-stdin", *db]) == 0  # fmt: skip
    assert main(["workspace", "user", "add", "boss", "--role", "admin", *db]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"User ana: analyst ({AGENCY_A})",
        "User boss: admin (all agencies)",
    ]
    for path, agency in ((files["a"], AGENCY_A), (files["b"], AGENCY_B)):
        assert main(["workspace", "submit", str(path), "--agency", agency, "--user", "boss", *db]) == 0
    capsys.readouterr()
    assert main(["workspace", "list", "--json", "--user", "ana", *db]) == 0
    assert [a["name"] for a in _json(capsys)["agencies"]] == [AGENCY_A]
    assert main(["workspace", "submit", str(files["b"]), "--agency", AGENCY_B, "--user", "ana", *db]) == 2
    assert "may not submit" in capsys.readouterr().err
