"""An application's explanation as a document a reviewer reads, not a JSON tree.

The decisions first (what, by which rule, when it applies in plain words,
why, on what legal basis), then how the fitness and effort scores add up,
what was missing, and which model file (name and checksum) produced them.
The same dict is in the JSON result for machines.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from cloudfit import formatting, i18n
from cloudfit.condition_text import condition_plain
from cloudfit.model_text import translated
from cloudfit.scoring_model.schema import Condition
from cloudfit.ui.widgets import plain, tr

CONFIDENCE_COLOURS = ((0.8, "green"), (0.6, "orange"), (0.0, "red"))


def confidence_colour(confidence: float) -> str:
    """Green from 80%, orange from 60%, red below: how far the inputs can be trusted."""
    return next(colour for floor, colour in CONFIDENCE_COLOURS if confidence >= floor)


def confidence_badge(confidence: float, lang: str) -> None:
    st.badge(formatting.number(confidence * 100, lang) + "%", color=confidence_colour(confidence))


def _when(when: Any, lang: str) -> str:
    if not when:
        return condition_plain(None, lang)
    return condition_plain(Condition.model_validate(when) if isinstance(when, dict) else when, lang)


def _constraint(ref: Any) -> str:
    """A constraint that applied: its id and whether it is law or policy (no raw dict on the page)."""
    if not isinstance(ref, dict):
        return str(ref)
    kind = ref.get("kind")
    return f"{ref.get('rule')} ({tr(f'kind.{kind}')})" if kind else str(ref.get("rule"))


def decisions(explanation: dict, lang: str) -> None:
    """Deployment and strategy: outcome, rule, its condition in words, reason and legal basis, wrapped."""
    labels = {"deployment": i18n.deployment_label, "strategy": i18n.strategy_label}
    for kind, label in labels.items():
        decision = explanation.get(kind) or {}
        st.markdown(f"**{tr(f'ui.application.rule.{kind}')}: {plain(label(decision.get('outcome'), lang))}**")
        lines = [
            f"{tr('ui.explain.rule')}: {plain(decision.get('rule') or '-')}",
            f"{tr('ui.explain.when')}: {plain(_when(decision.get('when'), lang))}",
            f"{tr('ui.explain.reason')}: {plain(translated(decision.get('reason'), lang) or '-')}",
        ]
        if decision.get("basis"):
            label = tr("ui.explain.basis" if decision.get("kind") == "law" else "ui.explain.basis_policy")
            lines.append(f"{label}: {plain(translated(decision['basis'], lang))}")
        applied = decision.get("constraints_applied") or []
        if applied:
            lines.append(
                f"{tr('ui.explain.constraints')}: {plain(', '.join(_constraint(c) for c in applied))}"
            )
        st.markdown("\n".join(f"- {line}" for line in lines))


def _factors(rows: list[dict], lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            tr("ui.explain.criterion"): [translated(r.get("label") or r.get("id"), lang) for r in rows],
            tr("ui.explain.value"): ["" if not r.get("known") else plain(r.get("value")) for r in rows],
            tr("ui.explain.points"): [r.get("points") for r in rows],
            tr("ui.explain.weight_share"): [round(100 * float(r.get("weight_share") or 0), 1) for r in rows],
            tr("ui.explain.contribution"): [r.get("contribution") for r in rows],
        }
    )


def document(explanation: dict, lang: str) -> None:
    """How the scores add up, what was missing and which model produced them."""
    st.markdown(
        tr("ui.explain.fitness").format(
            fitness=formatting.number(explanation.get("fitness") or 0, lang, 1),
            band=i18n.band_label(explanation.get("band"), lang),
            before=formatting.number(explanation.get("fitness_before_caps") or 0, lang, 1),
        )
    )
    st.dataframe(_factors(explanation.get("criteria") or [], lang), hide_index=True, width="stretch")
    caps = explanation.get("caps") or []
    if caps:
        st.markdown(
            "\n".join(
                f"- {plain(translated(c.get('reason'), lang))} (≤ {formatting.number(c.get('max') or 0, lang)})"
                for c in caps
            )
        )
    effort = explanation.get("effort") or {}
    st.markdown(
        tr("ui.explain.effort").format(
            score=formatting.number(effort.get("score") or 0, lang, 1),
            size=i18n.effort_label(effort.get("size"), lang),
            days=formatting.number(effort.get("person_days") or 0, lang),
            complexity=formatting.number(effort.get("complexity_score") or 0, lang, 1),
        )
    )
    st.dataframe(_factors(effort.get("factors") or [], lang), hide_index=True, width="stretch")
    missing = explanation.get("missing") or []
    if missing:
        st.caption(tr("ui.application.missing").format(fields=plain(", ".join(map(str, missing)))))
    model = explanation.get("model") or {}
    st.caption(
        tr("ui.explain.model").format(
            name=plain(model.get("name")),
            version=plain(model.get("version")),
            file=plain(model.get("file") or "-"),
            sha=plain((model.get("sha256") or "-")[:12]),
        )
    )
