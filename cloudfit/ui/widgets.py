"""Small building blocks the pages share: translation, guarded pages, tables, charts, downloads."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cloudfit import formatting, i18n, vocabulary
from cloudfit.assessment import Assessment
from cloudfit.errors import CloudfitError
from cloudfit.fields import FIELDS_BY_NAME
from cloudfit.ui import downloads, state
from cloudfit.ui.downloads import XLSX_MIME

if TYPE_CHECKING:
    from streamlit.delta_generator import DeltaGenerator

__all__ = [
    "XLSX_MIME",
    "chart",
    "display",
    "download",
    "guard",
    "labeller",
    "num",
    "opened",
    "plain",
    "require_assessment",
    "table",
    "tr",
]

log = logging.getLogger("cloudfit.ui")

# Styling is per cell in Python; past this many rows the colours are left out to keep pages fast.
STYLED_ROWS = 1500
_PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}
# Score columns and how their codes are shown.
_CODE_COLUMNS = {
    "band": i18n.band_label,
    "deployment": i18n.deployment_label,
    "strategy": i18n.strategy_label,
    "effort_size": i18n.effort_label,
    "coupling": i18n.coupling_label,
    "severity": i18n.severity_label,
    "plan_status": i18n.plan_status_label,
    "kind": i18n.hybrid_kind_label,
    "platform": i18n.platform_label,
    "task": i18n.foundation_label,
}


def tr(key: str) -> str:
    """The session's language version of a UI string."""
    return i18n.t(key, state.lang())


def num(value: float, decimals: int = 0) -> str:
    """A number as the session's language writes it: 1,498 (English), 1.498 (Vietnamese)."""
    return formatting.number(value, state.lang(), decimals)


_MARKDOWN_SPECIALS = str.maketrans({ch: "\\" + ch for ch in "\\`*_{}[]()<>#+-.!|~$:"})
# GFM turns www., scheme:// and e-mail addresses into links even in escaped text (it matches the
# text after unescaping); an invisible word joiner inside each marker leaves nothing to match.
WORD_JOINER = "\u2060"
_AUTOLINK_MARKERS = re.compile(r"(?i)(?<![\w-])www(?=\.)|(?<=\w)(?=://)|(?=@)")


def plain(text: object) -> str:
    """User text made inert for Markdown labels and captions (no links, auto-links, images or emphasis)."""
    broken = _AUTOLINK_MARKERS.sub(lambda m: m.group(0) + WORD_JOINER, str(text))
    return broken.translate(_MARKDOWN_SPECIALS)


def error_alert(message: object) -> None:
    """An error message that quotes file names, headers or model keys: shown inert, line breaks kept.

    A `CloudfitError` is shown in the reader's language where it carries a Vietnamese form.
    """
    if isinstance(message, CloudfitError):
        message = message.text(state.lang())
    st.error(plain(message).replace("\n", "  \n"))


def labeller(prefix: str) -> Callable[[str], str]:
    """A format_func for option codes, bound to the current language (Streamlit may call it later)."""
    messages = i18n.MESSAGES[state.lang()]
    return lambda code: messages.get(f"{prefix}.{code}", str(code))


def guard(render: Callable[[], None]) -> Callable[[], None]:
    """Run a page; a CloudfitError shows its message, anything else a short notice, never a traceback."""

    @functools.wraps(render)
    def page() -> None:
        try:
            render()
        except CloudfitError as error:
            error_alert(error)
        except Exception:
            log.exception("page %s failed", render.__module__)
            st.error(tr("ui.error.unexpected"))

    return page


def require_assessment() -> bool:
    """False (with the load error or a hint shown) when there is nothing to assess."""
    error = st.session_state.get(state.LOAD_ERROR)
    if error:
        error_alert(error)
        st.info(tr("ui.hint.load_failed"))
        return False
    if not state.has_source():
        st.info(tr("ui.hint.no_inventory"))
        return False
    if state.inventory().accepted == 0:
        st.warning(tr("ui.hint.empty_inventory"))
        return False
    return True


def column_label(name: str) -> str:
    """Header of a column: the field's label, else the shared column label, else the UI's own."""
    lang = state.lang()
    if name in FIELDS_BY_NAME:
        return i18n.field_label(name, lang)
    messages = i18n.MESSAGES[lang]
    for key in (f"col.{name}", f"ui.col.{name}"):
        if key in messages:
            return messages[key]
    return name


def display(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy for people: codes shown as translated labels, headers translated."""
    lang = state.lang()
    shown = frame.copy()
    for column, label in _CODE_COLUMNS.items():
        if column in shown:
            codes = shown[column].dropna().unique()
            shown[column] = shown[column].map({code: label(code, lang) for code in codes})
    return shown.rename(columns={c: column_label(c) for c in shown.columns})


def _band_styles(lang: str) -> dict[str, str]:
    """Translated band label → cell style in the band's report colour."""
    styles = {}
    for code in vocabulary.BANDS:
        text = "#FFFFFF" if code == "red" else "#000000"
        styles[i18n.band_label(code, lang)] = f"background-color: {i18n.BAND_COLOURS[code]}; color: {text}"
    return styles


def opened(
    label: str, key: str, initially: bool = False, parent: DeltaGenerator | None = None
) -> DeltaGenerator | None:
    """An expander whose content is built only while it is open: its container, or None when closed.

    A closed `st.expander` still runs, sends and draws everything in it on every run; tables
    of 10,000 rows and editors cost each upload and each click. `initially` opens it when it
    is first drawn (for a file, or again after the page was left); the reader's choice holds after.
    `parent` places it elsewhere than the page's main area (the sidebar).
    """
    if key not in st.session_state:
        st.session_state[key] = initially
    box = (parent or st).expander(label, key=key, on_change="rerun")
    return box if box.open else None


def table(
    frame: pd.DataFrame, key: str | None = None, height: int | str = "auto", opens_app: bool = False
) -> None:
    """A read-only table for people; readiness bands are filled with their colours (up to STYLED_ROWS).

    With `opens_app`, choosing a row opens that application's page (the frame has an `app_id` column).
    """
    shown = display(frame)
    band = column_label("band")
    if "band" in frame and len(frame) <= STYLED_ROWS:
        styles = _band_styles(state.lang())
        shown = shown.style.format(precision=1, na_rep="").map(
            lambda value: styles.get(value, ""), subset=[band]
        )
    if not opens_app or key is None:
        st.dataframe(shown, hide_index=True, width="stretch", height=height, key=key)
        return
    st.caption(tr("ui.open_app.table"))
    event = st.dataframe(
        shown, hide_index=True, width="stretch", height=height, key=_fresh(key),
        on_select="rerun", selection_mode="single-row",
    )  # fmt: skip
    rows = event.selection.rows if event is not None else []
    if rows:
        open_application(str(frame["app_id"].iloc[rows[0]]))


def chart(figure: go.Figure, key: str | None = None, opens_app: bool = False) -> None:
    """A plotly chart; with `opens_app`, clicking a point whose customdata starts with an app_id opens it."""
    if not opens_app or key is None:
        st.plotly_chart(figure, width="stretch", config=_PLOTLY_CONFIG, key=key)
        return
    event = st.plotly_chart(
        figure,
        width="stretch",
        config=_PLOTLY_CONFIG,
        key=_fresh(key),
        on_select="rerun",
        selection_mode="points",
    )
    points = event.selection.points if event is not None else []
    chosen = [p.get("customdata") for p in points if p.get("customdata")]
    if chosen:
        open_application(str(chosen[0][0]))


APPLICATION_PAGE = "cloudfit/ui/pages/application.py"
_OPENED = "apps_opened"  # counts openings: selection widgets get a new key, so a stale choice cannot reopen


def _fresh(key: str) -> str:
    return f"{key}:{st.session_state.get(_OPENED, 0)}"


def open_application(app_id: str) -> None:
    """Show `app_id` on the Application page."""
    st.session_state["app_selected"] = app_id
    st.session_state[_OPENED] = st.session_state.get(_OPENED, 0) + 1
    st.switch_page(APPLICATION_PAGE)


def download(label_key: str, builder: Callable[[], bytes], file_name: str, mime: str, key: str) -> None:
    """A download button whose file is built only when clicked (workbooks of 10,000 rows take seconds)."""
    if st.session_state.get(state.WORKSPACE_VIEW) is not None:
        from cloudfit.ui.workspace import audited

        builder = audited(builder, file_name)
    st.download_button(
        tr(label_key),
        data=builder,
        file_name=file_name,
        mime=mime,
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )


def result_downloads(result: Assessment, lang: str, key_suffix: str = "") -> None:
    """The roadmap workbook, the briefing PDF and the JSON result side by side.

    `key_suffix` keeps the widget keys unique per page.
    """
    shown = st.session_state.get(state.WORKSPACE_VIEW)
    stem = downloads.file_stem(shown.label if shown is not None else st.session_state[state.SOURCE].name)
    left, middle, right = st.columns(3)
    with left:
        download(
            "ui.download.roadmap",
            lambda: downloads.roadmap_workbook(result, lang),
            f"{stem}_roadmap_{lang}.xlsx",
            XLSX_MIME,
            f"download_roadmap{key_suffix}",
        )
    with middle:
        brief_download(result, lang, stem, key_suffix)
    with right:
        download(
            "ui.download.json",
            lambda: downloads.result_json(result),
            f"{stem}_result.json",
            "application/json",
            f"download_json{key_suffix}",
        )


def brief_download(result: Assessment, lang: str, stem: str, key_suffix: str = "") -> None:
    """The briefing PDF, for the portfolio or the agency chosen above the button."""
    from cloudfit.brief import agencies

    portfolio = tr("ui.brief.portfolio")
    agency = st.selectbox(
        tr("ui.brief.scope"),
        [None, *agencies(result)],
        format_func=lambda name: portfolio if name is None else name,
        key=f"brief_scope{key_suffix}",
    )
    suffix = "" if agency is None else "_" + downloads.file_stem(agency)
    download(
        "ui.download.brief",
        lambda: downloads.briefing_pdf(result, lang, agency),
        f"{stem}_brief{suffix}_{lang}.pdf",
        "application/pdf",
        f"download_brief{key_suffix}",
    )
