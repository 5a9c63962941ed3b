"""The parts of the mapping step beyond header → field: format, ids, links, more fields, constants, values.

Together with the column table they make a version-2 mapping
(docs/mapping-files.md) without writing a file: the file's format (detected
or chosen), fixed values for fields the file lacks (an owner agency), where
application IDs come from, how dependencies are matched, more fields fed by
one column (or the number of items it lists), and translations of the
file's values. Columns that look like a legally decisive field but are not
mapped are warned about first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from cloudfit.fields import FIELDS, FIELDS_BY_NAME, LEGAL_FIELDS
from cloudfit.formats.konveyor import MAX_TAG_PAIRS
from cloudfit.formats.presets import FORMATS, PRESET_NAMES, known_fields, preset
from cloudfit.formats.spec import DEPENDENCY_MATCHES, ID_SOURCES, is_version_2
from cloudfit.inventory import ColumnMatch
from cloudfit.inventory.coerce import allowed_text, coerce_column
from cloudfit.text import fold_key
from cloudfit.ui import mapping_draft, state
from cloudfit.ui.widgets import plain, tr

# Fields a mapping may name: inventory fields first, then imported decisions and server fields.
TARGETS = known_fields(servers=True)
# Translations: the fields with a fixed list of values first, then any other field.
VALUE_FIELDS = tuple(dict.fromkeys([*(s.name for s in FIELDS if s.kind in ("category", "bool")), *TARGETS]))


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


def format_choice(source: state.Source, document: dict | None) -> tuple[str, str]:
    """The format select box, with what was detected and why: (as chosen, as read)."""
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
    return name, str(chosen["name"])


def format_reading(read_as: str) -> dict[str, str]:
    """How a bundled format reads the file's columns (folded header → words for the column table).

    The column table lists the file's own headers; without this a preset's columns (Konveyor's
    tag pairs, CMF's wave_name) would all look like unread extra columns.
    """
    if read_as not in PRESET_NAMES:
        return {}
    found = preset(read_as)
    reading = {
        fold_key(header): tr("ui.mapping.by_format").format(fields=", ".join(names))
        if names
        else tr("ui.mapping.by_format_extra")
        for header, names in found.spec.columns.items()
    }
    if found.tags:
        for n in range(1, MAX_TAG_PAIRS + 1):
            for header in (found.tags["category"], found.tags["tag"]):
                reading[fold_key(header.format(n=n))] = tr("ui.mapping.by_format_tags")
    records = found.record_types
    for header in (records.get("column"), records.get("dependency"), records.get("direction")):
        if header:
            reading[fold_key(header)] = tr("ui.mapping.by_format_links")
    return reading


def _radio(label: str, codes: tuple[str, ...], current: object) -> str:
    labels = [tr(f"{label}.{code}") for code in codes]
    picked = st.radio(
        tr(label), labels, index=codes.index(current) if current in codes else 0, horizontal=True
    )
    return codes[labels.index(picked)]


def _editor(frame: pd.DataFrame, key: str, caption: str, columns: dict) -> pd.DataFrame:
    st.caption(tr(caption))
    return st.data_editor(
        frame, num_rows="dynamic", hide_index=True, width="stretch", key=key, column_config=columns
    )


def extras(source: state.Source, document: dict | None, headers: Sequence[str]) -> dict:
    """Ids, dependencies, more fields, constants and value translations as entered: their mapping parts."""
    v2 = document if is_version_2(document) else {}
    key = source.digest[:12]
    left, right = st.columns(2)
    with left:
        ids = _radio("ui.mapping.ids", ID_SOURCES, v2.get("ids", "column"))
    with right:
        links = _radio("ui.mapping.dependencies", DEPENDENCY_MATCHES, v2.get("dependencies", "auto"))
    counts = v2.get("counts") or {}
    more_rows = [
        {"header": header, "field": name, "count": False}
        for header, names in mapping_draft.more_of(document).items()
        for name in names
    ] + [{"header": header, "field": name, "count": True} for header, name in counts.items()]
    more = _editor(
        pd.DataFrame(more_rows, columns=["header", "field", "count"]).astype(
            {"header": object, "field": object, "count": bool}
        ),
        f"mapping_more_{key}",
        "ui.mapping.more",
        {
            "header": st.column_config.SelectboxColumn(
                tr("ui.inventory.mapping.header"), options=list(headers)
            ),
            "field": st.column_config.SelectboxColumn(tr("ui.mapping.field"), options=list(TARGETS)),
            "count": st.column_config.CheckboxColumn(tr("ui.mapping.count"), default=False),
        },
    )
    constants = _editor(
        pd.DataFrame(list((v2.get("constants") or {}).items()), columns=["field", "value"], dtype=object),
        f"mapping_constants_{key}",
        "ui.mapping.constants",
        {
            "field": st.column_config.SelectboxColumn(tr("ui.mapping.field"), options=list(TARGETS)),
            "value": st.column_config.TextColumn(tr("ui.mapping.value")),
        },
    )
    rows = [
        {"field": name, "source": source_value, "value": value}
        for name, table in (v2.get("values") or {}).items()
        for source_value, value in table.items()
    ]
    values = _editor(
        pd.DataFrame(rows, columns=["field", "source", "value"], dtype=object),
        f"mapping_values_{key}",
        "ui.mapping.values",
        {
            "field": st.column_config.SelectboxColumn(tr("ui.mapping.field"), options=list(VALUE_FIELDS)),
            "source": st.column_config.TextColumn(tr("ui.mapping.source_value")),
            "value": st.column_config.TextColumn(tr("ui.mapping.cloudfit_value")),
        },
    )
    part = parts(ids, links, more, constants, values)
    problems = unknown_values(part)
    if problems:
        st.warning(tr("ui.mapping.unknown_values").format(values="; ".join(problems)))
    return part


def parts(ids: str, links: str, more: pd.DataFrame, constants: pd.DataFrame, values: pd.DataFrame) -> dict:
    """The mapping parts of the step's inputs; blank or half-filled editor rows are left out."""
    part: dict = {}
    also: dict[str, list[str]] = {}
    counted: dict[str, str] = {}
    for header, name, count in zip(more["header"], more["field"], more["count"].eq(True)):
        if _given(header) and _given(name):
            if count:
                counted[str(header)] = str(name)
            elif str(name) not in also.setdefault(str(header), []):
                also[str(header)].append(str(name))
    if also:
        part["more"] = also
    if counted:
        part["counts"] = counted
    fixed = {str(f): v for f, v in zip(constants["field"], constants["value"]) if _given(f) and _given(v)}
    if fixed:
        part["constants"] = fixed
    table: dict[str, dict[str, str]] = {}
    for name, source_value, value in zip(values["field"], values["source"], values["value"]):
        if _given(name) and _given(source_value) and _given(value):
            table.setdefault(str(name), {})[str(source_value)] = str(value)
    if table:
        part["values"] = table
    if ids != "column":
        part["ids"] = ids
    if links != "auto":
        part["dependencies"] = links
    return part


def unknown_values(part: Mapping) -> list[str]:
    """Constants and translations that are not a value their field allows ('field: value (use …)')."""
    given = [(name, value) for name, value in (part.get("constants") or {}).items()]
    given += [(name, value) for name, table in (part.get("values") or {}).items() for value in table.values()]
    problems = []
    for name, value in given:
        spec = FIELDS_BY_NAME.get(name)
        if spec is None or spec.kind == "text":
            continue
        if coerce_column(pd.Series([value], dtype=object), spec).invalid.any():
            problems.append(f"{name}: '{plain(str(value))}' ({allowed_text(spec)})")
    return problems


def build(
    chosen: dict[str, str | None],
    changed: dict[str, str | None],
    fmt: tuple[str, str],
    part: dict,
    applied: Mapping | None = None,
) -> dict[str, str | None] | dict:
    """A plain mapping when nothing beyond header → field was given, else a version-2 mapping.

    `fmt` is the format as chosen and as read. A plain mapping names every column, so it is only
    made for cloudfit's own files; in a version-2 mapping only the columns the analyst changed
    (now or in the `applied` mapping) are listed, so a preset's own reading of the others stays.
    """
    name, read_as = fmt
    if name == "auto" and read_as == "cloudfit" and not part:
        return chosen
    document: dict = {"version": 2}
    if name != "auto":
        document["format"] = name
    more = part.get("more") or {}
    columns: dict[str, object] = dict(mapping_draft.columns_of(applied))
    for header in [*columns, *changed, *more]:
        if header not in chosen:
            continue
        targets = list(dict.fromkeys([chosen[header], *more.get(header, ())]))
        targets = [t for t in targets if t]
        columns[header] = None if not targets else targets[0] if len(targets) == 1 else targets
    if columns:
        document["columns"] = columns
    document.update({k: v for k, v in part.items() if k != "more"})
    return document


def _given(value: object) -> bool:
    return (
        value is not None and not (isinstance(value, float) and pd.isna(value)) and str(value).strip() != ""
    )
