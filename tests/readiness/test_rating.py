"""Ratings by the report's definitions, worked out by hand from the bundled questionnaire."""

from __future__ import annotations

import pytest

from cloudfit.readiness import Given, load_questionnaire, rate
from cloudfit.readiness.rating import rate_agency, rate_theme
from cloudfit.readiness.report import readiness_json, theme_dict

Q = load_questionnaire()


def given(answers: dict[str, str | None], evidence: str = "Decision 12/QĐ") -> dict[str, Given]:
    return {qid: Given(qid, code, evidence if code else "") for qid, code in answers.items()}


def best(theme: str) -> dict[str, str]:
    """The best answer of every question of a theme."""
    return {q.id: next(iter(Q.answers(q.id))) for q in Q.themes_by_id[theme].questions}


def test_best_answers_with_evidence_are_green_at_100() -> None:
    theme = rate_theme(Q, "leadership", given(best("leadership")))
    assert (theme.rating, theme.score, theme.confidence) == ("green", 100.0, 1.0)
    assert theme.strengths == ("leadership.plan", "leadership.lead", "leadership.unit")
    assert theme.challenges == () and theme.blockers == ()


def test_blocker_caps_the_colour_instead_of_being_averaged_away() -> None:
    # plan none (*** → 0), lead yes (** → 1), unit yes (** → 1): 100 × 4/7 = 57.1, Yellow by score,
    # but "no plan" is a blocker capped at Yellow/Red.
    theme = rate_theme(Q, "leadership", given({"leadership.plan": "none", "leadership.lead": "yes",
                                               "leadership.unit": "yes"}))  # fmt: skip
    assert theme.rating == "yellow_red"
    assert theme.blockers == ("leadership.plan",)
    assert theme.score == 39.9  # the marker stays inside its colour
    assert "leadership.plan" in theme.challenges


def test_green_needs_evidence_for_every_three_star_question() -> None:
    answers = given(best("security"))
    answers["security.dr"] = Given("security.dr", "tested", "")
    theme = rate_theme(Q, "security", answers)
    assert (theme.rating, theme.score) == ("yellow_green", 79.9)
    assert theme.evidence_missing == ("security.dr",)


def test_unanswered_questions_lower_confidence_and_are_gaps_not_zeros() -> None:
    # skills: it_staff ** answered "some" (0.6), cloud_certified *** and turnover * unanswered.
    theme = rate_theme(Q, "skills", given({"skills.it_staff": "some"}))
    assert theme.score == 60.0 and theme.confidence == round(2 / 6, 2)
    assert theme.gaps == ("skills.cloud_certified", "skills.turnover")
    assert theme.rating == "yellow_green"


def test_a_theme_without_answers_is_red_with_no_confidence() -> None:
    theme = rate_theme(Q, "funding", {})
    assert (theme.rating, theme.score, theme.confidence) == ("red", 0.0, 0.0)
    assert len(theme.gaps) == 2


def test_partial_answer_is_a_challenge_and_worded_from_the_questionnaire() -> None:
    theme = rate_theme(
        Q, "data", given({"data.catalogue": "partial", "data.owners": "all", "data.reference": "yes"})
    )
    item = theme_dict(Q, theme, "vi")
    assert item["challenges"] == ["Chưa có danh mục cơ sở dữ liệu (Một phần)"]
    assert "Cơ sở dữ liệu có đơn vị chủ quản (Tất cả hoặc gần như tất cả (trên 90%))" in item["strengths"]


def test_actions_follow_their_prerequisites_in_months() -> None:
    answers = {qid: code for theme in Q.themes for qid, code in best(theme.id).items()}
    answers |= {"funding.baseline": "no", "funding.budget_line": "no", "procurement.route": "none",
                "security.monitoring": "no"}  # fmt: skip
    agency = rate_agency(Q, "Sở X", given(answers))
    months = {a.action: (a.start_month, a.end_month) for a in agency.actions}
    # baseline 2 months → budget line 6 → procurement route 4 → monitoring (needs the route) 4
    assert months == {
        "funding.baseline": (1, 2),
        "funding.budget_line": (3, 8),
        "procurement.route": (9, 12),
        "security.monitoring": (13, 16),
    }
    assert [a.action for a in agency.actions] == list(months)


def test_green_theme_gets_no_action_and_absent_prerequisites_do_not_delay() -> None:
    answers = {qid: code for theme in Q.themes for qid, code in best(theme.id).items()}
    answers["security.monitoring"] = "no"  # procurement stays Green: monitoring starts at once
    agency = rate_agency(Q, "Sở Y", given(answers))
    assert [(a.action, a.start_month, a.end_month) for a in agency.actions] == [("security.monitoring", 1, 4)]
    assert agency.theme("procurement").rating == "green"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_json_has_the_contract_keys(lang: str) -> None:
    answers = given({"leadership.plan": "none", "procurement.route": "none"})
    doc = readiness_json(rate(Q, {"Bộ A": answers}), lang)
    agency = doc["agencies"][0]
    assert agency["agency"] == "Bộ A"
    assert set(agency["themes"][0]) >= {"theme", "rating", "score", "blockers", "strengths", "challenges"}
    assert set(agency["actions"][0]) >= {"agency", "theme", "action", "responsible", "start_month", "end_month",
                                         "funding"}  # fmt: skip
    assert {a["theme"] for a in agency["actions"]} == {"leadership", "procurement"}
