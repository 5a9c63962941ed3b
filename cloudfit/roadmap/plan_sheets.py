"""The Waves, Move groups, Dependencies, Decommission and Findings sheets.

The Dependencies sheet doubles as an inventory dependencies sheet: its
first four columns carry the reader's headers (app id, depends on,
coupling, notes); the wave columns and flags follow with the result prefix.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from cloudfit import i18n
from cloudfit.export import dependency_table
from cloudfit.findings import findings_frame
from cloudfit.roadmap.applications import result_header
from cloudfit.roadmap.book import Book, Column, values_of

if TYPE_CHECKING:
    from cloudfit.assessment import Assessment

CROSS_WAVE_FILL = "#FFE699"
HYBRID_FILL = "#F8CBAD"
SEVERITY_FILLS = {"error": "#F8CBAD", "warning": "#FFE699"}


def _label(series: pd.Series, label, lang: str) -> list[str | None]:
    return [None if not isinstance(v, str) else label(v, lang) for v in series.tolist()]


def write_waves(book: Book, assessment: Assessment) -> None:
    lang = book.lang
    col = i18n.column_label
    waves = assessment.plan.waves.reset_index(drop=True)
    months = waves["end_month"] - waves["start_month"] + 1
    names = [
        i18n.wave_label(n, bool(p), bool(o), lang)
        for n, p, o in zip(waves["wave"].tolist(), waves["pilot"].tolist(), waves["oversize"].tolist())
    ]
    columns = [
        Column(col("wave", lang), values_of(waves["wave"], "int"), "int"),
        Column(col("name", lang), names),
        Column(col("start_month", lang), values_of(waves["start_month"], "int"), "int"),
        Column(col("end_month", lang), values_of(waves["end_month"], "int"), "int"),
        Column(col("months", lang), values_of(months, "int"), "int"),
        Column(col("n_apps", lang), values_of(waves["n_apps"], "int"), "int"),
        Column(col("person_days", lang), values_of(waves["person_days"], "days"), "days"),
        Column(col("public", lang), values_of(waves["public"], "int"), "int"),
        Column(col("hybrid_count", lang), values_of(waves["hybrid"], "int"), "int"),
        Column(col("private", lang), values_of(waves["private"], "int"), "int"),
        Column(col("pilot", lang), values_of(waves["pilot"], "bool"), "bool"),
        Column(col("oversize", lang), values_of(waves["oversize"], "bool"), "bool"),
        Column(col("app_ids", lang), values_of(waves["app_ids"], "text"), width=60),
    ]
    book.table(book.sheet(i18n.sheet_name("waves", lang)), columns, freeze_cols=1)


def write_move_groups(book: Book, assessment: Assessment) -> None:
    lang = book.lang
    col = i18n.column_label
    groups = assessment.plan.move_groups.reset_index(drop=True)
    columns = [
        Column(col("move_group", lang), values_of(groups["move_group"], "text")),
        Column(col("members", lang), values_of(groups["members"], "text"), width=60),
        Column(col("size", lang), values_of(groups["size"], "int"), "int"),
        Column(col("reason", lang), values_of(groups["reason"], "text")),
        Column(col("wave", lang), values_of(groups["wave"], "int"), "int"),
    ]
    book.table(book.sheet(i18n.sheet_name("move_groups", lang)), columns, freeze_cols=1)


def write_dependencies(book: Book, assessment: Assessment) -> None:
    """Every link, readable back as a dependencies sheet, with cross-wave and hybrid links filled."""
    lang = book.lang
    col = i18n.column_label
    table = dependency_table(assessment)
    cross = table["cross_wave"].tolist()
    hybrid = table["hybrid"].tolist()
    cross_fills = [CROSS_WAVE_FILL if flag else None for flag in cross]
    hybrid_fills = [HYBRID_FILL if flag else None for flag in hybrid]
    columns = [
        Column(col("dep_app_id", lang), values_of(table["app_id"], "text")),
        Column(col("dep_depends_on", lang), values_of(table["depends_on"], "text")),
        Column(col("dep_coupling", lang), _label(table["coupling"], i18n.coupling_label, lang)),
        Column(col("dep_notes", lang), values_of(table["notes"], "text")),
        Column(result_header("app_wave", lang), values_of(table["app_wave"], "int"), "int"),
        Column(result_header("depends_on_wave", lang), values_of(table["depends_on_wave"], "int"), "int"),
        Column(result_header("cross_wave", lang), cross, "bool", fills=cross_fills),
        Column(result_header("hybrid", lang), hybrid, "bool", fills=hybrid_fills),
        Column(
            result_header("hybrid_note", lang), values_of(table["hybrid_note"], "text"), fills=hybrid_fills
        ),
    ]
    book.table(book.sheet(i18n.sheet_name("dependencies", lang)), columns, freeze_cols=2)


def write_decommission(book: Book, assessment: Assessment) -> None:
    lang = book.lang
    col = i18n.column_label
    table = assessment.plan.decommission.reset_index(drop=True)
    names = assessment.results.drop_duplicates("app_id").set_index("app_id")["name"]
    columns = [
        Column(col("app_id", lang), values_of(table["app_id"], "text")),
        Column(col("app_name", lang), values_of(table["app_id"].map(names), "text")),
        Column(col("reason", lang), values_of(table["reason"], "text"), width=60),
    ]
    book.table(book.sheet(i18n.sheet_name("decommission", lang)), columns, freeze_cols=1)


def write_findings(book: Book, assessment: Assessment) -> None:
    lang = book.lang
    col = i18n.column_label
    frame = findings_frame(assessment.findings)
    fills = [SEVERITY_FILLS.get(s) for s in frame["severity"].tolist()]
    columns = [
        Column(col("severity", lang), _label(frame["severity"], i18n.severity_label, lang), fills=fills),
        Column(col("code", lang), values_of(frame["code"], "text")),
        Column(col("sheet", lang), values_of(frame["sheet"], "text")),
        Column(col("row", lang), values_of(frame["row"], "int"), "int"),
        Column(col("column", lang), values_of(frame["column"], "text")),
        Column(col("value", lang), values_of(frame["value"], "text")),
        Column(col("message", lang), values_of(frame["message"], "text"), width=60),
        Column(col("action", lang), values_of(frame["action"], "text"), width=60),
    ]
    book.table(book.sheet(i18n.sheet_name("findings", lang)), columns, freeze_cols=1)
