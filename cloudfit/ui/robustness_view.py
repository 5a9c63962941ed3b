"""How robust each decision is, in plain words: the Application page's section and the
Scoring model page's sensitivity table. Both read `Assessment.robustness`; nothing is recomputed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from cloudfit import i18n
from cloudfit.assessment import Assessment
from cloudfit.roadmap.robustness_sheets import sensitivity_rows, value_text
from cloudfit.robustness import DECISIONS
from cloudfit.ui import state
from cloudfit.ui.widgets import column_label, plain, table, tr

_OUTCOME_LABELS = {
    "band": i18n.band_label,
    "deployment": i18n.deployment_label,
    "strategy": i18n.strategy_label,
}


def margin_lines(result: Assessment, position: int) -> list[str]:
    """One sentence per decision: how far its score is from the threshold behind it."""
    margins = result.robustness.margin_dicts(position, position + 1)[0]
    scores = result.scores.table.iloc[position]
    lines = []
    for decision in DECISIONS:
        margin = margins[decision]
        name = column_label(decision)
        if margin is None:
            lines.append(tr("ui.application.margin.none").format(decision=name))
            continue
        key = "ui.application.margin.band" if margin["rule"] is None else "ui.application.margin.rule"
        lines.append(
            tr(key).format(
                decision=name,
                score=tr(f"ui.application.score.{margin['field']}"),
                value=float(scores[margin["field"]]),
                distance=margin["distance"],
                threshold=margin["threshold"],
                rule=plain(margin["rule"]),
            )
        )
    return lines


def flip_table(result: Assessment, position: int) -> pd.DataFrame:
    """The application's flips, most plausible first (the robustness order): decision, input, the
    value it would need, what the decision would be."""
    lang = state.lang()
    flips = result.robustness.flips
    lo, hi = np.searchsorted(flips["row"].to_numpy(), [position, position + 1])
    mine = flips.iloc[lo:hi]
    return pd.DataFrame(
        {
            "decision": [column_label(d) for d in mine["decision"]],
            "input": [column_label(f) for f in mine["field"]],
            "value_if": value_text(mine["value"], lang).tolist(),
            "would_be": [_OUTCOME_LABELS[d](o, lang) for d, o in zip(mine["decision"], mine["outcome"])],
            "one_step": mine["one_step"].astype(bool).tolist(),
        }
    )


def application_section(result: Assessment, position: int) -> None:
    """Fragile or not, the margins in plain words, the changes that would flip a decision, TIME."""
    st.markdown(f"**{tr('ui.application.robustness')}**")
    robust = result.robustness
    if bool(robust.table["fragile"].iloc[position]):
        st.warning(tr("ui.application.fragile"))
    else:
        st.success(tr("ui.application.sturdy").format(margin=result.model.robustness.fragile_margin))
    for line in margin_lines(result, position):
        st.caption(line)
    view = result.results.iloc[position]
    st.markdown(
        tr("ui.application.time").format(
            quadrant=i18n.t(f"time.{view['time_quadrant']}", state.lang()),
            value=float(view["business_value_score"]),
            fit=float(view["fitness"]),
        )
    )
    flips = flip_table(result, position)
    st.markdown(f"**{tr('ui.application.flips')}**")
    if flips.empty:
        st.info(tr("ui.application.no_flips"))
    else:
        table(flips, key="application_flips")


def sensitivity_section(result: Assessment) -> None:
    """The portfolio's sensitivity table, with what it means for the what-if sliders."""
    st.subheader(tr("ui.model.sensitivity"))
    deployment = result.robustness.sensitivity["deployment"]
    settings = result.model.robustness
    st.caption(
        tr("ui.model.sensitivity_help").format(
            spread=settings.weight_spread,
            weights=deployment.get("weights", 0.0),
            inputs=deployment["any_input"],
        )
    )
    frame = sensitivity_rows(result, state.lang())
    for decision in DECISIONS:
        frame[decision] = frame[decision].map(lambda v: "" if v is None else f"{v:.1%}")
    table(frame.rename(columns={"change": tr("ui.col.change")}), key="model_sensitivity")
