"""Choose the format, apply the mapping, and hand the reading stage sheets it can read as its own.

`prepare` returns either nothing to do (a cloudfit file with a plain
mapping: the reading stage works as it always did) or a ready
`WorkbookLayout` of rewritten sheets whose headers are field names and
whose rows keep the original row numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from cloudfit.errors import InputError
from cloudfit.fields import FIELDS_BY_NAME, REQUIRED_FIELDS
from cloudfit.finding_codes import make_finding
from cloudfit.findings import Finding
from cloudfit.formats import konveyor
from cloudfit.formats.normalise import Canonical, body_of, canonical_sheet, grid_sheet, present_rows
from cloudfit.formats.presets import FormatChoice, Preset, chosen_format, common_values, known_fields
from cloudfit.formats.servers import group_servers
from cloudfit.formats.spec import EMPTY_SPEC, MappingSpec, is_version_2, parse_spec, read_mapping_document
from cloudfit.inventory.header import HeaderRow
from cloudfit.inventory.layout import SheetLayout, WorkbookLayout, inspect_workbook
from cloudfit.inventory.mapping import auto_mapping, load_mapping
from cloudfit.inventory.raw import RawSheet, RawWorkbook
from cloudfit.text import clean_text

DEPENDENCY_HEADERS = ("app_id", "depends_on", "coupling", "notes")


@dataclass(frozen=True)
class Prepared:
    """What the reading stage needs besides the raw file."""

    choice: FormatChoice
    explicit: dict[str, str | None]
    layout: WorkbookLayout | None = None  # when the file was rewritten
    findings: tuple[Finding, ...] = ()
    servers: pd.DataFrame | None = None
    server_summary: dict = field(default_factory=dict)
    fields_from: dict[str, str] = field(default_factory=dict)


def prepare(
    raw: RawWorkbook,
    *,
    mapping: str | Path | Mapping | None = None,
    format: str = "auto",
    as_of: dt.date | None = None,
) -> Prepared:
    """Pick the format (detected or named) and rewrite the file when a preset or a v2 mapping says so."""
    document = read_mapping_document(mapping)
    where = f"mapping file {mapping}" if isinstance(mapping, str | Path) else "the column mapping"
    if format == "auto" and is_version_2(document):
        format = str(document.get("format") or "auto")
    choice = chosen_format(raw, format)
    user: MappingSpec | None = None
    if is_version_2(document):
        user = parse_spec(document, where, known_fields(servers=True))
    elif document and choice.preset is not None:
        user = parse_spec({"columns": dict(document)}, where, known_fields(servers=True))
    if choice.preset is None and (user is None or not user.reshapes):
        explicit = user.single_fields() if user is not None else load_mapping(document)
        return Prepared(choice, explicit)
    spec = (
        choice.preset.spec.merged(user)
        if choice.preset and user
        else (choice.preset.spec if choice.preset else user)
    )
    as_of = as_of or dt.date.today()
    findings: list[Finding] = []
    if choice.preset is not None:
        findings.append(
            make_finding("format-detected", f"Read as {choice.title}: {choice.reason}.", sheet=choice.sheet)
        )
        return _from_preset(raw, choice, choice.preset, spec, findings, as_of)
    common = MappingSpec(values=common_values(), version=2)
    return _from_mapping(raw, choice, common.merged(spec or EMPTY_SPEC), findings)


def header_at(sheet: RawSheet, position: int) -> HeaderRow:
    """The header row at a known position (as `find_header` would describe it)."""
    cells = sheet.cells
    values = cells.iloc[position].to_numpy(dtype=object) if len(cells) else np.array([], dtype=object)
    has_data = cells.iloc[position + 1 :].notna().any(axis=0).to_numpy()
    headers, columns, seen = [], [], {}
    for column, cell in enumerate(values):
        text = clean_text(str(cell)) if cell is not None else ""
        if not text and not has_data[column]:
            continue
        text = text or f"Column {sheet.column_letter(column)}"
        seen[text] = seen.get(text, 0) + 1
        headers.append(text if seen[text] == 1 else f"{text} ({seen[text]})")
        columns.append(column)
    return HeaderRow(position, sheet.row_number(position), tuple(headers), tuple(columns), len(headers))


def _from_mapping(
    raw: RawWorkbook, choice: FormatChoice, spec: MappingSpec, findings: list[Finding]
) -> Prepared:
    known = set(FIELDS_BY_NAME) | set(DEPENDENCY_HEADERS)
    detect = {header: (field if field in known else None) for header, field in spec.single_fields().items()}
    layout = inspect_workbook(raw, mapping=detect, vouched=True)
    apps = layout.applications
    canonical = _ensure_required(canonical_sheet(apps.sheet, apps.header, spec), findings)
    return Prepared(
        choice,
        canonical.explicit,
        _layout(raw, canonical, layout.dependencies, layout.ignored_sheets, [*layout.findings, *findings]),
        fields_from=canonical.fields_from,
    )


def _from_preset(
    raw: RawWorkbook,
    choice: FormatChoice,
    found: Preset,
    spec: MappingSpec,
    findings: list[Finding],
    as_of: dt.date,
) -> Prepared:
    sheet = next(s for s in raw.sheets if s.name == choice.sheet) if choice.sheet else raw.sheets[0]
    header = header_at(sheet, choice.header_row or 0)
    body = body_of(sheet, header)
    rows = sheet.row_number(header.position + 1) + np.arange(len(body))
    ignored = tuple(s.name for s in raw.sheets if s.name != sheet.name)
    if ignored:
        findings.append(make_finding("sheets-ignored", f"Sheets not read: {', '.join(ignored)}."))
    servers, summary, deps = None, {}, None
    if found.rows == "servers":
        server_sheet = canonical_sheet(sheet, header, replace(spec, ids="column"), body=body)
        table = _frame(server_sheet.sheet)
        groups = group_servers(table, rows, sheet.name, as_of, lists=found.application_lists)
        findings += groups.findings
        servers, summary = groups.servers, groups.summary
        apps = groups.applications
        if apps.empty:
            raise InputError(
                f"{raw.source}: sheet '{sheet.name}' was read as {found.title}, but none of its "
                f"{summary['rows']} servers names an application. Add an application column (or map one: "
                'columns: {"<header>": application}; in the app, under "More fields from one column") and load it '
                "again."
            )
        app_spec = MappingSpec(
            ids=spec.ids, dependencies=spec.dependencies, constants=spec.constants, version=2
        )
        synthetic = RawSheet(f"{sheet.name} (applications)", pd.DataFrame([list(apps.columns)], dtype=object))
        app_header = HeaderRow(0, 1, tuple(apps.columns), tuple(range(len(apps.columns))), 0)
        canonical = canonical_sheet(
            synthetic, app_header, app_spec, body=apps.astype(object), present=np.ones(len(apps), bool)
        )
    else:
        if found.record_types:
            apps_body, links, split_findings = konveyor.split_records(body, rows, sheet.name, found)
            findings += split_findings
            spec = spec.merged(MappingSpec(columns=konveyor.tag_columns(apps_body), version=2))
            deps = _links_sheet(sheet, header, links, len(body))
        else:
            apps_body = body
        canonical = canonical_sheet(sheet, header, spec, body=apps_body, present=present_rows(apps_body))
    canonical = _ensure_required(canonical, findings)
    dep_layout = None
    if deps is not None:
        dep_header = HeaderRow(0, deps.first_row, DEPENDENCY_HEADERS, tuple(range(4)), 4)
        dep_layout = SheetLayout(
            deps, dep_header, tuple(auto_mapping(list(DEPENDENCY_HEADERS), kind="dependencies"))
        )
    return Prepared(
        choice,
        canonical.explicit,
        _layout(raw, canonical, dep_layout, ignored, findings, hints=False),
        servers=servers,
        server_summary=summary,
        fields_from=canonical.fields_from,
    )


def _frame(sheet: RawSheet) -> pd.DataFrame:
    cells = sheet.cells
    frame = cells.iloc[1:].reset_index(drop=True)
    frame.columns = list(cells.iloc[0])
    return frame


def _links_sheet(sheet: RawSheet, header: HeaderRow, links: pd.DataFrame, n: int) -> RawSheet:
    """Links laid out at the rows they came from, so findings name the original rows."""
    first = sheet.row_number(header.position + 1)
    columns = {name: pd.Series([None] * n, dtype=object) for name in DEPENDENCY_HEADERS}
    positions = links["row"].to_numpy(dtype=int) - first
    columns["app_id"].iloc[positions] = links["app_id"].to_numpy(dtype=object)
    columns["depends_on"].iloc[positions] = links["depends_on"].to_numpy(dtype=object)
    return grid_sheet(sheet, header, columns)


def _ensure_required(canonical: Canonical, findings: list[Finding]) -> Canonical:
    """Add an empty column for a required field the file lacks, with a finding saying how to supply it."""
    cells = canonical.sheet.cells
    missing = [name for name in REQUIRED_FIELDS if name not in canonical.explicit]
    if not missing:
        return canonical
    cells = cells.copy()
    for name in missing:
        cells[len(cells.columns)] = [name] + [None] * (len(cells) - 1)
        spec = FIELDS_BY_NAME[name]
        findings.append(
            make_finding(
                "required-field-absent",
                f"The file has no column for '{name}' ({spec.label_en} / {spec.label_vi}); it is empty for "
                "every application.",
                sheet=canonical.sheet.name,
                field=name,
            )
        )
    sheet = RawSheet(canonical.sheet.name, cells, canonical.sheet.first_row, 0)
    return Canonical(sheet, {**canonical.explicit, **{name: name for name in missing}}, canonical.fields_from)


def _layout(
    raw: RawWorkbook, canonical: Canonical, deps, ignored, findings, *, hints: bool = True
) -> WorkbookLayout:
    explicit = {k: (v if v in FIELDS_BY_NAME else None) for k, v in canonical.explicit.items()}
    sheet = canonical.sheet
    headers = tuple(str(h) for h in sheet.cells.iloc[0])
    header = HeaderRow(0, sheet.first_row, headers, tuple(range(len(headers))), len(headers))
    matches = tuple(
        m if hints else replace(m, suggestions=()) for m in auto_mapping(list(headers), explicit=explicit)
    )
    return WorkbookLayout(
        raw.source, SheetLayout(sheet, header, matches), deps, tuple(ignored), tuple(findings)
    )
