"""The Overrides and Audit sheets, written when reviewers' decisions are attached.

The Overrides sheet lists every overridden field with the computed value
next to the final one; `read_overrides` reads it back, so a roadmap
workbook re-imported into the workspace brings its overrides with it.
Headers are matched in either language.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import pandas as pd

from cloudfit import i18n
from cloudfit.decisions import LOG_COLUMNS, OVERRIDE_COLUMNS, Override
from cloudfit.errors import InputError
from cloudfit.roadmap.book import Book, Column
from cloudfit.vocabulary import LANGUAGES

if TYPE_CHECKING:
    from cloudfit.assessment import Assessment

OVERRIDE_FILL = "#FCE4D6"


def _override_header(key: str, lang: str) -> str:
    return i18n.t(f"col.override_{key}", lang)


def mark_overridden(assessment: Assessment, name: str, column: Column) -> Column:
    """The Applications sheet's column `name` with the cells of approved overrides filled (final values marked)."""
    decisions = assessment.decisions
    if decisions is None:
        return column
    table = decisions.overrides
    apps = table.loc[(table["status"] == "approved") & (table["field"] == name), "app_id"]
    if apps.empty:
        return column
    marked = assessment.results["app_id"].isin(apps).to_numpy()
    fills = column.fills if column.fills is not None else [None] * len(marked)
    column.fills = [OVERRIDE_FILL if m else fill for m, fill in zip(marked, fills)]
    return column


def write_overrides(book: Book, assessment: Assessment) -> None:
    """One row per overridden field: computed and final value, reason, who, when, status."""
    decisions = assessment.decisions
    if decisions is None:
        return
    lang = book.lang
    table = decisions.overrides.reset_index(drop=True)
    review = table["app_id"].map(
        lambda app: i18n.t(f"review.{decisions.review.get(app, 'not_reviewed')}", lang)
    )
    fills = [OVERRIDE_FILL] * len(table)
    columns = [
        *(
            Column(_override_header(key, lang), table[key], "auto", fills=fills if key == "final" else None)
            for key in OVERRIDE_COLUMNS
        ),
        Column(_override_header("review_status", lang), review),
    ]
    book.data_sheet(i18n.sheet_name("overrides", lang), columns, freeze_cols=2)


def write_audit(book: Book, assessment: Assessment) -> None:
    """The audit log behind the decisions: who did what, when, before and after, why."""
    decisions = assessment.decisions
    if decisions is None:
        return
    lang = book.lang
    log = decisions.log.reset_index(drop=True)
    columns = [Column(i18n.t(f"col.audit_{key}", lang), log[key], "auto") for key in LOG_COLUMNS]
    book.data_sheet(i18n.sheet_name("audit", lang), columns, freeze_cols=1)


def read_overrides(source: str | Path | bytes | BinaryIO) -> list[Override]:
    """The overrides of a roadmap workbook's Overrides sheet ([] when it has none)."""
    from openpyxl import load_workbook

    data = source if isinstance(source, bytes) else None
    try:
        book = load_workbook(io.BytesIO(data) if data is not None else source, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a file that is not a workbook
        raise InputError(
            f"Cannot read the overrides of {source!s:.80}: not a readable .xlsx workbook."
        ) from error
    names = {i18n.sheet_name("overrides", lang) for lang in LANGUAGES}
    sheet = next((book[name] for name in book.sheetnames if name in names), None)
    if sheet is None:
        book.close()
        return []
    rows = list(sheet.iter_rows(values_only=True))
    book.close()
    if not rows:
        return []
    headers = {_override_header(key, lang): key for key in OVERRIDE_COLUMNS for lang in LANGUAGES}
    keys = [headers.get(str(cell).strip()) if cell is not None else None for cell in rows[0]]
    frame = pd.DataFrame([list(row) for row in rows[1:]], columns=keys)
    missing = [key for key in ("app_id", "field", "final", "reason") if key not in frame.columns]
    if missing:
        raise InputError(f"The Overrides sheet lacks the columns: {', '.join(missing)}.")
    out = []
    for row in frame.to_dict("records"):
        if not row.get("app_id") or not row.get("field"):
            continue
        out.append(
            Override(
                app_id=str(row["app_id"]).strip(),
                field=str(row["field"]).strip(),
                value=row["final"],
                reason=str(row.get("reason") or ""),
                user=str(row.get("user") or ""),
                at=str(row.get("at") or ""),
                status=str(row.get("status") or "approved"),
            )
        )
    return out
