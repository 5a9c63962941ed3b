"""Servers, outside systems and the data worth collecting reach the workbook, the JSON and the CLI."""

from __future__ import annotations

import io
import json

import openpyxl
from format_files import csv_bytes
from test_servers import AS_OF, _cmf

from cloudfit.assessment import assess
from cloudfit.cli import main
from cloudfit.export import to_json
from cloudfit.inventory import load_inventory
from cloudfit.options import AssessOptions
from cloudfit.roadmap import roadmap_bytes
from cloudfit.scoring_model import load_model


def _assessment():
    inventory = load_inventory(_cmf(), filename="intake.csv", as_of=AS_OF)
    return assess(inventory, load_model("default"), AssessOptions(as_of=AS_OF))


def test_workbook_lists_every_server_and_the_fields_worth_collecting():
    book = openpyxl.load_workbook(io.BytesIO(roadmap_bytes(_assessment())), read_only=True)
    servers = list(book["Servers"].iter_rows(values_only=True))
    assert [row[1:3] for row in servers[1:]] == [
        ("hr01", "hr-portal"),
        ("hr02", "hr-portal"),
        ("pay01", "payroll"),
        ("orphan01", None),
    ]
    collect = list(book["Worth collecting"].iter_rows(values_only=True))
    codes = {row[1]: row for row in collect[1:]}
    # Both systems say too little to choose a path (under half of the fitness evidence): they move as they
    # are, provisionally, to the private government cloud. A state secret in either would keep it where it
    # runs (on premises, retained), so the classification could change both deployments and strategies.
    missing, could_change, deployment = codes["state_secret"][2:5]
    assert (missing, could_change, deployment) == (2, 2, 2)
    assert codes["state_secret"][6] == "hr-portal, payroll"
    # what the servers run on decides both
    assert codes["architecture"][2:5] == (2, 2, 2)


def test_json_result_has_the_format_servers_outside_systems_and_collect():
    document = to_json(_assessment())
    inventory = document["inventory"]
    assert inventory["format"]["name"] == "aws-cmf"
    assert inventory["servers"] == {"rows": 4, "grouped": 3, "unassigned": 1, "applications": 2}
    assert inventory["external_systems"] == []
    assert document["collect"]["fields"]["state_secret"] == 2


def test_validate_json_reports_format_servers_and_collect(tmp_path, capsys):
    path = tmp_path / "intake.csv"
    path.write_bytes(_cmf())
    assert main(["validate", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["format"]["name"] == "aws-cmf" and "'server_name'" in report["format"]["reason"]
    assert report["servers"]["unassigned"] == 1
    assert report["collect"]["state_secret"] == 2


def test_assess_report_says_what_data_is_worth_collecting(tmp_path, capsys):
    path = tmp_path / "apps.csv"
    path.write_bytes(csv_bytes([["app_id", "name", "owner_agency"], ["A", "a", "Bộ X"]]))
    assert main(["assess", str(path), "--as-of", "2026-11-30"]) == 0
    out = capsys.readouterr().out
    assert "Worth collecting" in out and "Architecture: missing for 1 applications" in out
