"""The readiness questionnaire file: themes, questions, scales, actions and gates as pydantic models.

Data, not code: an analyst edits `scoring_models/readiness/default.yaml`
(or a copy) to change a question, a weight, a blocker or an action. The file
is checked on load: unknown keys, unknown scales, answers that are not in a
question's scale, actions or gates that name unknown questions and cycles of
prerequisites all give one `ModelError` naming the file and the key.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from cloudfit.errors import ModelError
from cloudfit.scoring_model import _pydantic_problems
from cloudfit.vocabulary import BANDS

READINESS_DIR = Path(__file__).resolve().parents[2] / "scoring_models" / "readiness"
_MAX_BYTES = 1_000_000
_MAX_PROBLEMS = 12

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_.]*$", max_length=60)]
Code = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_]*$", max_length=40)]
Text = Annotated[str, Field(min_length=1)]
Band = Literal["red", "yellow_red", "yellow", "yellow_green", "green"]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Bilingual(_Part):
    """A text in English and Vietnamese."""

    en: Text
    vi: Text

    def get(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


class Answer(_Part):
    """One answer of a scale: its code, labels and its worth (1 = fully ready)."""

    code: Code
    en: Text
    vi: Text
    points: float = Field(ge=0, le=1)

    def label(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


class Blocker(_Part):
    """Answers that cap the theme's colour at `cap`, whatever the other answers."""

    answers: list[Code] = Field(min_length=1)
    cap: Band


class Question(_Part):
    id: Identifier
    importance: int = Field(ge=1, le=3)
    scale: Identifier
    en: Text
    vi: Text
    evidence: Bilingual
    strength: Bilingual
    challenge: Bilingual
    blocker: Blocker | None = None

    def text(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


class Theme(_Part):
    id: Identifier
    en: Text
    vi: Text
    questions: list[Question] = Field(min_length=1)

    def label(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


class Action(_Part):
    """A catalogue entry: proposed when one of the `when` answers was given and its theme is below Green."""

    id: Identifier
    theme: Identifier
    when: dict[str, list[Code]] = Field(min_length=1)
    en: Text
    vi: Text
    responsible: Bilingual
    months: int = Field(ge=1, le=60)
    funding: Bilingual
    prerequisites: list[Identifier] = Field(default_factory=list)

    def text(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


class Gate(_Part):
    """How an answer or a theme rating holds back an agency's applications in the wave plan.

    Either a `question` with `answers` (the applications selected by
    `min_security_level` / `deployments` wait until action `until` is done),
    or a `theme` with `ratings` and an `effort_factor` for all its applications.
    """

    id: Identifier
    question: Identifier | None = None
    answers: list[Code] = Field(default_factory=list)
    min_security_level: int | None = Field(None, ge=1, le=5)
    deployments: list[Literal["public", "hybrid", "private", "on_premises"]] = Field(default_factory=list)
    until: Identifier | None = None
    theme: Identifier | None = None
    ratings: list[Band] = Field(default_factory=list)
    effort_factor: float | None = Field(None, gt=1, le=5)

    @model_validator(mode="after")
    def _one_form(self) -> Gate:
        answer_form = self.question is not None and bool(self.answers) and self.until is not None
        theme_form = self.theme is not None and bool(self.ratings) and self.effort_factor is not None
        if answer_form == theme_form:
            raise ValueError(
                "a gate is either {question, answers, until, min_security_level and/or deployments} "
                "or {theme, ratings, effort_factor}"
            )
        if answer_form and self.min_security_level is None and not self.deployments:
            raise ValueError(
                "a gate on a question says which applications it holds: min_security_level or deployments"
            )
        return self


class SkillsSource(_Part):
    """Which answer gives the per-application `team_cloud_skills` when the inventory has none."""

    question: Identifier
    answers: dict[str, Literal["low", "medium", "high"]]


class Questionnaire(_Part):
    name: Text
    version: Text
    title: Bilingual
    bands: dict[Literal["yellow_red", "yellow", "yellow_green", "green"], float]
    green_needs_evidence: bool = True
    strength_from: float = Field(ge=0, le=1)
    challenge_up_to: float = Field(ge=0, le=1)
    scales: dict[Identifier, list[Answer]]
    themes: list[Theme] = Field(min_length=1)
    actions: list[Action] = Field(default_factory=list)
    gates: list[Gate] = Field(default_factory=list)
    pilot_min_rating: Band = "yellow"
    team_cloud_skills: SkillsSource | None = None

    @cached_property
    def questions(self) -> dict[str, Question]:
        return {q.id: q for theme in self.themes for q in theme.questions}

    @cached_property
    def theme_of(self) -> dict[str, str]:
        return {q.id: theme.id for theme in self.themes for q in theme.questions}

    @cached_property
    def themes_by_id(self) -> dict[str, Theme]:
        return {theme.id: theme for theme in self.themes}

    @cached_property
    def actions_by_id(self) -> dict[str, Action]:
        return {action.id: action for action in self.actions}

    def answers(self, question_id: str) -> dict[str, Answer]:
        """The answers allowed for a question, by code, best first."""
        return {a.code: a for a in self.scales[self.questions[question_id].scale]}

    def band_of(self, score: float) -> str:
        """The colour of a theme score: the highest band whose lowest score it reaches."""
        reached = [band for band in BANDS[1:] if score >= self.bands[band]]
        return reached[-1] if reached else "red"

    def band_ceiling(self, band: str) -> float:
        """The highest score a theme capped at `band` can show (just under the next band)."""
        index = BANDS.index(band)
        return 100.0 if index == len(BANDS) - 1 else self.bands[BANDS[index + 1]] - 0.1


def _check(q: Questionnaire) -> list[tuple[str, str]]:
    """What pydantic cannot see: references between scales, questions, actions and gates."""
    problems: list[tuple[str, str]] = []
    lows = [q.bands.get(band) for band in BANDS[1:]]
    if None in lows or sorted(lows) != lows or len(set(lows)) != len(lows):
        problems.append(("bands", f"give the lowest score of {', '.join(BANDS[1:])}, rising, in this order"))
    seen: set[str] = set()
    for t, theme in enumerate(q.themes):
        for i, question in enumerate(theme.questions):
            where = f"themes[{t}].questions[{i}]"
            if question.id in seen:
                problems.append((f"{where}.id", f"question id {question.id!r} is used twice"))
            seen.add(question.id)
            if question.scale not in q.scales:
                problems.append(
                    (f"{where}.scale", f"unknown scale {question.scale!r}; scales: {', '.join(q.scales)}")
                )
            elif question.blocker:
                problems += _unknown_answers(
                    q, question.id, question.blocker.answers, f"{where}.blocker.answers"
                )
    if problems:
        return problems
    for a, action in enumerate(q.actions):
        where = f"actions[{a}]"
        if action.theme not in q.themes_by_id:
            problems.append((f"{where}.theme", f"unknown theme {action.theme!r}"))
        for question_id, codes in action.when.items():
            problems += _unknown_answers(q, question_id, codes, f"{where}.when.{question_id}")
        for prerequisite in action.prerequisites:
            if prerequisite not in q.actions_by_id:
                problems.append((f"{where}.prerequisites", f"unknown action {prerequisite!r}"))
    if not problems:
        problems += _cycles(q)
    for g, gate in enumerate(q.gates):
        where = f"gates[{g}]"
        if gate.question is not None:
            problems += _unknown_answers(q, gate.question, gate.answers, f"{where}.answers")
        if gate.until is not None and gate.until not in q.actions_by_id:
            problems.append((f"{where}.until", f"unknown action {gate.until!r}"))
        if gate.theme is not None and gate.theme not in q.themes_by_id:
            problems.append((f"{where}.theme", f"unknown theme {gate.theme!r}"))
    if q.team_cloud_skills is not None:
        source = q.team_cloud_skills
        problems += _unknown_answers(q, source.question, list(source.answers), "team_cloud_skills.answers")
    return problems


def _unknown_answers(
    q: Questionnaire, question_id: str, codes: list[str], where: str
) -> list[tuple[str, str]]:
    if question_id not in q.questions:
        return [(where, f"unknown question {question_id!r}")]
    allowed = q.answers(question_id)
    wrong = [code for code in codes if code not in allowed]
    return (
        [(where, f"{wrong[0]!r} is not an answer of {question_id}; answers: {', '.join(allowed)}")]
        if wrong
        else []
    )


def _cycles(q: Questionnaire) -> list[tuple[str, str]]:
    import networkx as nx

    graph = nx.DiGraph((p, a.id) for a in q.actions for p in a.prerequisites)
    try:
        cycle = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return []
    return [("actions", "prerequisites form a cycle: " + " → ".join(edge[0] for edge in cycle))]


def load_questionnaire(name_or_path: str | Path = "default") -> Questionnaire:
    """A bundled questionnaire by name or a file by path, validated."""
    text = str(name_or_path)
    path = Path(text) if text.endswith((".yaml", ".yml")) or "/" in text else READINESS_DIR / f"{text}.yaml"
    if not path.is_file():
        raise ModelError(f"Readiness questionnaire file {path} does not exist.")
    if path.stat().st_size > _MAX_BYTES:
        raise ModelError(f"Readiness questionnaire {path} is larger than {_MAX_BYTES // 1000} kB.")
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        raise ModelError(f"Readiness questionnaire {path} is not readable YAML: {error}") from None
    if not isinstance(data, dict):
        raise ModelError(f"Readiness questionnaire {path} must be a map of keys (name, themes, …).")
    try:
        questionnaire = Questionnaire.model_validate(data)
    except ValidationError as error:
        raise _fail(path, _pydantic_problems(error)) from None
    problems = _check(questionnaire)
    if problems:
        raise _fail(path, problems)
    return questionnaire


def _fail(path: Path, problems: list[tuple[str, str]]) -> ModelError:
    lines = [f"  - {where}: {what}" for where, what in problems[:_MAX_PROBLEMS]]
    return ModelError(f"Readiness questionnaire {path} is invalid:\n" + "\n".join(lines))
