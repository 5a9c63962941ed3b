"""Locate the data in a workbook read: which sheet holds the applications (and the dependencies),
which row is the header, which column is which field, and what around the header is not data.

`inspect_workbook` is what the UI's mapping step shows and lets the analyst correct;
`load_inventory` (cloudfit.inventory.load) then reads the located rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cloudfit.errors import InputError
from cloudfit.fields import (
    APPLICATION_SHEET_NAMES,
    DEPENDENCY_SHEET_NAMES,
    FIELDS_BY_NAME,
    LEGAL_FIELDS,
    REQUIRED_FIELDS,
)
from cloudfit.finding_codes import make_finding
from cloudfit.findings import Finding
from cloudfit.inventory.header import HEADER_SCAN_ROWS, MIN_RECOGNISED, HeaderRow, find_header, header_score
from cloudfit.inventory.mapping import ColumnMatch, auto_mapping, explicit_used, load_mapping
from cloudfit.inventory.raw import RawSheet, RawWorkbook
from cloudfit.inventory.strays import (
    header_like_findings,
    header_like_rows,
    hidden_sheet_finding,
    rows_above_findings,
    set_aside,
    visible_first,
)
from cloudfit.text import fold_key

DEPENDENCY_REQUIRED = ("app_id", "depends_on")


@dataclass(frozen=True)
class SheetLayout:
    """One sheet as understood: its header row and how each kept column matched a field."""

    sheet: RawSheet
    header: HeaderRow
    matches: tuple[ColumnMatch, ...]

    @property
    def mapped(self) -> dict[str, str]:
        return {m.header: m.field for m in self.matches if m.field}


@dataclass(frozen=True)
class WorkbookLayout:
    """Which sheets hold the applications and the dependencies, and which were left aside."""

    source: str
    applications: SheetLayout
    dependencies: SheetLayout | None
    ignored_sheets: tuple[str, ...]
    findings: tuple[Finding, ...]

    @property
    def missing_required(self) -> tuple[str, ...]:
        mapped = set(self.applications.mapped.values())
        return tuple(name for name in REQUIRED_FIELDS if name not in mapped)


def inspect_workbook(
    raw: RawWorkbook, *, mapping: str | Path | Mapping[str, str | None] | None = None, vouched: bool = False
) -> WorkbookLayout:
    """Pick the applications and dependencies sheets, find their header rows and match their columns.

    Raises `InputError` when no sheet has a recognisable header row. A
    required field without a column is not an error here (the UI lets the
    analyst map it); `load_inventory` refuses it. Given a mapping (or
    `vouched`: a version-2 mapping was given), a row naming one field will do.
    """
    explicit = load_mapping(mapping)
    return raw.once(("layout", tuple(explicit.items()), vouched), lambda: _inspect(raw, explicit, vouched))


def _inspect(raw: RawWorkbook, explicit: dict[str, str | None], vouched: bool) -> WorkbookLayout:
    apps_sheet, deps_sheet = _pick_sheets(raw, explicit)
    header = find_header(apps_sheet, "applications", explicit)
    if header is None and (explicit or vouched):  # a mapping vouches for the file: one known column will do
        header = find_header(apps_sheet, "applications", explicit, minimum=1)
    if header is None:
        raise InputError(
            f"{raw.source}: no header row found in sheet '{apps_sheet.name}' (the first {HEADER_SCAN_ROWS} rows "
            "were searched for column names such as 'app_id', 'Mã hệ thống', 'Tên hệ thống', "
            "'Đơn vị quản lý'). Put the column names in one row above the data, start from the "
            "template (`cloudfit template inventory.xlsx`), or give a mapping file (header: field).",
            f"{raw.source}: không tìm thấy dòng tiêu đề trong trang tính '{apps_sheet.name}' (đã tìm trong "
            f"{HEADER_SCAN_ROWS} dòng đầu các tên cột như 'app_id', 'Mã hệ thống', 'Tên hệ thống', "
            "'Đơn vị quản lý'). Hãy ghi tên cột trên một dòng phía trên dữ liệu, dùng biểu mẫu "
            "(`cloudfit template inventory.xlsx`) hoặc cung cấp tệp ánh xạ cột (tiêu đề: trường).",
        )
    apps = SheetLayout(apps_sheet, header, tuple(auto_mapping(list(header.headers), explicit=explicit)))
    apps, findings = _around_header(apps)
    deps = None
    if deps_sheet is not None:
        deps, problem = _dependency_layout(deps_sheet, explicit)
        if problem:
            findings.append(problem)
    used = {apps_sheet.name} | ({deps_sheet.name} if deps_sheet is not None else set())
    ignored = tuple(s.name for s in raw.sheets if s.name not in used)
    if ignored:
        findings.append(
            make_finding(
                "sheets-ignored", f"Sheets not read as applications or dependencies: {', '.join(ignored)}."
            )
        )
    headers_seen = list(apps.header.headers) + (list(deps.header.headers) if deps else [])
    used_entries = explicit_used(explicit, headers_seen)
    for key in explicit:
        if key not in used_entries:
            findings.append(
                make_finding(
                    "mapping-unused", f"The mapping entry '{key}' matches no column header.", header=key
                )
            )
    return WorkbookLayout(raw.source, apps, deps, ignored, tuple(findings))


def _around_header(layout: SheetLayout) -> tuple[SheetLayout, list[Finding]]:
    """Set aside header-like rows below the header and report rows above it that hold data."""
    sheet, header = layout.sheet, layout.header
    findings = [f for f in (hidden_sheet_finding(sheet),) if f is not None]
    findings += rows_above_findings(sheet, header)
    repeated = header_like_rows(sheet, header, list(layout.matches), "applications")
    if len(repeated):
        findings += header_like_findings(sheet, header, repeated)
        layout = SheetLayout(set_aside(sheet, repeated), header, layout.matches)
    return layout, findings


def _dependency_layout(sheet: RawSheet, explicit) -> tuple[SheetLayout | None, Finding | None]:
    header = find_header(sheet, "dependencies", explicit)
    matches = (
        tuple(auto_mapping(list(header.headers), kind="dependencies", explicit=explicit)) if header else ()
    )
    mapped = {m.field for m in matches if m.field}
    missing = [name for name in DEPENDENCY_REQUIRED if name not in mapped]
    if header is None or missing:
        if sheet.cells.empty:
            return None, None
        return None, make_finding(
            "dependency-sheet-unusable",
            f"Sheet '{sheet.name}' looks like a dependencies sheet but has no header row with the columns "
            f"'app_id' and 'depends_on' (or 'Mã hệ thống' and 'Phụ thuộc'); its links were not read.",
            sheet=sheet.name,
            needed="app_id, depends_on, coupling, notes",
        )
    return SheetLayout(sheet, header, matches), None


def _pick_sheets(raw: RawWorkbook, explicit) -> tuple[RawSheet, RawSheet | None]:
    """One sheet: the applications. Otherwise the visible sheets first, then hidden ones: by name, then by header."""
    if len(raw.sheets) == 1:
        return raw.sheets[0], None
    visible = [s for s in raw.sheets if s.visible]
    hidden = [s for s in raw.sheets if not s.visible]
    deps = _named(visible, DEPENDENCY_SHEET_NAMES) or _named(hidden, DEPENDENCY_SHEET_NAMES)
    apps = None
    for group in (visible, hidden):
        apps = _named(group, APPLICATION_SHEET_NAMES, exclude=deps) or _best_header(group, deps, explicit)
        if apps is not None:
            break
    if apps is None:
        ordered = visible_first(list(raw.sheets))
        apps = next((s for s in ordered if s is not deps and not s.cells.empty), ordered[0])
    if deps is apps:
        deps = None
    return apps, deps


def _named(
    sheets: list[RawSheet], names: tuple[str, ...], exclude: RawSheet | None = None
) -> RawSheet | None:
    """The first sheet named as `names` says (exactly, then as a word of its name)."""
    keys = [fold_key(sheet.name) for sheet in sheets]
    for exact in (True, False):
        for sheet, key in zip(sheets, keys, strict=True):
            if sheet is exclude:
                continue
            if (key in names) if exact else any(f"_{n}_" in f"_{key}_" for n in names):
                return sheet
    return None


def _best_header(sheets: list[RawSheet], deps: RawSheet | None, explicit) -> RawSheet | None:
    """The sheet whose header names the most application fields (the first on a tie), if any names enough."""
    scored = [
        (header_score(s, "applications", explicit), -i, s) for i, s in enumerate(sheets) if s is not deps
    ]
    best = max(scored, key=lambda item: (item[0], item[1]), default=None)
    return best[2] if best is not None and best[0] >= MIN_RECOGNISED else None


def column_findings(layout: SheetLayout, *, carried: bool = True) -> list[Finding]:
    """Once per sheet: columns kept as extras, fuzzy suggestions, two columns for one field, merged cells."""
    where = {"sheet": layout.sheet.name, "row": layout.header.row}
    findings = []
    unmapped = [m for m in layout.matches if m.field is None]
    if unmapped:
        names = ", ".join(f"'{m.header}'" for m in unmapped)
        message = (
            f"Columns kept as extra attributes (carried to the roadmap): {names}."
            if carried
            else f"Columns not read (a dependency has only app_id, depends_on, coupling and notes): {names}."
        )
        findings.append(make_finding("unmapped-column", message, **where))
    for match in unmapped:
        if match.duplicate_of:
            findings.append(
                make_finding(
                    "duplicate-column",
                    f"Column '{match.header}' also matches '{match.duplicate_of}', which an "
                    "earlier column already provides.",
                    column=match.header,
                    field=match.duplicate_of,
                    **where,
                )
            )
        elif match.suggestions:
            findings += _legal_warnings(layout, match, where)
            hints = " or ".join(f"'{s.field}' ({_label(s.field)})" for s in match.suggestions)
            findings.append(
                make_finding(
                    "column-suggestion",
                    f"Column '{match.header}' was not matched to a field; it might be {hints}. "
                    "This is only a suggestion and was not applied.",
                    column=match.header,
                    header=match.header,
                    suggestion=f"'{match.suggestions[0].field}'",
                    **where,
                )
            )
    below = [m for m in layout.sheet.merged if m[2] > layout.header.position]
    if below:
        top, left = below[0][0], below[0][1]
        findings.append(
            make_finding(
                "merged-cells-filled",
                f"{len(below)} merged cell range(s) below the header were filled with their top-left value "
                f"(first at {layout.sheet.column_letter(left)}{layout.sheet.row_number(top)}).",
                sheet=layout.sheet.name,
                row=layout.sheet.row_number(max(top, layout.header.position + 1)),
            )
        )
    return findings


def _legal_warnings(layout: SheetLayout, match: ColumnMatch, where: dict) -> list[Finding]:
    """A warning when a column looks like a legally decisive field that no column provides."""
    mapped = set(layout.mapped.values())
    legal = [s.field for s in match.suggestions if s.field in LEGAL_FIELDS and s.field not in mapped]
    if not legal:
        return []
    return [
        make_finding(
            "legal-field-unmapped",
            f"Column '{match.header}' looks like '{legal[0]}' ({_label(legal[0])}), which decides the "
            "deployment by law, and no column provides that field: map it or confirm it holds something else.",
            column=match.header,
            header=match.header,
            field=legal[0],
            **where,
        )
    ]


def _label(name: str) -> str:
    spec = FIELDS_BY_NAME.get(name)
    return f"{spec.label_en} / {spec.label_vi}" if spec else name


def missing_required_message(layout: WorkbookLayout, lang: str = "en") -> str:
    apps = layout.applications
    parts = []
    for name in layout.missing_required:
        spec = FIELDS_BY_NAME[name]
        hints = [m.header for m in apps.matches if any(s.field == name for s in m.suggestions)]
        if lang == "vi":
            hint = f" (cột '{hints[0]}' có vẻ gần đúng: hãy đổi tên hoặc ánh xạ cột này)" if hints else ""
            parts.append(f"'{name}' ({spec.label_vi}){hint}")
        else:
            hint = f" (column '{hints[0]}' looks close: rename it or map it)" if hints else ""
            parts.append(f"'{name}' ({spec.label_en} / {spec.label_vi}){hint}")
    shown = ", ".join(f"'{h}'" for h in apps.header.headers[:12]) + (
        " ..." if len(apps.header.headers) > 12 else ""
    )
    if lang == "vi":
        return (
            f"{layout.source}: trang tính '{apps.sheet.name}' không có cột cho (các) trường bắt buộc "
            f"{'; '.join(parts)}. Dòng tiêu đề {apps.header.row} gồm: {shown}. Hãy thêm cột, đổi tên "
            "tiêu đề hoặc cung cấp tệp ánh xạ cột (tiêu đề: trường)."
        )
    return (
        f"{layout.source}: sheet '{apps.sheet.name}' has no column for the required field(s) "
        f"{'; '.join(parts)}. The header row {apps.header.row} reads: {shown}. Add the column, rename "
        "a header, or give a mapping file (header: field)."
    )
