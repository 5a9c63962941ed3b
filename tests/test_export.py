"""The JSON result, the summary figures and the findings CSV, from a hand-made assessment."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import pytest
from roadmap import roadmap_factory
from roadmap.roadmap_factory import HOSTILE, HandScores

import cloudfit
from cloudfit import export
from cloudfit.csv_out import csv_safe, findings_csv_bytes
from cloudfit.errors import CloudfitError
from cloudfit.export import json_bytes, summary, to_json, write_json
from cloudfit.fields import FIELDS
from cloudfit.findings import FINDING_COLUMNS, Finding
from cloudfit.inventory.model import Inventory
from cloudfit.plain import plain

TOP_KEYS = ["schema_version", "model", "options", "inventory", "summary", "applications", "waves", "foundations",
            "move_groups", "dependencies", "hybrid_links", "decommission", "hubs", "findings", "cost_model",
            "readiness", "collect"]  # fmt: skip
APP_KEYS = ["app_id", "name", "owner_agency", "fitness", "band", "effort_score", "effort_size", "person_days",
            "deployment", "strategy", "priority", "quick_win", "confidence", "move_group", "wave"]  # fmt: skip


@dataclass(frozen=True)
class _Scores(HandScores):
    """The hand-made scores, with the all-at-once explanations the export reads."""

    def explanations(self, rows=None) -> list[dict]:
        ids = self.table["app_id"].tolist()
        return [self.explain(ids[i]) for i in (range(len(ids)) if rows is None else rows)]


def make_assessment(names: tuple[str, ...] = ()) -> cloudfit.Assessment:
    base = roadmap_factory.make_assessment(names)
    return roadmap_factory.with_robustness(
        replace(base, scores=_Scores(base.scores.table, base.scores.contributions))
    )


def _scored_assessment() -> cloudfit.Assessment:
    """The factory's applications and links, really scored and planned."""
    base = roadmap_factory.make_assessment()
    inventory = Inventory(
        applications=base.inventory.applications,
        dependencies=base.inventory.dependencies,
        rows_read=len(base.inventory.applications),
    )
    options = cloudfit.AssessOptions(as_of=dt.date(2025, 9, 1))
    return cloudfit.assess(inventory, cloudfit.load_model("default"), options)


@pytest.fixture(scope="module")
def result() -> dict:
    return json.loads(json_bytes(make_assessment()))


def test_top_level_keys_are_stable_and_in_order(result):
    assert list(result) == TOP_KEYS
    assert result["model"] == {
        "name": "tiny",
        "file": None,
        "sha256": None,
        "version": "1.0",
        "title": "Tiny test model",
        "title_vi": None,  # a model built in code without Vietnamese
        "description": None,
        "description_vi": None,
    }
    assert result["options"]["as_of"] == "2025-09-01"
    assert result["options"]["plan"]["pins"] == {"APP-1": {"wave": 1, "not_before": False}}


def test_each_application_carries_scores_plan_and_explanation(result):
    apps = {a["app_id"]: a for a in result["applications"]}
    assert list(apps) == ["APP-1", "APP-2", "APP-3", "APP-4", "APP-5"]
    for app in apps.values():
        assert set(APP_KEYS) <= set(app)
        assert app["explanation"]["app_id"] == app["app_id"]
    assert apps["APP-1"]["deployment"] == "public" and apps["APP-1"]["strategy"] == "rehost"
    assert apps["APP-4"]["deployment"] == "on_premises" and apps["APP-4"]["wave"] is None
    assert apps["APP-5"]["move_group"] == "G1" and apps["APP-5"]["wave"] == 2
    assert apps["APP-1"]["quick_win"] is True


def test_missing_values_are_null_and_dates_iso(result):
    app3 = result["applications"][2]
    assert app3["inputs"]["data_size_gb"] is None
    assert app3["inputs"]["servers"] is None
    assert app3["inputs"]["citizen_facing"] is None
    assert app3["inputs"]["license_expiry"] == "2025-12-31"
    assert app3["extra"] == {"Ghi chú riêng": None, "Cost centre": None}
    assert set(app3["inputs"]) == {f.name for f in FIELDS} - {"app_id", "name", "owner_agency"}


def test_plan_tables_and_dependency_flags(result):
    assert result["waves"][1]["app_ids"] == ["APP-2", "APP-5"]
    assert result["waves"][0]["start_month"] == 1 and result["waves"][1]["end_month"] == 5
    assert result["move_groups"] == [
        {"move_group": "G1", "members": ["APP-2", "APP-5"], "size": 2, "reason": "tight coupling", "wave": 2}
    ]
    links = {(d["app_id"], d["depends_on"]): d for d in result["dependencies"]}
    assert links[("APP-2", "APP-1")]["cross_wave"] is True
    assert links[("APP-4", "APP-2")]["hybrid"] is True
    assert links[("APP-4", "APP-2")]["app_wave"] is None
    assert result["decommission"] == [{"app_id": "APP-3", "reason": "Planned for decommission"}]
    assert [f["code"] for f in result["findings"]] == ["bad-value", "missing", "pilot"]
    assert list(result["findings"][0]) == list(FINDING_COLUMNS)


def test_summary_figures_are_hand_computed():
    figures = summary(make_assessment())
    assert figures["applications"] == 5
    assert figures["bands"] == {"red": 0, "yellow_red": 2, "yellow": 0, "yellow_green": 2, "green": 1}
    assert figures["deployment"] == {"public": 1, "hybrid": 1, "private": 1, "on_premises": 1, "none": 1}
    assert figures["cloud_eligible"] == 3  # APP-3 retired (no deployment), APP-4 on premises
    # every application's person-days (20 + 90 + 80 + 0 + 90), and the same split by agency
    assert figures["person_days_all"] == 280.0
    assert sum(figures["person_days_by_agency"].values()) == 280.0
    assert figures["cloud_eligible_share"] == 0.6 and figures["cloud_target_met"] is False
    assert figures["person_days"] == 200.0 and figures["waves"] == 2 and figures["months"] == 5
    assert figures["findings"] == {"error": 1, "warning": 1, "info": 1}


def test_json_is_byte_identical_for_equal_assessments():
    assert json_bytes(make_assessment()) == json_bytes(make_assessment())


def test_json_bytes_are_the_compact_standard_encoding_of_to_json():
    assessment = make_assessment()
    standard = json.dumps(to_json(assessment), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    assert json_bytes(assessment) == (standard + "\n").encode("utf-8")


def test_json_written_in_small_parts_is_the_same_bytes(monkeypatch):
    assessment = make_assessment()
    whole = json_bytes(assessment)
    monkeypatch.setattr(export, "APPLICATIONS_PER_PART", 2)  # 5 applications: parts of 2, 2, 1
    assert json_bytes(assessment) == whole
    buffer = io.BytesIO()
    write_json(assessment, buffer)
    assert buffer.getvalue() == whole


def test_each_json_explanation_is_the_scores_explain_of_that_application():
    assessment = _scored_assessment()
    apps = json.loads(json_bytes(assessment))["applications"]
    assert [a["app_id"] for a in apps] == assessment.scores.table["app_id"].tolist()
    for app in apps:
        assert app["explanation"] == assessment.explanation(app["app_id"])
        assert app["fitness"] == app["explanation"]["fitness"]


def test_json_keeps_hostile_text_unchanged_for_other_systems():
    names = [a["name"] for a in to_json(make_assessment(HOSTILE[:5]))["applications"]]
    assert names == list(HOSTILE[:5])


def test_plain_turns_missing_values_into_none_and_numpy_into_python():
    assert plain(np.float64("nan")) is None and plain(float("inf")) is None
    assert plain(pd.NA) is None and plain(pd.NaT) is None
    assert plain(np.int64(3)) == 3 and type(plain(np.int64(3))) is int
    assert plain(np.bool_(True)) is True
    assert plain(pd.Timestamp("2025-01-02")) == "2025-01-02"
    assert plain(pd.Timestamp("2025-01-02 10:30")) == "2025-01-02T10:30:00"
    assert plain({"a": [np.float64(1.5), None]}) == {"a": [1.5, None]}
    assert not math.isnan(plain(1.5))


def test_write_json_to_a_path_and_to_a_file_object(tmp_path):
    assessment = make_assessment()
    write_json(assessment, tmp_path / "r.json")
    buffer = io.BytesIO()
    write_json(assessment, buffer)
    assert (tmp_path / "r.json").read_bytes() == buffer.getvalue() == json_bytes(assessment)


def test_write_json_into_a_missing_folder_is_a_cloudfit_error(tmp_path):
    with pytest.raises(CloudfitError, match="Cannot write the JSON result"):
        write_json(make_assessment(), tmp_path / "missing" / "r.json")


def test_write_json_that_fails_leaves_no_partial_file(tmp_path, monkeypatch):
    def broken(assessment, start=0, stop=None):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "_applications", broken)
    with pytest.raises(CloudfitError, match="No space left"):
        write_json(make_assessment(), tmp_path / "r.json")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("text", HOSTILE)
def test_csv_cells_that_a_spreadsheet_would_run_get_a_leading_apostrophe(text):
    assert csv_safe(text) == "'" + text


def test_csv_safe_leaves_ordinary_text_and_numbers_alone():
    assert csv_safe("Hệ thống") == "Hệ thống"
    assert csv_safe(12) == "12"
    assert csv_safe(None) == ""


def test_findings_csv_is_excel_friendly_and_formula_safe():
    findings = [Finding("error", "bad", "=1+1", "@do", sheet="S", row=3, column="-c", value="+v")]
    data = findings_csv_bytes(findings)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == list(FINDING_COLUMNS)
    assert rows[1] == ["error", "bad", "S", "3", "'-c", "'+v", "'=1+1", "'@do"]


def test_each_application_carries_its_time_quadrant_fragile_flag_flips_and_margins(result):
    first, second = result["applications"][:2]
    assert first["time_quadrant"] in ("tolerate", "invest", "migrate", "eliminate")
    assert 0 <= first["business_value_score"] <= 100
    assert first["fragile"] is True and second["fragile"] is False
    assert first["flips"] == [
        {"decision": "deployment", "field": "security_level", "value": 4, "outcome": "private"}
    ]
    assert second["flips"][0]["value"] == "=cmd"  # JSON text is kept as it is
    assert first["margins"]["deployment"] == {
        "distance": 1.5, "field": "fitness", "threshold": 60.0, "rule": "default_public"
    }  # fmt: skip
    assert first["margins"]["band"] is None
    assert result["summary"]["fragile"] == 1
    assert result["summary"]["sensitivity"]["deployment"] == {
        "weights": 0.0,
        "any_input": 0.2,
        "security_level": 0.2,
    }
    assert sum(result["summary"]["time_quadrants"].values()) == len(result["applications"])
