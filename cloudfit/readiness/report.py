"""Readiness in words and tables: the JSON keys, the per-agency table of the report and the heat map data.

One rendering for the CLI, the JSON, the workbook sheet and the Readiness
page, so they cannot disagree. Texts come from the questionnaire file in
the language asked for.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from cloudfit.readiness.questionnaire import Questionnaire
from cloudfit.readiness.rating import AgencyReadiness, ReadinessResult, ThemeRating

THEME_COLUMNS = (
    "agency",
    "theme",
    "rating",
    "score",
    "confidence",
    "blockers",
    "strengths",
    "challenges",
    "gaps",
)
ACTION_COLUMNS = ("agency", "theme", "action", "responsible", "start_month", "end_month", "funding")


def answer_phrase(q: Questionnaire, question_id: str, answer: str | None, lang: str) -> str:
    """'An approved cloud plan (Approved)': the question's strength or challenge wording with the answer."""
    question = q.questions[question_id]
    if answer is None:
        return question.text(lang)
    label = q.answers(question_id)[answer].label(lang)
    worth = q.answers(question_id)[answer].points
    words = question.strength if worth >= q.strength_from else question.challenge
    return f"{words.get(lang)} ({label})"


def theme_dict(q: Questionnaire, theme: ThemeRating, lang: str) -> dict[str, Any]:
    """One theme of the JSON: the contract keys, then confidence, gaps and the answers behind it."""
    given = {g.question: g.answer for g in theme.answers}

    def phrases(ids: tuple[str, ...]) -> list[str]:
        return [answer_phrase(q, qid, given.get(qid), lang) for qid in ids]

    return {
        "theme": theme.theme,
        "rating": theme.rating,
        "score": theme.score,
        "blockers": phrases(theme.blockers),
        "strengths": phrases(theme.strengths),
        "challenges": phrases(theme.challenges),
        "confidence": theme.confidence,
        "gaps": [q.questions[qid].text(lang) for qid in theme.gaps],
        "evidence_missing": [q.questions[qid].text(lang) for qid in theme.evidence_missing],
        "answers": [
            {
                "question": g.question,
                "answer": g.answer,
                "label": None if g.answer is None else q.answers(g.question)[g.answer].label(lang),
                "evidence": g.evidence or None,
            }
            for g in theme.answers
        ],
    }


def action_dicts(q: Questionnaire, agency: AgencyReadiness, lang: str) -> list[dict[str, Any]]:
    rows = []
    for planned in agency.actions:
        action = q.actions_by_id[planned.action]
        rows.append(
            {
                "agency": agency.agency,
                "theme": planned.theme,
                "action": action.text(lang),
                "responsible": action.responsible.get(lang),
                "start_month": planned.start_month,
                "end_month": planned.end_month,
                "funding": action.funding.get(lang),
                "id": planned.action,
                "prerequisites": [p for p in action.prerequisites if agency.action_end(p) is not None],
            }
        )
    return rows


def readiness_json(result: ReadinessResult, lang: str = "en") -> dict[str, Any]:
    """The `readiness` document (docs/json-result.md)."""
    q = result.questionnaire
    return {
        "questionnaire": {"name": q.name, "version": q.version},
        "source": result.source or None,
        "agencies": [
            {
                "agency": agency.agency,
                "themes": [theme_dict(q, theme, lang) for theme in agency.themes],
                "actions": action_dicts(q, agency, lang),
            }
            for agency in result.agencies
        ],
        "findings": [f.to_dict() for f in result.findings],
    }


def theme_table(result: ReadinessResult, lang: str = "en") -> pd.DataFrame:
    """One row per agency × theme, texts joined by line breaks: the report's Table 1/2 for every agency."""
    q = result.questionnaire
    rows = []
    for agency in result.agencies:
        for theme in agency.themes:
            item = theme_dict(q, theme, lang)
            rows.append(
                {
                    "agency": agency.agency,
                    "theme": q.themes_by_id[theme.theme].label(lang),
                    "rating": theme.rating,
                    "score": theme.score,
                    "confidence": theme.confidence,
                    **{key: "\n".join(item[key]) for key in ("blockers", "strengths", "challenges", "gaps")},
                }
            )
    return pd.DataFrame(rows, columns=list(THEME_COLUMNS))


def action_table(result: ReadinessResult, lang: str = "en") -> pd.DataFrame:
    """Every agency's sequenced actions, theme as its label."""
    q = result.questionnaire
    rows = [row for agency in result.agencies for row in action_dicts(q, agency, lang)]
    frame = pd.DataFrame(rows, columns=[*ACTION_COLUMNS, "id", "prerequisites"])
    frame["theme"] = frame["theme"].map(lambda t: q.themes_by_id[t].label(lang))
    return frame[list(ACTION_COLUMNS)]


def heat_table(result: ReadinessResult, lang: str = "en") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Ratings and scores as agencies × theme labels (for the heat map)."""
    q = result.questionnaire
    labels = [theme.label(lang) for theme in q.themes]
    index = [agency.agency for agency in result.agencies]
    ratings = pd.DataFrame(
        [[t.rating for t in a.themes] for a in result.agencies], index=index, columns=labels
    )
    scores = pd.DataFrame([[t.score for t in a.themes] for a in result.agencies], index=index, columns=labels)
    return ratings, scores
