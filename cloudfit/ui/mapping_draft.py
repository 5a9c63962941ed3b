"""Mapping edits not yet applied, kept for the whole session.

Streamlit forgets a widget's value once a run does not draw it, so leaving
the Inventory page would drop the analyst's half-made mapping. The step's
inputs are therefore also kept under `mapping_draft:<file>`; when the step
is drawn afresh (first time, or back from another page) its widgets start
from that draft, frozen for the visit under `mapping_base:<file>` so the
editors keep their in-visit edits. Applying the mapping restarts the step
from what was applied, or, when applying failed, from the draft, so the
analyst sees the new state at once and loses no edit.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from cloudfit.formats.spec import header_view, is_version_2
from cloudfit.ui import state

WIDGETS = (
    "mapping_format_{}",
    "mapping_editor_{}",
    "mapping_more_{}",
    "mapping_constants_{}",
    "mapping_values_{}",
)
PARTS = ("ids", "dependencies", "more", "counts", "constants", "values")
DEFAULTS = {"ids": "column", "dependencies": "auto"}


def _key(source: state.Source) -> str:
    return source.digest[:12]


def seed(source: state.Source) -> dict:
    """The unapplied edits the step starts from in this visit to the page ({} when there are none)."""
    ss = st.session_state
    key = _key(source)
    if WIDGETS[0].format(key) not in ss:  # the step's widgets are gone: first draw, or back from another page
        ss[f"mapping_base:{key}"] = ss.get(f"mapping_draft:{key}") or {}
    return ss.get(f"mapping_base:{key}") or {}


def as_document(draft: Mapping, mapping: dict | None) -> dict | None:
    """What the format and extras widgets start from: the draft's parts, else the applied mapping."""
    if not draft:
        return mapping
    return {"version": 2, "format": draft.get("format", "auto"), **{k: draft[k] for k in PARTS if k in draft}}


def parts_of(mapping: Mapping | None) -> tuple[str, dict]:
    """The format and the extra parts (ids, dependencies, more, counts, constants, values) of a mapping."""
    if not is_version_2(mapping):
        return "auto", {}
    part = {k: mapping[k] for k in ("counts", "constants", "values") if mapping.get(k)}
    for name, default in DEFAULTS.items():
        if mapping.get(name, default) != default:
            part[name] = mapping[name]
    more = more_of(mapping)
    if more:
        part["more"] = more
    return str(mapping.get("format", "auto")), {k: part[k] for k in PARTS if k in part}


def columns_of(mapping: Mapping | None) -> dict[str, object]:
    """The columns a mapping names, header → field(s) (a plain mapping is all columns)."""
    if not mapping:
        return {}
    if is_version_2(mapping):
        return dict(mapping.get("columns") or {})
    return dict(mapping)


def more_of(document: Mapping | None) -> dict[str, list[str]]:
    """The fields each column feeds besides the one the column table shows (a draft keeps them as is)."""
    if not is_version_2(document):
        return {}
    if "more" in document:
        return {str(h): list(names) for h, names in document["more"].items()}
    shown = header_view(document) or {}
    more: dict[str, list[str]] = {}
    for header, target in (document.get("columns") or {}).items():
        targets = target if isinstance(target, list | tuple) else [target]
        rest = [t for t in targets if t and t != shown.get(str(header))]
        if rest:
            more[str(header)] = rest
    return more


def keep(
    source: state.Source,
    fields: dict[str, str | None],
    fields_changed: bool,
    fmt: str,
    part: dict,
    mapping: dict | None,
) -> None:
    """Remember the step's inputs when they differ from the applied mapping; forget them otherwise."""
    key = f"mapping_draft:{_key(source)}"
    if fields_changed or (fmt, part) != parts_of(mapping):
        st.session_state[key] = {"fields": fields, "format": fmt, **part}
    else:
        st.session_state.pop(key, None)


def restart(source: state.Source, applied: bool) -> None:
    """Draw the step afresh: from the applied mapping, or from the draft when applying failed."""
    ss = st.session_state
    key = _key(source)
    ss.pop(f"mapping_base:{key}", None)
    if applied:
        ss.pop(f"mapping_draft:{key}", None)
    for widget in WIDGETS:
        ss.pop(widget.format(key), None)
