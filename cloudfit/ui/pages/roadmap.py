"""Roadmap page: the calendar by workstream with foundations and the deadline, per-agency roadmaps, live re-planning."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cloudfit import charts, i18n
from cloudfit.errors import OptionsError
from cloudfit.findings import findings_frame
from cloudfit.options import Pin, PlanOptions
from cloudfit.plan_text import decommission_reasons, findings_in
from cloudfit.ui import filtering, state
from cloudfit.ui.widgets import (
    chart,
    error_alert,
    guard,
    num,
    opened,
    require_assessment,
    result_downloads,
    table,
    tr,
)

WAVE_COLUMNS = [
    "wave",
    "name",
    "workstream",
    "start_date",
    "end_date",
    "start_quarter",
    "fiscal_year",
    "start_month",
    "end_month",
    "n_apps",
    "person_days",
    "public",
    "hybrid",
    "private",
    "pilot",
    "oversize",
    "paused_months",
]
WORKSTREAM_MODES = ("agency", "group", "national")


def wave_table(waves: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The waves for people: names in the language, headed as waves (not applications), flags as yes/no."""
    shown = waves[[c for c in WAVE_COLUMNS if c in waves]].copy()
    shown["name"] = [
        i18n.wave_label(n, bool(p), bool(o), lang)
        for n, p, o in zip(waves["wave"].tolist(), waves["pilot"].tolist(), waves["oversize"].tolist())
    ]
    yes_no = {True: i18n.t("bool.true", lang), False: i18n.t("bool.false", lang)}
    for flag in ("pilot", "oversize"):
        shown[flag] = shown[flag].astype(bool).map(yes_no)
    return shown.rename(columns={"name": "wave_name", "hybrid": "hybrid_count"})


def _pins_frame(plan: PlanOptions) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "app_id": pd.Series(list(plan.pins), dtype="object"),
            "wave": pd.array([pin.wave for pin in plan.pins.values()], dtype="Int64"),
            "not_before": pd.Series([pin.not_before for pin in plan.pins.values()], dtype="bool"),
        }
    )


def _pins(edited: pd.DataFrame, known: set[str]) -> dict[str, Pin]:
    """Rows with an application and a wave become pins; half-filled rows are ignored until complete."""
    pins: dict[str, Pin] = {}
    for app_id, wave, not_before in zip(edited["app_id"], edited["wave"], edited["not_before"]):
        if isinstance(app_id, str) and app_id in known and pd.notna(wave):
            pins[app_id] = Pin(int(wave), bool(not_before) if pd.notna(not_before) else False)
    return pins


CALENDAR_WIDGETS = (
    "plan_start",
    "plan_deadline",
    "plan_workstreams",
    "plan_agency_days",
    "plan_national_cap",
)


def _calendar_settings(current: PlanOptions) -> dict:
    """Start, deadline, workstreams and their capacity; empty dates keep the defaults."""
    a, b, c, d, e = st.columns(5)
    start = a.date_input(tr("ui.roadmap.start"), value=current.start, format="YYYY-MM-DD", key="plan_start")
    deadline = b.date_input(
        tr("ui.roadmap.deadline_month"), value=current.deadline, format="YYYY-MM-DD", key="plan_deadline"
    )
    labels = {tr(f"ui.roadmap.workstreams.{m}"): m for m in WORKSTREAM_MODES}
    picked = c.selectbox(
        tr("ui.roadmap.workstreams"),
        list(labels),
        index=WORKSTREAM_MODES.index(current.workstreams),
        key=f"plan_workstreams_{state.lang()}",  # labels change with the language
    )
    mode = labels[picked]
    days = d.number_input(
        tr("ui.roadmap.agency_days"),
        min_value=1.0,
        max_value=1e6,
        step=10.0,
        value=float(current.agency_days_per_month),
        key="plan_agency_days",
    )
    cap = e.number_input(
        tr("ui.roadmap.national_cap"),
        min_value=0,
        max_value=100_000,
        step=1,
        value=int(current.national_apps_per_month or 0),
        key="plan_national_cap",
    )
    return {
        "start": start or None,
        "deadline": deadline or None,
        "workstreams": mode,
        "agency_days_per_month": float(days),
        "national_apps_per_month": int(cap) or None,
        "wave_max_months": current.wave_max_months,
        "keep_together": current.keep_together,
        "freezes": current.freezes,
        "foundation_months": current.foundation_months,
        "agency_groups": current.agency_groups,
    }


def _deadline_metrics(plan, options: PlanOptions) -> None:
    deadline = plan.deadline
    ends = [*plan.waves["end_date"], *plan.foundations["end_date"]]
    a, b, c = st.columns(3)
    a.metric(tr("ui.roadmap.end_date"), max(ends) if ends else "-")
    b.metric(
        f"{tr('ui.roadmap.share_by_deadline')} ({deadline.date.isoformat()})",
        f"{deadline.share:.1%}",
        delta=f"{deadline.share - deadline.target_share:+.1%}",
    )
    needed = deadline.capacity_needed
    c.metric(
        tr("ui.roadmap.capacity_needed"),
        f"{needed:,.0f}" if needed is not None else tr("ui.roadmap.capacity_none"),
        delta=f"{options.agency_days_per_month:,.0f}" if needed is not None else None,
        delta_color="off",
    )


def settings(app_ids: list[str]) -> None:
    """Planner settings; a valid change re-plans at once, an invalid one shows why."""
    current: PlanOptions = st.session_state[state.PLAN]
    with st.expander(tr("ui.roadmap.settings"), expanded=True):
        a, b, c, d = st.columns(4)
        max_apps = a.number_input(
            tr("ui.roadmap.wave_max_apps"),
            min_value=1,
            max_value=100_000,
            step=1,
            value=int(current.wave_max_apps),
            key="plan_max_apps",
        )
        # Person-days are whole days here: integer inputs show "1500", not "1500.00".
        max_days = b.number_input(
            tr("ui.roadmap.wave_max_days"),
            min_value=1,
            max_value=10_000_000,
            step=100,
            value=max(1, round(current.wave_max_days)),
            key="plan_max_days",
        )
        team = c.number_input(
            tr("ui.roadmap.team_days"),
            min_value=1,
            max_value=1_000_000,
            step=50,
            value=max(1, round(current.team_days_per_month)),
            key="plan_team_days",
        )
        pilot = d.number_input(
            tr("ui.roadmap.pilot_size"),
            min_value=0,
            max_value=1000,
            step=1,
            value=int(current.pilot_size),
            key="plan_pilot",
        )
        calendar = _calendar_settings(current)
        st.caption(tr("ui.roadmap.pins_help"))
        base = st.session_state.setdefault("plan_pins_base", _pins_frame(current))
        edited = st.data_editor(
            base,
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            key="plan_pins",
            column_config={
                "app_id": st.column_config.SelectboxColumn(tr("ui.roadmap.pin_app"), options=app_ids),
                "wave": st.column_config.NumberColumn(tr("ui.roadmap.pin_wave"), min_value=1, step=1),
                "not_before": st.column_config.CheckboxColumn(tr("ui.roadmap.pin_not_before"), default=False),
            },
        )
        try:
            wanted = PlanOptions(
                wave_max_apps=int(max_apps),
                wave_max_days=float(max_days),
                team_days_per_month=float(team),
                pilot_size=int(pilot),
                pins=_pins(edited, set(app_ids)),
                **calendar,
            )
        except OptionsError as error:
            error_alert(error)
            return
        if wanted != current:
            st.session_state[state.PLAN] = wanted
        if st.button(tr("ui.roadmap.reset"), key="plan_reset"):
            st.session_state[state.PLAN] = PlanOptions()
            for key in (
                "plan_max_apps",
                "plan_max_days",
                "plan_team_days",
                "plan_pilot",
                *CALENDAR_WIDGETS,
                *state.PLAN_WIDGETS,
            ):
                st.session_state.pop(key, None)
            st.rerun()


@guard
def render() -> None:
    st.title(tr("ui.page.roadmap"))
    if not require_assessment():
        return
    lang = state.lang()
    app_ids = sorted(state.inventory().applications["app_id"].astype(str))
    settings(app_ids)
    result = state.assessment()
    plan = result.plan
    waves = plan.waves
    a, b, c, d = st.columns(4)
    a.metric(tr("ui.roadmap.waves"), num(len(waves)))
    a_months = int(waves["end_month"].max()) if len(waves) else 0
    b.metric(tr("ui.roadmap.months"), num(a_months))
    c.metric(tr("ui.roadmap.planned"), num(int(waves["n_apps"].sum()) if len(waves) else 0))
    d.metric(tr("ui.roadmap.decommission"), num(len(plan.decommission)))
    _deadline_metrics(plan, result.options.plan)
    streams = sorted(set(waves["workstream"]) - {"Pilot"}) if len(waves) else []
    every = tr("ui.roadmap.all_workstreams")
    picked = st.selectbox(
        tr("ui.roadmap.workstream_view"), [every, *streams], key=f"roadmap_workstream_{lang}"
    )
    chosen = None if picked == every else picked
    deadline = plan.deadline.date.isoformat() if plan.deadline else None
    chart(charts.gantt(waves, plan.foundations, lang, deadline, chosen), key="chart_gantt")
    chart(charts.wave_effort(waves, result.options.plan.wave_max_days, lang), key="chart_wave_effort")
    st.subheader(tr("ui.roadmap.wave_table"))
    shown_waves = waves if chosen is None else waves[waves["workstream"] == chosen]
    table(wave_table(shown_waves, lang), key="waves_table")
    if (box := opened(tr("ui.roadmap.foundations"), "roadmap_open_foundations")) is not None:
        with box:
            foundations = plan.foundations.assign(
                platform=plan.foundations["platform"].map(lambda code: i18n.platform_label(code, lang)),
                task=plan.foundations["task"].map(lambda code: i18n.foundation_label(code, lang)),
            )
            table(foundations, key="foundations_table")
    if (box := opened(tr("ui.roadmap.hybrid_links"), "roadmap_open_hybrid_links")) is not None:
        with box:
            table(plan.hybrid_links.drop(columns=["note"]), key="hybrid_links_table")
    if (box := opened(tr("ui.roadmap.applications"), "roadmap_open_applications")) is not None:
        with box:
            shown = filtering.filtered(result.results)
            planned = shown.loc[shown["plan_status"] == "planned"].sort_values(["wave", "app_id"])
            columns = ["wave", "app_id", "name", "owner_agency", "move_group", "deployment", "strategy"]
            table(planned[[*columns, "person_days"]], key="roadmap_apps")
    if (box := opened(tr("ui.roadmap.decommission"), "roadmap_open_decommission")) is not None:
        with box:
            reasons = decommission_reasons(plan.decommission["reason"], lang, result.model)
            table(plan.decommission.assign(reason=reasons), key="decommission_table")
    plan_findings = findings_in(findings_frame(plan.findings), lang)
    if len(plan_findings):
        label = tr("ui.roadmap.findings").format(n=len(plan_findings))
        if (box := opened(label, "roadmap_open_findings")) is not None:
            with box:
                table(plan_findings, key="plan_findings")
    result_downloads(result, lang)


if __name__ == "__main__":
    render()
