"""The catalogue of validation findings: one code, one severity, one title, one action each.

Every finding the reading stage produces comes from this table, so the UI,
the CLI and the workbook can filter and count by code, and the wording of
what to do lives in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from cloudfit.findings import Finding, Severity


@dataclass(frozen=True)
class Code:
    """A kind of finding: how serious it is, a short title and what to do (a format template)."""

    severity: Severity
    title: str
    action: str


CATALOGUE = MappingProxyType(
    {
        # rows of the applications sheet
        "missing_app_id": Code(
            "error",
            "Row without application ID",
            "Give this row a unique application ID, or delete the row if it is not an application "
            "(a total, a note or a sub-heading).",
        ),
        "duplicate_app_id": Code(
            "error",
            "Duplicate application ID",
            "Give this application its own ID, or delete the row if it repeats row {first_row} "
            "(that first row was kept).",
        ),
        "missing_required": Code(
            "warning", "Required value missing", "Fill in '{label}' for this application."
        ),
        # values
        "invalid_value": Code("warning", "Value not understood", "Use one of: {allowed}."),
        "out_of_range": Code("warning", "Value out of range", "Use a value {bounds}."),
        "value_interpreted": Code(
            "info",
            "Values interpreted",
            "Check that the reading is right; write the values as {canonical} to avoid the guess.",
        ),
        # columns and sheets
        "unmapped_column": Code(
            "info",
            "Columns kept as extra attributes",
            "Nothing to do if these columns are only for reference; they are carried to the roadmap. "
            "If one is meant as a cloudfit field, rename it or map it in a mapping file (header: field).",
        ),
        "column_suggestion": Code(
            "info",
            "Possible field for an unmapped column",
            "If '{header}' means {suggestion}, rename the column or map it in a mapping file.",
        ),
        "duplicate_column": Code(
            "warning",
            "Two columns for one field",
            "Keep one column for '{field}' or rename the other; the later one was kept as an extra attribute.",
        ),
        "mapping_unused": Code(
            "warning",
            "Mapping entry matches no column",
            "Check the spelling of '{header}' in the mapping file against the sheet's header row.",
        ),
        "merged_cells_filled": Code(
            "info",
            "Merged cells filled",
            "Check the values: each cell of a merged range was given the value of its top-left cell.",
        ),
        "sheets_ignored": Code(
            "info",
            "Sheets not read",
            "Nothing to do if these sheets hold no applications or dependencies; otherwise rename the sheet "
            "to 'Applications' or 'Dependencies'.",
        ),
        # dependencies
        "dependency_incomplete": Code(
            "warning",
            "Dependency without both IDs",
            "Fill in both the application ID and the ID it depends on, or delete the row.",
        ),
        "dependency_unknown_app": Code(
            "warning",
            "Dependency on an unknown application",
            "Correct the ID '{value}' or add that application to the applications sheet; the link was dropped.",
        ),
        "dependency_self": Code(
            "warning",
            "Application depends on itself",
            "Remove this link or correct one of the IDs; the link was dropped.",
        ),
        "dependency_duplicate": Code(
            "info",
            "Dependency listed twice",
            "Nothing to do; the repeat (first seen at {first}) was ignored. Delete it to keep the sheet clean.",
        ),
        "invalid_coupling": Code(
            "warning",
            "Coupling not understood",
            "Use 'tight' (must move in the same wave) or 'loose'; the link was read as loose.",
        ),
        "dependency_sheet_unusable": Code(
            "warning",
            "Dependencies sheet not read",
            "Give the sheet the columns '{needed}' (or map them); its links were not read.",
        ),
    }
)


def make_finding(
    code: str,
    message: str,
    *,
    sheet: str | None = None,
    row: int | None = None,
    column: str | None = None,
    value: object = None,
    **action_values: object,
) -> Finding:
    """A finding of a catalogued code; the action is the code's template filled with `action_values`."""
    spec = CATALOGUE[code]
    return Finding(
        severity=spec.severity,
        code=code,
        message=message,
        action=spec.action.format(value=display_value(value), **action_values),
        sheet=sheet,
        row=None if row is None else int(row),
        column=column,
        value=None if value is None else display_value(value),
    )


def display_value(value: object) -> str:
    """A cell value as the person typed it, short enough for a message."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return text if len(text) <= 200 else text[:197] + "..."
