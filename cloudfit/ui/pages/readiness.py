"""Readiness page: the agencies' questionnaire answers as a heat map, one agency's table, its action plan,
the gates on the wave plan, and a form to answer the questions in the app."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cloudfit import charts, i18n
from cloudfit.errors import CloudfitError
from cloudfit.findings import findings_frame
from cloudfit.readiness import Given, ReadinessResult
from cloudfit.readiness.report import action_dicts, theme_dict
from cloudfit.ui import readiness_state, state
from cloudfit.ui.downloads import XLSX_MIME
from cloudfit.ui.widgets import chart, download, error_alert, guard, table, tr

AGENCY = "readiness_agency"
UPLOAD = "readiness_upload"
FORM_AGENCY = "readiness_form_agency"
APPLY_TOGGLE = "readiness_apply_toggle"


def _template_bytes() -> bytes:
    from cloudfit.readiness.template import questionnaire_bytes

    return questionnaire_bytes(readiness_state.questionnaire())


def _answers_bytes() -> bytes:
    """The session's answers (uploaded, sample or from the form) as a filled questionnaire to keep or send."""
    from cloudfit.readiness.template import questionnaire_bytes

    answers = readiness_state.answers()
    return questionnaire_bytes(readiness_state.questionnaire(), answers.agencies if answers else None)


def _workbook_bytes(result: ReadinessResult, lang: str) -> bytes:
    from cloudfit.roadmap.readiness_sheet import readiness_bytes

    return readiness_bytes(result, lang)


def _sources() -> None:
    """Upload, sample, template download, clear."""
    with st.expander(tr("ui.readiness.source"), expanded=readiness_state.answers() is None):
        upload = st.file_uploader(tr("ui.readiness.upload"), type=["xlsx", "xlsm", "ods"], key=UPLOAD)
        if upload is not None and st.session_state.get("readiness_upload_seen") != upload.file_id:
            st.session_state["readiness_upload_seen"] = upload.file_id
            try:
                readiness_state.load_file(upload.name, upload.getvalue())
            except CloudfitError as error:
                error_alert(error)
        a, b, c = st.columns(3)
        if a.button(tr("ui.readiness.sample"), key="readiness_sample"):
            readiness_state.load_sample()
        with b:
            download("ui.readiness.template", _template_bytes, "readiness_questionnaire.xlsx", XLSX_MIME,
                     "download_readiness_template")  # fmt: skip
        if readiness_state.answers() is not None and c.button(
            tr("ui.readiness.clear"), key="readiness_clear"
        ):
            readiness_state.clear()


def _agency_tables(result: ReadinessResult, agency_name: str, lang: str) -> None:
    q = result.questionnaire
    agency = result.agency(agency_name)
    rows = []
    for theme in agency.themes:
        item = theme_dict(q, theme, lang)
        rows.append(
            {
                "theme": q.themes_by_id[theme.theme].label(lang),
                "band": theme.rating,
                "score": theme.score,
                "confidence": f"{theme.confidence:.0%}",
                **{key: "; ".join(item[key]) for key in ("blockers", "strengths", "challenges", "gaps")},
            }
        )
    labels = {key: i18n.t(f"readiness.col.{key}", lang) for key in
              ("theme", "score", "confidence", "blockers", "strengths", "challenges", "gaps")}  # fmt: skip
    st.subheader(tr("ui.readiness.themes"))
    table(pd.DataFrame(rows).rename(columns=labels), key="readiness_themes")
    st.subheader(tr("ui.readiness.actions"))
    actions = action_dicts(q, agency, lang)
    if actions:
        frame = pd.DataFrame(actions)[
            ["theme", "action", "responsible", "start_month", "end_month", "funding"]
        ]
        frame["theme"] = frame["theme"].map(lambda t: q.themes_by_id[t].label(lang))
        names = {c: i18n.t(f"readiness.col.{c}", lang) for c in frame.columns}
        table(frame.rename(columns=names), key="readiness_actions")
    else:
        st.success(tr("ui.readiness.no_actions"))
    with st.expander(tr("ui.readiness.answers")):
        answered = [
            {
                i18n.t("readiness.col.theme", lang): q.themes_by_id[theme.theme].label(lang),
                i18n.t("readiness.col.question", lang): q.questions[g.question].text(lang),
                i18n.t("readiness.col.answer", lang): (
                    q.answers(g.question)[g.answer].label(lang) if g.answer else tr("ui.readiness.unanswered")
                ),
                i18n.t("readiness.col.evidence", lang): g.evidence,
            }
            for theme in agency.themes
            for g in theme.answers
        ]
        table(pd.DataFrame(answered), key="readiness_answers_table")


def _apply_changed() -> None:
    # kept outside the widget's own key: Streamlit forgets a widget's value on pages that do not draw it
    st.session_state[readiness_state.APPLY] = st.session_state[APPLY_TOGGLE]


def _gates() -> None:
    """The switch that applies the gates, and the readiness findings of the gated plan."""
    on = st.toggle(
        tr("ui.readiness.apply"),
        value=bool(st.session_state.get(readiness_state.APPLY)),
        key=APPLY_TOGGLE,
        on_change=_apply_changed,
    )
    if not on or not state.has_source():
        return
    gate_findings = [f for f in state.assessment().findings if f.code.startswith("readiness-")]
    st.subheader(tr("ui.readiness.gates"))
    if gate_findings:
        table(findings_frame(gate_findings), key="readiness_gate_findings")
    else:
        st.info(tr("ui.readiness.no_gates"))


def _form(result: ReadinessResult | None, lang: str) -> None:
    """The same questions in the app: one agency at a time, stored like an uploaded questionnaire."""
    q = readiness_state.questionnaire()
    with st.expander(tr("ui.readiness.form")), st.form("readiness_form"):
        agency = st.text_input(tr("ui.readiness.form_agency"), key=FORM_AGENCY)
        current = result.agency(agency.strip()) if result is not None and agency.strip() else None
        given: dict[str, Given] = {}
        for theme in q.themes:
            st.markdown(f"**{theme.label(lang)}**")
            for question in theme.questions:
                codes = [None, *q.answers(question.id)]
                now = current.answer(question.id) if current else None
                left, right = st.columns([3, 2])
                code = left.selectbox(
                    f"{'*' * question.importance} {question.text(lang)}",
                    codes,
                    index=codes.index(now),
                    format_func=lambda c, qid=question.id: (
                        tr("ui.readiness.unanswered") if c is None else q.answers(qid)[c].label(lang)
                    ),
                    key=f"readiness_q_{question.id}",
                )
                evidence = right.text_input(
                    i18n.t("readiness.col.evidence", lang),
                    placeholder=question.evidence.get(lang),
                    key=f"readiness_e_{question.id}",
                )
                given[question.id] = Given(question.id, code, evidence.strip())
        if st.form_submit_button(tr("ui.readiness.form_submit")) and agency.strip():
            readiness_state.set_agency(agency.strip(), given)
            st.rerun()


@guard
def render() -> None:
    st.title(tr("ui.page.readiness"))
    st.caption(tr("ui.readiness.intro"))
    lang = state.lang()
    _sources()
    result = readiness_state.result()
    if result is None:
        st.info(tr("ui.readiness.none"))
    else:
        chart(charts.readiness_heatmap(result, lang), key="readiness_heatmap")
        names = [a.agency for a in result.agencies]
        if st.session_state.get(AGENCY) not in names:
            st.session_state[AGENCY] = names[0]
        agency = st.selectbox(tr("ui.readiness.agency"), names, key=AGENCY)
        _agency_tables(result, agency, lang)
        if result.findings:
            with st.expander(tr("ui.readiness.findings")):
                table(findings_frame(result.findings), key="readiness_findings")
        left, right = st.columns(2)
        with left:
            download("ui.readiness.download", lambda: _workbook_bytes(result, lang), f"readiness_{lang}.xlsx",
                     XLSX_MIME, "download_readiness")  # fmt: skip
        with right:
            download("ui.readiness.answers_download", _answers_bytes, "readiness_answers.xlsx", XLSX_MIME,
                     "download_readiness_answers")  # fmt: skip
        _gates()
    _form(result, lang)


if __name__ == "__main__":
    render()
