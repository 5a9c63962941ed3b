"""The questionnaire file: the bundled one is complete and bilingual; a broken copy says what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cloudfit.errors import ModelError
from cloudfit.readiness import load_questionnaire
from cloudfit.readiness.questionnaire import READINESS_DIR

THEMES = ("leadership", "legal", "skills", "infrastructure", "security", "data", "funding", "procurement")


def _broken(tmp_path: Path, change) -> Path:
    data = yaml.safe_load((READINESS_DIR / "default.yaml").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_bundled_questionnaire_has_the_issue_themes_with_bilingual_questions() -> None:
    q = load_questionnaire()
    assert tuple(t.id for t in q.themes) == THEMES
    for question in q.questions.values():
        assert question.en != question.vi and question.evidence.vi
        assert q.theme_of[question.id] == question.id.split(".")[0]
        assert len(q.answers(question.id)) >= 2
    assert any(question.blocker for question in q.questions.values())
    assert {gate.id for gate in q.gates} == {"security_dossiers", "procurement_route", "skills_capacity"}


def test_bands_map_scores_to_the_five_colours() -> None:
    q = load_questionnaire()
    assert [q.band_of(s) for s in (0, 19.9, 20, 59.9, 60, 80, 100)] == [
        "red", "red", "yellow_red", "yellow", "yellow_green", "green", "green",
    ]  # fmt: skip
    assert q.band_of(q.band_ceiling("yellow_red")) == "yellow_red"


def test_unknown_key_is_named(tmp_path: Path) -> None:
    path = _broken(tmp_path, lambda d: d["themes"][0]["questions"][0].update(weight=3))
    with pytest.raises(ModelError, match=r"themes\[0\]\.questions\[0\]\.weight"):
        load_questionnaire(path)


def test_blocker_answer_outside_the_scale_is_refused(tmp_path: Path) -> None:
    path = _broken(tmp_path, lambda d: d["themes"][0]["questions"][0]["blocker"].update(answers=["maybe"]))
    with pytest.raises(ModelError, match=r"'maybe' is not an answer of leadership\.plan"):
        load_questionnaire(path)


def test_unquoted_yes_read_as_boolean_is_refused(tmp_path: Path) -> None:
    path = _broken(tmp_path, lambda d: d["scales"]["yes_no"][0].update(code=True))
    with pytest.raises(ModelError, match=r"scales\.yes_no\[0\]\.code"):
        load_questionnaire(path)


def test_prerequisite_cycle_is_refused(tmp_path: Path) -> None:
    def cycle(d: dict) -> None:
        first = next(a for a in d["actions"] if a["id"] == "leadership.name_lead")
        first["prerequisites"] = ["leadership.approve_plan"]

    with pytest.raises(ModelError, match="cycle"):
        load_questionnaire(_broken(tmp_path, cycle))


def test_gate_needs_a_known_action(tmp_path: Path) -> None:
    path = _broken(tmp_path, lambda d: d["gates"][0].update(until="legal.nothing"))
    with pytest.raises(ModelError, match=r"gates\[0\]\.until: unknown action"):
        load_questionnaire(path)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="does not exist"):
        load_questionnaire(tmp_path / "none.yaml")
