"""Konveyor's application import: two kinds of record in one CSV, tags in pairs, owners as "Name <email>".

Application rows (record type 1) stay in the applications sheet; dependency
rows (record type 2) become links with their direction; a row of any other
type is listed as a finding. Every row is accounted for: it is an
application, a link, or a finding. Tag pairs whose category cloudfit knows
(Operating System, Database, Language, ...) feed the matching field.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from cloudfit.finding_codes import make_finding
from cloudfit.findings import Finding
from cloudfit.formats.normalise import present_rows
from cloudfit.formats.presets import Preset
from cloudfit.inventory.cells import as_text
from cloudfit.text import fold_key

_EMAIL = re.compile(r"\s*<[^>]*>\s*")
MAX_TAG_PAIRS = 20


def split_records(
    body: pd.DataFrame, rows: np.ndarray, sheet: str, found: Preset
) -> tuple[pd.DataFrame, pd.DataFrame, list[Finding]]:
    """The application rows (others blanked, tags as columns) and the links, with findings for the rest."""
    spec = found.record_types
    columns = {fold_key(c): c for c in body.columns}
    kind = as_text(body[columns[fold_key(spec["column"])]]) if fold_key(spec["column"]) in columns else None
    present = present_rows(body)
    if kind is None:
        is_app = present.copy()
        is_dep = np.zeros(len(body), bool)
    else:
        is_app = (kind == str(spec["applications"])).to_numpy()
        is_dep = (kind == str(spec["dependencies"])).to_numpy()
    other = present & ~is_app & ~is_dep
    findings = [
        make_finding(
            "record-type-unknown",
            f"Row {rows[i]}: record type '{kind.iloc[i]}' is neither 1 (application) nor 2 (dependency); "
            "the row was not read.",
            sheet=sheet,
            row=rows[i],
            column=spec["column"],
            value=kind.iloc[i],
        )
        for i in np.flatnonzero(other)
    ]
    apps = body.astype(object).copy()
    apps.loc[~is_app, :] = None
    apps = _with_tags(apps, found)
    for person in found.people:
        key = fold_key(person)
        if key in columns:
            apps[columns[key]] = _names_only(as_text(apps[columns[key]]))
    links, link_findings = _links(body, rows, sheet, spec, columns, is_app | is_dep)
    return apps, links, findings + link_findings


def _with_tags(apps: pd.DataFrame, found: Preset) -> pd.DataFrame:
    """One column per tagged field ("tag: os"), the first tag of a known category in the row."""
    tags = found.tags
    if not tags:
        return apps
    columns = {fold_key(c): c for c in apps.columns}
    wanted = {fold_key(category): name for category, name in tags.get("fields", {}).items()}
    values: dict[str, pd.Series] = {}
    for n in range(1, MAX_TAG_PAIRS + 1):
        category_header = columns.get(fold_key(tags["category"].format(n=n)))
        tag_header = columns.get(fold_key(tags["tag"].format(n=n)))
        if category_header is None or tag_header is None:
            continue
        category = as_text(apps[category_header]).map(lambda c: fold_key(c) if c else None)
        tag = as_text(apps[tag_header])
        for key, name in wanted.items():
            hit = (category == key) & tag.notna()
            if hit.any():
                current = values.get(name, pd.Series([None] * len(apps), dtype=object))
                values[name] = current.where(current.notna() | ~hit, tag)
    for name, series in values.items():
        apps[f"tag: {name}"] = series.to_numpy(dtype=object)
    return apps


def tag_columns(apps: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """The spec entries that read the tag columns made by `split_records`."""
    return {c: (c.removeprefix("tag: "),) for c in apps.columns if str(c).startswith("tag: ")}


def _names_only(people: pd.Series) -> pd.Series:
    """'John Doe <jdoe@example.com>, Jane Roe <jr@example.com>' → 'John Doe, Jane Roe'."""
    return people.map(lambda text: _EMAIL.sub(" ", text).strip(" ,") if isinstance(text, str) else text)


def _links(
    body: pd.DataFrame, rows: np.ndarray, sheet: str, spec, columns: dict, readable: np.ndarray
) -> tuple[pd.DataFrame, list[Finding]]:
    name_col = columns.get(fold_key("Application Name"))
    dep_col = columns.get(fold_key(spec["dependency"]))
    dir_col = columns.get(fold_key(spec["direction"]))
    empty = pd.DataFrame({"row": pd.Series(dtype="int64"), "app_id": [], "depends_on": []})
    if name_col is None or dep_col is None:
        return empty, []
    app = as_text(body[name_col])
    other = as_text(body[dep_col])
    direction = (
        as_text(body[dir_col]).str.casefold() if dir_col else pd.Series([None] * len(body), dtype=object)
    )
    has = readable & other.notna().to_numpy()
    north = has & (direction == "northbound").to_numpy()
    unknown = has & ~north & ~(direction == "southbound").to_numpy()
    findings = [
        make_finding(
            "dependency-direction-unknown",
            f"Row {rows[i]}: dependency direction '{direction.iloc[i] or ''}' is neither northbound nor "
            f"southbound; read as southbound ({app.iloc[i]} depends on {other.iloc[i]}).",
            sheet=sheet,
            row=rows[i],
            column=dir_col,
            value=direction.iloc[i],
        )
        for i in np.flatnonzero(unknown)
    ]
    source = np.where(north, other, app)[has]
    target = np.where(north, app, other)[has]
    return pd.DataFrame({"row": rows[has], "app_id": source, "depends_on": target}), findings
