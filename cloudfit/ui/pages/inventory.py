"""Inventory page: the file, the column mapping, the findings and the counts."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cloudfit import i18n
from cloudfit.errors import CloudfitError
from cloudfit.fields import FIELDS
from cloudfit.findings import findings_frame
from cloudfit.inventory import ColumnMatch
from cloudfit.plan_text import findings_in
from cloudfit.template import template_bytes
from cloudfit.text import fold_key
from cloudfit.ui import downloads, filtering, mapping_draft, mapping_step, state
from cloudfit.ui.widgets import XLSX_MIME, download, error_alert, guard, num, opened, plain, table, tr

UPLOAD_TYPES = ["xlsx", "xlsm", "csv", "ods"]
_UPLOADER = "upload_inventory"
_COLLECT_ASKED = "collect_asked"
_SEP = " — "
TEMPLATE_NAME = "cloudfit_inventory_template.xlsx"
MAPPING_STEP = "mapping_step_"  # + the file's digest: the step starts open or closed afresh for each file


def _upload() -> None:
    st.file_uploader(
        tr("ui.inventory.upload"),
        type=UPLOAD_TYPES,
        key=_UPLOADER,
        help=tr("ui.inventory.upload_help"),
        on_change=_read_upload,
    )


@guard
def _read_upload() -> None:
    """Read a newly chosen file before the script runs, so that the page, the sidebar included, is
    drawn once and for the new file (a rerun after reading drew the whole page twice per upload)."""
    uploaded = st.session_state.get(_UPLOADER)
    if uploaded is None:  # the file was taken out of the uploader: the inventory shown stays
        return
    data = uploaded.getvalue()
    source = state.Source(uploaded.name, data, state.digest(data))
    state.retry(source)
    state.set_source(source)


def _use_startup_file() -> None:
    path = state.startup_path()
    try:
        data = path.read_bytes()
    except OSError:
        st.session_state[state.LOAD_ERROR] = tr("ui.inventory.startup_missing").format(path=path)
        return
    state.set_source(state.Source(path.name, data, state.digest(data), startup=True))


def _field_options() -> list[str]:
    return [
        "",
        *[f"{spec.name}{_SEP}{spec.label_vi if state.lang() == 'vi' else spec.label_en}" for spec in FIELDS],
    ]


def _how(match: ColumnMatch, reading: dict[str, str]) -> str:
    read = reading.get(fold_key(match.header))
    if match.how != "explicit" and read is not None:  # a bundled format reads this column its own way
        return read
    if match.field is not None:
        return tr(f"ui.inventory.mapping.how.{match.how}")
    if match.duplicate_of:
        return tr("ui.inventory.mapping.duplicate").format(field=match.duplicate_of)
    if match.suggestions and not reading:  # a bundled format names its columns: no guessing beside it
        hints = ", ".join(f"{s.field} ({s.score:.0f})" for s in match.suggestions)
        return tr("ui.inventory.mapping.suggested").format(fields=hints)
    return tr("ui.inventory.mapping.extra")


def _mapping_editor(source: state.Source, mapping: dict[str, str | None] | None, expanded: bool) -> None:
    """The detected matches, editable; applying them reloads the file with the corrected mapping."""
    matches, legal = mapping_step.legal_first(state.column_matches(source, mapping))
    draft = mapping_draft.seed(source)  # edits made before leaving the page, not yet applied
    step = opened(
        tr("ui.inventory.mapping.title"),
        f"{MAPPING_STEP}{source.digest[:12]}",
        initially=expanded or bool(legal) or bool(draft),  # open when the file needs the analyst
    )
    if step is None:
        return
    options = _field_options()
    by_name = {option.split(_SEP)[0]: option for option in options if option}
    drafted = draft.get("fields") or {}
    document = mapping_draft.as_document(draft, mapping)
    with step:
        mapping_step.legal_warning(legal)
        fmt, read_as = mapping_step.format_choice(source, document)
        reading = mapping_step.format_reading(read_as)
        rows = pd.DataFrame(
            {
                "header": [m.header for m in matches],
                "field": [by_name.get(drafted.get(m.header, m.field) or "", "") for m in matches],
                "how": [_how(m, reading) for m in matches],
            }
        )
        st.caption(tr("ui.inventory.mapping.help"))
        edited = st.data_editor(
            rows,
            hide_index=True,
            width="stretch",
            disabled=["header", "how"],
            key=f"mapping_editor_{source.digest[:12]}",
            column_config={
                "header": st.column_config.TextColumn(tr("ui.inventory.mapping.header")),
                "field": st.column_config.SelectboxColumn(tr("ui.inventory.mapping.field"), options=options),
                "how": st.column_config.TextColumn(tr("ui.inventory.mapping.how")),
            },
        )
        chosen: dict[str, str | None] = {
            str(h): (str(f).split(_SEP)[0] if isinstance(f, str) and f else None)
            for h, f in zip(edited["header"], edited["field"])
        }
        changed = {h: f for (h, f), m in zip(chosen.items(), matches) if f != m.field}
        part = mapping_step.extras(source, document, [m.header for m in matches])
        mapping_draft.keep(source, chosen, bool(changed), fmt, part, mapping)
        chosen = mapping_step.build(chosen, changed, (fmt, read_as), part, mapping)
        left, middle, right = st.columns(3)
        if left.button(tr("ui.inventory.mapping.apply"), key="mapping_apply", type="primary"):
            state.set_source(source, chosen)
            mapping_draft.restart(source, applied=st.session_state.get(state.LOAD_ERROR) is None)
            st.rerun()  # the new state at once: results, or the new error over the step drawn again
        with middle:
            download(
                "ui.inventory.mapping.save",
                lambda: downloads.mapping_yaml(chosen),
                f"{downloads.file_stem(source.name)}_mapping.yaml",
                "application/x-yaml",
                "mapping_save",
            )
        saved = right.file_uploader(
            tr("ui.inventory.mapping.load"), type=["yaml", "yml", "json"], key="mapping_upload"
        )
        if saved is not None:
            _load_saved_mapping(source, saved.getvalue(), saved.name)


def _load_saved_mapping(source: state.Source, data: bytes, name: str) -> None:
    seen = state.digest(data)
    if st.session_state.get("mapping_seen") == seen:
        return
    st.session_state["mapping_seen"] = seen
    try:
        mapping = downloads.read_mapping(data, name)
    except CloudfitError as error:
        st.session_state[state.LOAD_ERROR] = error.with_traceback(None)
    else:
        state.set_source(source, mapping)
        mapping_draft.restart(source, applied=st.session_state.get(state.LOAD_ERROR) is None)
    st.rerun()


def _counts() -> None:
    inv = state.inventory()
    a, b, c, d = st.columns(4)
    a.metric(tr("ui.inventory.rows_read"), num(inv.rows_read))
    b.metric(tr("ui.inventory.assessed"), num(inv.accepted))
    c.metric(tr("ui.inventory.rejected"), num(inv.rejected))
    d.metric(tr("ui.inventory.dependencies"), num(len(inv.dependencies)))
    if inv.server_summary:  # rows were servers: say how they became applications, as the CLI does
        servers = {k: num(v) for k, v in inv.server_summary.items()}
        st.caption(f"{tr('validate.servers').capitalize()}: {tr('validate.servers_line').format(**servers)}")


def _findings() -> None:
    found = state.assessment().findings
    frame = findings_in(findings_frame(found), state.lang())
    st.subheader(tr("ui.inventory.findings.title"))
    if frame.empty:
        st.success(tr("ui.inventory.findings.none"))
        return
    a, b, c = st.columns([1, 1, 2])
    # Pills, not multiselects: a few values each, one click to choose, and a fraction of a list's
    # drawing in the browser, paid on every upload.
    severities = a.pills(
        tr("ui.inventory.findings.severity"),
        sorted(frame["severity"].unique()),
        selection_mode="multi",
        key="findings_severity",
    )
    sheets = b.pills(
        tr("ui.inventory.findings.sheet"),
        sorted(frame["sheet"].dropna().unique()),
        selection_mode="multi",
        key="findings_sheet",
    )
    search = c.text_input(tr("ui.inventory.findings.search"), key="findings_search")
    mask = pd.Series(True, index=frame.index)
    if severities:
        mask &= frame["severity"].isin(severities)
    if sheets:
        mask &= frame["sheet"].isin(sheets)
    if search:
        mask &= frame["message"].str.contains(search, case=False, regex=False) | frame["value"].fillna(
            ""
        ).str.contains(search, case=False, regex=False)
    shown = frame.loc[mask]
    st.caption(tr("ui.inventory.findings.count").format(shown=len(shown), total=len(frame)))
    table(shown, key="findings_table")
    kept = [found[i] for i in shown.index]
    source: state.Source = st.session_state[state.SOURCE]
    download(
        "ui.download.findings",
        lambda: downloads.findings_csv(kept),
        f"{downloads.file_stem(source.name)}_findings.csv",
        "text/csv",
        "download_findings",
    )


# Above this many applications the advice (one rescoring per missing field and value: ~1.5 s at
# 10,000) is worked out when asked for, not on every upload.
COLLECT_ON_REQUEST = 2_000


def _collect() -> None:
    """Which missing fields could change the recommendations (cloudfit.collect)."""
    st.subheader(tr("ui.inventory.collect.title"))
    result = state.assessment()
    asked = st.session_state.get(_COLLECT_ASKED) == state.assessment_key()
    if "collect" not in result.__dict__ and len(result.results) > COLLECT_ON_REQUEST and not asked:
        st.caption(tr("ui.inventory.collect.ask").format(count=num(len(result.results))))
        if st.button(tr("ui.inventory.collect.run"), key="collect_run"):
            st.session_state[_COLLECT_ASKED] = state.assessment_key()
            st.rerun()
        return
    fields = result.collect.fields
    useful = fields[fields["could_change"] > 0]
    if useful.empty:
        st.caption(tr("ui.inventory.collect.none"))
        return
    st.caption(tr("ui.inventory.collect.help"))
    lang = state.lang()
    shown = pd.DataFrame(
        {
            tr("ui.inventory.collect.field"): useful["field"].map(lambda f: i18n.field_label(f, lang)),
            tr("ui.inventory.collect.missing"): useful["missing"],
            tr("ui.inventory.collect.deployment"): useful["deployment"],
            tr("ui.inventory.collect.strategy"): useful["strategy"],
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch", key="collect_table")


def _applications() -> None:
    results = filtering.filtered(state.assessment().results)
    st.subheader(tr("ui.inventory.applications.title"))
    columns = [
        "app_id",
        "name",
        "owner_agency",
        "band",
        "deployment",
        "strategy",
        "wave",
        "source_sheet",
        "source_row",
    ]
    table(results[[c for c in columns if c in results]], key="inventory_table")


@guard
def render() -> None:
    st.title(tr("ui.page.inventory"))
    st.caption(tr("ui.inventory.intro"))
    _upload()
    download("ui.download.template", template_bytes, TEMPLATE_NAME, XLSX_MIME, "download_template")
    error = st.session_state.get(state.LOAD_ERROR)
    if error:
        error_alert(error)
    pending: state.Source | None = st.session_state.get(state.PENDING)
    if error and pending is not None:
        st.warning(tr("ui.inventory.mapping.repair").format(name=plain(pending.name)))
        _mapping_editor(pending, None, expanded=True)
    source: state.Source | None = st.session_state.get(state.SOURCE)
    if source is None or not source.startup:
        st.button(tr("ui.inventory.use_sample"), on_click=_use_startup_file, key="use_sample")
    if source is None:
        return
    st.markdown(tr("ui.inventory.current").format(name=plain(source.name)))
    _counts()
    if state.inventory().accepted == 0:
        st.warning(tr("ui.hint.empty_inventory"))
    if pending is None:
        _mapping_editor(source, st.session_state.get(state.MAPPING), expanded=False)
    _findings()
    _collect()
    _applications()


if __name__ == "__main__":
    render()
