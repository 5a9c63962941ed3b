"""The session's readiness answers: from an uploaded questionnaire, the sample, or the in-app form.

The answers are kept per agency with the findings of reading them; the
ratings are recomputed from them (cheap: a few agencies × a few dozen
questions). `applied()` is what the planner sees: the readiness only when
the analyst has switched the gates on, with a key for the caches.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from cloudfit.findings import Finding
from cloudfit.readiness import Given, Questionnaire, ReadinessResult, load_questionnaire, rate
from cloudfit.sandbox import read_answers_bounded

SAMPLE = Path(__file__).resolve().parents[2] / "app_inventories" / "sample_readiness.xlsx"
ANSWERS = "readiness_answers"
APPLY = "readiness_apply"


@dataclass(frozen=True)
class Answers:
    """Answers per agency, where they came from, and the findings of reading them."""

    source: str
    agencies: dict[str, dict[str, Given]]
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def key(self) -> str:
        text = repr(sorted((a, sorted((q, g.answer, g.evidence) for q, g in given.items()))
                           for a, given in self.agencies.items()))  # fmt: skip
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@st.cache_resource(show_spinner=False)
def questionnaire() -> Questionnaire:
    return load_questionnaire()


def answers() -> Answers | None:
    return st.session_state.get(ANSWERS)


def load_file(name: str, data: bytes) -> None:
    """Read an uploaded questionnaire (raises CloudfitError for an unusable file) and keep its answers."""
    agencies, findings, source = read_answers_bounded(data, filename=name)  # parsed in a bounded child
    st.session_state[ANSWERS] = Answers(source, agencies, tuple(findings))


def load_sample() -> None:
    load_file(SAMPLE.name, SAMPLE.read_bytes())


def clear() -> None:
    st.session_state.pop(ANSWERS, None)
    st.session_state[APPLY] = False


def set_agency(agency: str, given: dict[str, Given]) -> None:
    """The form's answers for one agency replace what the session had for it."""
    current = answers()
    agencies = dict(current.agencies) if current else {}
    agencies[agency] = given
    findings = current.findings if current else ()
    st.session_state[ANSWERS] = Answers(current.source if current else "form", agencies, findings)


@st.cache_resource(max_entries=8, ttl=dt.timedelta(minutes=20), show_spinner=False)
def _rated(key: str, _answers: Answers) -> ReadinessResult:
    return rate(questionnaire(), _answers.agencies, _answers.findings, _answers.source)


def result() -> ReadinessResult | None:
    current = answers()
    if current is None or not current.agencies:
        return None
    return _rated(current.key, current)


def applied() -> tuple[str, ReadinessResult] | None:
    """(cache key, readiness) when the gates are switched on and there are answers."""
    current = answers()
    if not st.session_state.get(APPLY) or current is None or not current.agencies:
        return None
    return current.key, _rated(current.key, current)
