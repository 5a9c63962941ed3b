"""`load_inventory`: file → `Inventory`, the one entry point of the reading stage.

The steps are public too, so the UI's mapping step can show what was
detected and let the analyst correct it: `read_workbook` (file → raw
sheets), `inspect_workbook` (cloudfit.inventory.layout: which sheet, which
header row, which column is which field) and then
`load_inventory(..., mapping=corrected)`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from cloudfit.errors import CloudfitError, InputError, is_fatal, unreadable
from cloudfit.finding_codes import make_finding
from cloudfit.findings import Finding
from cloudfit.gcpause import without_gc
from cloudfit.inventory.external import external_links
from cloudfit.inventory.layout import (
    WorkbookLayout,
    column_findings,
    inspect_workbook,
    missing_required_message,
)
from cloudfit.inventory.limits import DEFAULT_LIMITS, Deadline, Limits, check_rows
from cloudfit.inventory.links import links_from_sheet, resolve_ids, validate_links
from cloudfit.inventory.model import Inventory
from cloudfit.inventory.raw import RawWorkbook
from cloudfit.inventory.reader import Source, read_workbook
from cloudfit.inventory.sections import apply_sections
from cloudfit.inventory.validate import validate_applications


@without_gc
def load_inventory(
    source: Source | RawWorkbook,
    *,
    filename: str | None = None,
    mapping: str | Path | Mapping[str, str | None] | None = None,
    limits: Limits | None = None,
    format: str = "auto",
    as_of: dt.date | None = None,
) -> Inventory:
    """Read, map, coerce and validate an inventory file; raise `InputError` when it is unusable.

    `source` is a path, the file's bytes (pass `filename` for its extension
    and name), a binary file object, or a `RawWorkbook` already read.
    `mapping` ({source header: field}, a version-2 mapping, or a YAML/JSON
    file of either; see docs/mapping-files.md) overrides the automatic
    column matching. `format` names another tool's format (`auto` detects
    it; see `cloudfit.formats`); `as_of` dates the OS support of servers.
    Any failure, including a parser's own exceptions, comes out as an
    `InputError`; untrusted files are better read with
    `cloudfit.sandbox.load_inventory_bounded`, which also survives a parser
    that crashes or exhausts memory.
    """
    try:
        return _load(source, filename, mapping, limits, format, as_of)
    except CloudfitError:
        raise
    except BaseException as error:  # the parsers' panics derive from BaseException
        if is_fatal(error):
            raise
        raise unreadable(_display_name(source, filename), error) from None


def _load(source, filename, mapping, limits, format, as_of) -> Inventory:
    from cloudfit.formats.prepare import prepare

    limits = limits or DEFAULT_LIMITS
    deadline = Deadline(limits, _display_name(source, filename))
    raw = (
        source if isinstance(source, RawWorkbook) else read_workbook(source, filename=filename, limits=limits)
    )
    deadline.check("reading the file")
    prepared = prepare(raw, mapping=mapping, format=format, as_of=as_of)
    layout = prepared.layout or inspect_workbook(raw, mapping=prepared.explicit)
    layout, section_findings = apply_sections(layout)
    if layout.missing_required:
        raise InputError(missing_required_message(layout), missing_required_message(layout, "vi"))
    _check_sizes(layout, raw.source, limits)
    apps = validate_applications(
        layout.applications.sheet, layout.applications.header, list(layout.applications.matches)
    )
    deadline.check("validating the applications")
    links = [apps.links]
    findings = list(layout.findings) + section_findings + _nul_findings(raw)
    findings += column_findings(layout.applications)
    findings += apps.findings
    if layout.dependencies is not None:
        sheet_links, coupling_findings = links_from_sheet(
            layout.dependencies.sheet, layout.dependencies.header, list(layout.dependencies.matches)
        )
        links.insert(0, sheet_links)
        findings += column_findings(layout.dependencies, carried=False)
        findings += coupling_findings
    all_links = pd.concat([frame for frame in links if not frame.empty] or [apps.links], ignore_index=True)
    resolved = None if all_links.empty else resolve_ids(all_links, apps.frame)
    external = external_links(all_links, apps.frame, resolved)
    dependencies, link_findings = validate_links(all_links, apps.frame, resolved)
    findings += link_findings
    deadline.check("validating the dependencies")
    return Inventory(
        applications=apps.frame,
        dependencies=dependencies,
        findings=tuple(findings),
        rows_read=apps.rows_read,
        rejected=apps.rejected,
        source=raw.source,
        column_mapping=_sources(prepared.fields_from, apps.column_mapping),
        extra_columns=apps.extra_columns,
        format=prepared.choice.as_dict(),
        servers=prepared.servers,
        server_summary=prepared.server_summary,
        external_links=external,
    )


def _nul_findings(raw: RawWorkbook) -> list[Finding]:
    if not raw.nul_rows:
        return []
    rows = ", ".join(str(row) for row in raw.nul_rows[:20]) + (" …" if len(raw.nul_rows) > 20 else "")
    return [
        make_finding(
            "nul-character",
            f"{len(raw.nul_rows)} line(s) of the file hold a NUL character (lines {rows}); each was read as "
            "'\ufffd' so that no value was cut short.",
            sheet=raw.sheets[0].name,
            row=raw.nul_rows[0],
        )
    ]


def _check_sizes(layout: WorkbookLayout, source: str, limits: Limits) -> None:
    apps = layout.applications
    check_rows(
        source, apps.sheet.name, len(apps.sheet.cells) - apps.header.position - 1, limits.max_rows, "rows"
    )
    if layout.dependencies is not None:
        deps = layout.dependencies
        rows = len(deps.sheet.cells) - deps.header.position - 1
        check_rows(source, deps.sheet.name, rows, limits.max_dependency_rows, "dependency rows")


def _sources(fields_from: Mapping[str, str], matched: Mapping[str, str]) -> dict[str, str]:
    """Source header → field, with the fields of a header that feeds several joined by commas."""
    mapping: dict[str, str] = {}
    for header, name in matched.items():
        source = fields_from.get(name, header)
        mapping[source] = f"{mapping[source]}, {name}" if source in mapping else name
    return mapping


def _display_name(source, filename: str | None) -> str:
    if filename:
        return filename
    if isinstance(source, RawWorkbook):
        return source.source
    if isinstance(source, str | Path):
        return Path(source).name
    return "uploaded file"
