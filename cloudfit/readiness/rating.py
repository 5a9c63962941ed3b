"""Ratings: an agency's answers → a five-colour rating per theme, strengths, challenges and an action plan.

The rating follows the report's definitions rather than an average: the
score (the marker on the Low→High scale) is the importance-weighted worth
of the answers given, its colour comes from the questionnaire's bands, a
blocker answer caps the colour however good the rest is, and Green needs
clear evidence (every *** question answered with its evidence). Unanswered
questions are left out of the score, lower the confidence and are listed
as gaps; a theme with no answer at all is Red: there is no evidence of
readiness.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from cloudfit.findings import Finding
from cloudfit.readiness.questionnaire import Questionnaire
from cloudfit.vocabulary import BANDS


@dataclass(frozen=True)
class Given:
    """One answer as read: the question, the answer code (None if unanswered) and its evidence."""

    question: str
    answer: str | None
    evidence: str = ""


@dataclass(frozen=True)
class ThemeRating:
    """One agency × theme: the colour, the marker, and the answers behind them (question ids)."""

    theme: str
    rating: str
    score: float
    confidence: float
    blockers: tuple[str, ...]
    strengths: tuple[str, ...]
    challenges: tuple[str, ...]
    gaps: tuple[str, ...]
    evidence_missing: tuple[str, ...]
    answers: tuple[Given, ...]


@dataclass(frozen=True)
class PlannedAction:
    """One action of an agency's plan with its months (1 = the first month of the plan)."""

    action: str
    theme: str
    start_month: int
    end_month: int


@dataclass(frozen=True)
class AgencyReadiness:
    agency: str
    themes: tuple[ThemeRating, ...]
    actions: tuple[PlannedAction, ...]

    def theme(self, theme_id: str) -> ThemeRating:
        return next(t for t in self.themes if t.theme == theme_id)

    def answer(self, question_id: str) -> str | None:
        return next((g.answer for t in self.themes for g in t.answers if g.question == question_id), None)

    def action_end(self, action_id: str) -> int | None:
        return next((a.end_month for a in self.actions if a.action == action_id), None)

    @property
    def lowest(self) -> str:
        """The worst colour of its themes."""
        return min((t.rating for t in self.themes), key=BANDS.index)


@dataclass(frozen=True)
class ReadinessResult:
    """Every agency's readiness under one questionnaire, with the findings of reading the answers."""

    questionnaire: Questionnaire
    agencies: tuple[AgencyReadiness, ...]
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    source: str = ""

    def agency(self, name: str) -> AgencyReadiness | None:
        return next((a for a in self.agencies if a.agency == name), None)


def rate_theme(q: Questionnaire, theme_id: str, given: dict[str, Given]) -> ThemeRating:
    """The rating of one theme from the answers given (by question id)."""
    theme = q.themes_by_id[theme_id]
    weight = answered = worth = 0.0
    blockers, strengths, challenges, gaps, no_evidence, answers = [], [], [], [], [], []
    cap = BANDS[-1]
    for question in theme.questions:
        weight += question.importance
        item = given.get(question.id)
        if item is None or item.answer is None:
            gaps.append(question.id)
            answers.append(Given(question.id, None, item.evidence if item else ""))
            if question.importance == 3:
                no_evidence.append(question.id)
            continue
        answers.append(item)
        points = q.answers(question.id)[item.answer].points
        answered += question.importance
        worth += question.importance * points
        if question.blocker and item.answer in question.blocker.answers:
            blockers.append(question.id)
            cap = min(cap, question.blocker.cap, key=BANDS.index)
        if points >= q.strength_from:
            strengths.append(question.id)
        elif points <= q.challenge_up_to:
            challenges.append(question.id)
        if question.importance == 3 and not item.evidence.strip():
            no_evidence.append(question.id)
    score = round(100.0 * worth / answered, 1) if answered else 0.0
    if q.green_needs_evidence and no_evidence:
        cap = min(cap, "yellow_green", key=BANDS.index)
    rating = min(q.band_of(score), cap, key=BANDS.index)
    return ThemeRating(
        theme=theme_id,
        rating=rating,
        score=min(score, q.band_ceiling(rating)),
        confidence=round(answered / weight, 2),
        blockers=tuple(blockers),
        strengths=tuple(strengths),
        challenges=tuple(challenges),
        gaps=tuple(gaps),
        evidence_missing=tuple(no_evidence) if q.band_of(score) == "green" else (),
        answers=tuple(answers),
    )


def plan_actions(
    q: Questionnaire, themes: dict[str, ThemeRating], given: dict[str, Given]
) -> tuple[PlannedAction, ...]:
    """The catalogue's actions for themes below Green, each starting after its proposed prerequisites."""
    proposed = {
        action.id: action
        for action in q.actions
        if themes[action.theme].rating != "green"
        and any(
            given.get(qid) is not None and given[qid].answer in codes for qid, codes in action.when.items()
        )
    }
    order = {action.id: i for i, action in enumerate(q.actions)}
    graph = nx.DiGraph()
    graph.add_nodes_from(proposed)
    graph.add_edges_from((p, a.id) for a in proposed.values() for p in a.prerequisites if p in proposed)
    end: dict[str, int] = {}
    planned = []
    for action_id in nx.lexicographical_topological_sort(graph, key=order.__getitem__):
        action = proposed[action_id]
        start = 1 + max((end[p] for p in graph.predecessors(action_id)), default=0)
        end[action_id] = start + action.months - 1
        planned.append(PlannedAction(action_id, action.theme, start, end[action_id]))
    theme_order = [t.id for t in q.themes]
    planned.sort(key=lambda a: (a.start_month, theme_order.index(a.theme), order[a.action]))
    return tuple(planned)


def rate_agency(q: Questionnaire, agency: str, given: dict[str, Given]) -> AgencyReadiness:
    """All themes and the action plan of one agency."""
    themes = {theme.id: rate_theme(q, theme.id, given) for theme in q.themes}
    return AgencyReadiness(agency, tuple(themes.values()), plan_actions(q, themes, given))


def rate(
    q: Questionnaire,
    answers: dict[str, dict[str, Given]],
    findings: tuple[Finding, ...] = (),
    source: str = "",
) -> ReadinessResult:
    """Every agency's readiness; agencies in the order given."""
    agencies = tuple(rate_agency(q, agency, given) for agency, given in answers.items())
    return ReadinessResult(q, agencies, tuple(findings), source)
