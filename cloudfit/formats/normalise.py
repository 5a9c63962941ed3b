"""Apply a `MappingSpec` to one sheet: rewrite it as a sheet headed by cloudfit's own field names.

The rewritten sheet keeps every row where it was (its `first_row` is the
header's row), so every later finding still names the row a person sees in
the original file; rows that are not applications are left blank here and
accounted for by whoever blanked them. Columns become fields (one header
may feed several), constants fill fields the file lacks, value maps
translate other tools' words (`aws` → `public_cloud`), ids are generated
from the name or the row when the file has none, and `depends_on` entries
given by name are turned into ids.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cloudfit.formats.spec import MappingSpec, ValueMap
from cloudfit.inventory.cells import as_text
from cloudfit.inventory.header import HeaderRow
from cloudfit.inventory.mapping import auto_mapping
from cloudfit.inventory.raw import RawSheet
from cloudfit.text import clean_text, fold_key

_LIST_SPLIT = re.compile(r"\s*[;,\n]\s*")


@dataclass(frozen=True)
class Canonical:
    """A sheet rewritten under field names, and the mapping that reads it back exactly."""

    sheet: RawSheet
    explicit: dict[str, str | None]
    fields_from: dict[str, str]  # field → the source header (or "constant") it came from


def body_of(sheet: RawSheet, header: HeaderRow) -> pd.DataFrame:
    """The cells under the header, one column per kept header, rows in sheet order."""
    body = sheet.cells.iloc[header.position + 1 :, list(header.columns)].reset_index(drop=True)
    body.columns = list(header.headers)
    return body


def present_rows(body: pd.DataFrame) -> np.ndarray:
    """Rows with at least one non-blank cell."""
    if body.empty:
        return np.zeros(len(body), bool)
    text = body.astype(object).where(body.notna(), "").astype(str)
    return (text.apply(lambda column: column.str.strip() != "")).any(axis=1).to_numpy()


# Server fields where a second source adds to the first (disk 1, disk 2, ...) instead of filling its blanks.
ADDITIVE_FIELDS = frozenset({"storage_gb"})
_ITEM_SEPARATOR = re.compile(r"[,;\n]")


def canonical_sheet(
    sheet: RawSheet,
    header: HeaderRow,
    spec: MappingSpec,
    *,
    body: pd.DataFrame | None = None,
    present: np.ndarray | None = None,
) -> Canonical:
    """Rewrite `sheet` below `header` under field names, as `spec` says."""
    body = body_of(sheet, header) if body is None else body
    present = present_rows(body) if present is None else present
    headers = list(body.columns)
    matches = auto_mapping(headers, explicit=spec.single_fields())
    fields: dict[str, pd.Series] = {}
    fields_from: dict[str, str] = {}
    extras: dict[str, pd.Series] = {}
    for j, match in enumerate(matches):
        column = body.iloc[:, j]
        targets = list(_targets(match.header, spec)) or ([match.field] if match.field else [])
        counted = spec.counts.get(match.header)
        if counted is not None:
            targets = [counted]
            column = count_items(column)
        for target in targets:
            if target in fields and target in ADDITIVE_FIELDS:  # a server's disks add up
                fields[target] = _add(fields[target], column)
            elif target in fields:  # a second source of the same field fills the first one's blanks
                fields[target] = fields[target].where(_filled(fields[target]), column)
            else:
                fields[target] = column
                fields_from[target] = match.header
        if not targets:
            extras[match.header] = column
    for name, value in spec.constants.items():
        constant = pd.Series([value] * len(body), dtype=object)
        if name in fields:
            fields[name] = fields[name].where(_filled(fields[name]), constant)
        else:
            fields[name] = constant
            fields_from[name] = "constant"
    for name, value_map in spec.values.items():
        if name in fields and not value_map.is_empty():
            fields[name] = translate(fields[name], value_map)
    _generate_ids(fields, fields_from, spec, sheet, header)
    if "depends_on" in fields and "app_id" in fields:
        fields["depends_on"] = resolve_names(fields["depends_on"], fields["app_id"], fields.get("name"), spec)
    for name in list(fields):
        fields[name] = fields[name].where(pd.Series(present), None)
    return Canonical(
        grid_sheet(sheet, header, {**fields, **extras}),
        {**{name: name for name in fields}, **{name: None for name in extras}},
        fields_from,
    )


def count_items(column: pd.Series) -> pd.Series:
    """How many items each cell lists (separated by commas, semicolons or new lines); blank stays blank."""
    text = as_text(column).astype(object)
    counts = [
        None if pd.isna(cell) else sum(1 for item in _ITEM_SEPARATOR.split(str(cell)) if item.strip()) or None
        for cell in text
    ]
    return pd.Series(counts, index=column.index, dtype=object)


def _add(first: pd.Series, second: pd.Series) -> pd.Series:
    """The sum of two numeric sources; a text that is not a number is kept for validation to report."""
    a, b = pd.to_numeric(first, errors="coerce"), pd.to_numeric(second, errors="coerce")
    total = a.fillna(0) + b.fillna(0)
    summed = total.astype(object).where(a.notna() | b.notna(), None)
    unreadable = (_filled(first) & a.isna()) | (_filled(second) & b.isna())
    return summed.where(~unreadable, first.where(_filled(first) & a.isna(), second))


def grid_sheet(
    sheet: RawSheet, header: HeaderRow, columns: Mapping[str, pd.Series], name: str | None = None
) -> RawSheet:
    """A raw sheet whose first row is `columns`' names and whose rows keep the original row numbers."""
    names = list(columns)
    grid = pd.DataFrame({i: columns[n].astype(object).to_numpy() for i, n in enumerate(names)}, dtype=object)
    top = pd.DataFrame([names], columns=range(len(names)), dtype=object)
    cells = pd.concat([top, grid], ignore_index=True)
    cells = cells.astype(object).where(cells.notna(), None)
    return RawSheet(name or sheet.name, cells, first_row=sheet.row_number(header.position), first_col=0)


def translate(values: pd.Series, value_map: ValueMap) -> pd.Series:
    """Each distinct value through the map: exact folded match, then the first pattern that matches."""
    text = as_text(values)
    distinct = text.dropna().unique()
    lookup: dict[str, object] = {}
    for value in distinct:
        key = fold_key(value)
        if key in value_map.exact:
            lookup[value] = value_map.exact[key]
            continue
        for pattern, target in value_map.patterns:
            if pattern.search(value):
                lookup[value] = target
                break
    if not lookup:
        return values
    hit = text.isin(list(lookup))
    return values.astype(object).where(~hit, text.map(lookup))


def _targets(header: str, spec: MappingSpec) -> tuple[str, ...]:
    if header in spec.columns:
        return spec.columns[header]
    key = fold_key(header)
    for source, fields in spec.columns.items():
        if fold_key(source) == key:
            return fields
    return ()


def _filled(values: pd.Series) -> pd.Series:
    text = as_text(values)
    return text.notna()


def _generate_ids(
    fields: dict, fields_from: dict, spec: MappingSpec, sheet: RawSheet, header: HeaderRow
) -> None:
    """app_id from the name or the row number where the file gives none."""
    if spec.ids == "column":
        return
    n = len(next(iter(fields.values()))) if fields else 0
    existing = as_text(fields["app_id"]) if "app_id" in fields else pd.Series([None] * n, dtype=object)
    if spec.ids == "name" and "name" in fields:
        generated = as_text(fields["name"])
        source = f"name ({fields_from.get('name', 'name')})"
    else:
        rows = sheet.row_number(header.position + 1) + np.arange(n)
        generated = pd.Series([f"ROW-{r}" for r in rows], dtype=object)
        source = "row number"
    fields["app_id"] = existing.where(existing.notna(), generated)
    fields_from.setdefault("app_id", f"generated from the {source}")


def resolve_names(
    depends_on: pd.Series, ids: pd.Series, names: pd.Series | None, spec: MappingSpec
) -> pd.Series:
    """`depends_on` lists with entries given by name replaced by that application's id."""
    if spec.dependencies == "id" or names is None:
        return depends_on
    id_text, name_text = as_text(ids), as_text(names)
    by_id = {fold_key(i): i for i in id_text.dropna()}
    by_name: dict[str, str] = {}
    for name, app in zip(name_text, id_text, strict=True):
        if name is not None and app is not None:
            by_name.setdefault(fold_key(name), app)
    lists = as_text(depends_on)

    def resolve(entry: str) -> str:
        key = fold_key(entry)
        if spec.dependencies == "auto" and key in by_id:
            return by_id[key]
        return by_name.get(key, by_id.get(key, entry) if spec.dependencies == "auto" else entry)

    lookup = {
        text: "; ".join(resolve(part) for part in _LIST_SPLIT.split(text) if part.strip())
        for text in lists.dropna().unique()
    }
    return lists.map(lookup)


def clean_cell(value: object) -> str | None:
    """A cell as stripped text, or None when blank."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    text = clean_text(str(value))
    return text or None
