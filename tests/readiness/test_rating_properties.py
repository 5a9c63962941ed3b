"""Properties of the ratings over any answers: blockers cap, Green needs evidence, the marker fits its colour."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cloudfit.readiness import Given, load_questionnaire
from cloudfit.readiness.rating import rate_agency
from cloudfit.vocabulary import BANDS

Q = load_questionnaire()


@st.composite
def answers(draw) -> dict[str, Given]:
    chosen = {}
    for qid in Q.questions:
        code = draw(st.one_of(st.none(), st.sampled_from(list(Q.answers(qid)))))
        evidence = draw(st.sampled_from(["", "QĐ 1/2025"]))
        if code is not None or evidence:
            chosen[qid] = Given(qid, code, evidence)
    return chosen


@given(answers())
def test_ratings_follow_the_definitions(given_answers: dict[str, Given]) -> None:
    agency = rate_agency(Q, "Bộ A", given_answers)
    for theme in agency.themes:
        questions = Q.themes_by_id[theme.theme].questions
        rank = BANDS.index(theme.rating)
        assert rank <= BANDS.index(Q.band_of(theme.score))  # the colour never exceeds the marker's
        assert Q.band_of(theme.score) == theme.rating  # and the marker stays inside its colour
        for question in questions:
            g = given_answers.get(question.id)
            if question.blocker and g is not None and g.answer in question.blocker.answers:
                assert rank <= BANDS.index(question.blocker.cap)
        if theme.rating == "green":
            for question in questions:
                if question.importance == 3:
                    g = given_answers.get(question.id)
                    assert g is not None and g.answer is not None and g.evidence
        answered = sum(q.importance for q in questions if given_answers.get(q.id, Given(q.id, None)).answer)
        assert theme.confidence == round(answered / sum(q.importance for q in questions), 2)
        assert len(theme.gaps) == sum(
            1 for q in questions if given_answers.get(q.id, Given(q.id, None)).answer is None
        )
    planned = {a.action: a for a in agency.actions}
    for action in agency.actions:
        assert agency.theme(action.theme).rating != "green"
        for prerequisite in Q.actions_by_id[action.action].prerequisites:
            if prerequisite in planned:
                assert planned[prerequisite].end_month < action.start_month
