"""The parts of the mapping step beyond header → field: format, legal warnings, constants, ids, values.

Together with the column table they make a version-2 mapping
(docs/mapping-files.md) without writing a file: the file's format (detected
or chosen), fixed values for fields the file lacks (an owner agency), where
application IDs come from, and translations of the file's values. Columns
that look like a legally decisive field but are not mapped are warned about
first.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from cloudfit.fields import FIELDS, LEGAL_FIELDS
from cloudfit.formats.presets import FORMATS
from cloudfit.formats.spec import ID_SOURCES, is_version_2
from cloudfit.inventory import ColumnMatch
from cloudfit.ui import state
from cloudfit.ui.widgets import plain, tr

VALUE_FIELDS = tuple(spec.name for spec in FIELDS if spec.kind in ("category", "bool"))


def legal_first(matches: Sequence[ColumnMatch]) -> tuple[list[ColumnMatch], list[ColumnMatch]]:
    """The matches with the unmapped look-alikes of legally decisive fields first, and those columns."""
    mapped = {m.field for m in matches if m.field}
    legal = [
        m
        for m in matches
        if m.field is None and any(s.field in LEGAL_FIELDS and s.field not in mapped for s in m.suggestions)
    ]
    return legal + [m for m in matches if m not in legal], legal


def legal_warning(legal: Sequence[ColumnMatch]) -> None:
    if legal:
        names = ", ".join(f"'{plain(m.header)}'" for m in legal)
        st.warning(tr("ui.mapping.legal").format(columns=names))


def format_choice(source: state.Source, document: dict | None) -> str:
    """The format select box, with what was detected and why."""
    current = str(document.get("format", "auto")) if is_version_2(document) else "auto"
    name = st.selectbox(
        tr("ui.mapping.format"),
        FORMATS,
        index=FORMATS.index(current) if current in FORMATS else 0,
        key=f"mapping_format_{source.digest[:12]}",
    )
    chosen = state.file_format(source, name)
    reason = chosen.get(f"reason_{state.lang()}") or chosen["reason"]
    st.caption(tr("ui.mapping.format_reason").format(title=chosen["title"], reason=plain(reason)))
    return name


def extras(source: state.Source, document: dict | None) -> dict:
    """Constants, ids and value translations as entered; the parts of a version-2 mapping they make."""
    v2 = document if is_version_2(document) else {}
    key = source.digest[:12]
    left, right = st.columns(2)
    labels = [tr(f"ui.mapping.ids.{code}") for code in ID_SOURCES]
    current = v2.get("ids", "column")
    picked = left.radio(
        tr("ui.mapping.ids"),
        labels,
        index=ID_SOURCES.index(current) if current in ID_SOURCES else 0,
        horizontal=True,
    )
    ids = ID_SOURCES[labels.index(picked)]
    names = [spec.name for spec in FIELDS]
    constants = pd.DataFrame(
        {
            "field": list((v2.get("constants") or {}).keys()),
            "value": list((v2.get("constants") or {}).values()),
        },
        dtype=object,
    )
    with right:
        st.caption(tr("ui.mapping.constants"))
        constants = st.data_editor(
            constants,
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            key=f"mapping_constants_{key}",
            column_config={
                "field": st.column_config.SelectboxColumn(tr("ui.mapping.field"), options=names),
                "value": st.column_config.TextColumn(tr("ui.mapping.value")),
            },
        )
    rows = [
        {"field": field, "source": source_value, "value": value}
        for field, table in (v2.get("values") or {}).items()
        for source_value, value in table.items()
    ]
    st.caption(tr("ui.mapping.values"))
    values = st.data_editor(
        pd.DataFrame(rows, columns=["field", "source", "value"], dtype=object),
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        key=f"mapping_values_{key}",
        column_config={
            "field": st.column_config.SelectboxColumn(tr("ui.mapping.field"), options=list(VALUE_FIELDS)),
            "source": st.column_config.TextColumn(tr("ui.mapping.source_value")),
            "value": st.column_config.TextColumn(tr("ui.mapping.cloudfit_value")),
        },
    )
    part: dict = {}
    fixed = {str(f): v for f, v in zip(constants["field"], constants["value"]) if _given(f) and _given(v)}
    if fixed:
        part["constants"] = fixed
    table: dict[str, dict[str, str]] = {}
    for field, source_value, value in zip(values["field"], values["source"], values["value"]):
        if _given(field) and _given(source_value) and _given(value):
            table.setdefault(str(field), {})[str(source_value)] = str(value)
    if table:
        part["values"] = table
    if ids != "column":
        part["ids"] = ids
    return part


def build(
    plain_mapping: dict[str, str | None], changed: dict[str, str | None], fmt: str, part: dict
) -> dict[str, str | None] | dict:
    """A plain mapping when nothing beyond header → field was given, else a version-2 mapping.

    In a version-2 mapping only the columns the analyst changed are listed, so a preset's own
    reading of the other columns stays.
    """
    if fmt == "auto" and not part:
        return plain_mapping
    document: dict = {"version": 2}
    if fmt != "auto":
        document["format"] = fmt
    if changed:
        document["columns"] = changed
    document.update(part)
    return document


def _given(value: object) -> bool:
    return (
        value is not None and not (isinstance(value, float) and pd.isna(value)) and str(value).strip() != ""
    )
