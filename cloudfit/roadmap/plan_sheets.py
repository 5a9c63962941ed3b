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
from cloudfit.findings import FINDING_COLUMNS
from cloudfit.plan_text import decommission_reasons, finding_messages, hybrid_notes
from cloudfit.roadmap.applications import result_header
from cloudfit.roadmap.book import Book, Column

if TYPE_CHECKING:
    from cloudfit.assessment import Assessment

CROSS_WAVE_FILL = "#FFE699"
HYBRID_FILL = "#F8CBAD"
SEVERITY_FILLS = {"error": "#F8CBAD", "warning": "#FFE699"}


def _label(series: pd.Series, label, lang: str) -> pd.Series:
    codes = series.astype(object)
    return codes.map({code: label(code, lang) for code in pd.unique(codes.dropna())})


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
        Column(col("wave", lang), waves["wave"], "int"),
        Column(col("name", lang), names),
        Column(col("workstream", lang), waves["workstream"], width=30),
        Column(col("start_date", lang), waves["start_date"]),
        Column(col("end_date", lang), waves["end_date"]),
        Column(col("start_quarter", lang), waves["start_quarter"]),
        Column(col("fiscal_year", lang), waves["fiscal_year"], "int"),
        Column(col("start_month", lang), waves["start_month"], "int"),
        Column(col("end_month", lang), waves["end_month"], "int"),
        Column(col("months", lang), months, "int"),
        Column(col("n_apps", lang), waves["n_apps"], "int"),
        Column(col("person_days", lang), waves["person_days"], "days"),
        Column(col("public", lang), waves["public"], "int"),
        Column(col("hybrid_count", lang), waves["hybrid"], "int"),
        Column(col("private", lang), waves["private"], "int"),
        Column(col("pilot", lang), waves["pilot"], "bool"),
        Column(col("oversize", lang), waves["oversize"], "bool"),
        Column(col("app_ids", lang), waves["app_ids"], width=60),
    ]
    book.data_sheet(i18n.sheet_name("waves", lang), columns, freeze_cols=1)


def write_move_groups(book: Book, assessment: Assessment) -> None:
    lang = book.lang
    col = i18n.column_label
    groups = assessment.plan.move_groups.reset_index(drop=True)
    columns = [
        Column(col("move_group", lang), groups["move_group"]),
        Column(col("members", lang), groups["members"], width=60),
        Column(col("size", lang), groups["size"], "int"),
        Column(col("reason", lang), groups["reason"]),
        Column(col("wave", lang), groups["wave"], "int"),
    ]
    book.data_sheet(i18n.sheet_name("move_groups", lang), columns, freeze_cols=1)


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
        Column(col("dep_app_id", lang), table["app_id"]),
        Column(col("dep_depends_on", lang), table["depends_on"]),
        Column(col("dep_coupling", lang), _label(table["coupling"], i18n.coupling_label, lang)),
        Column(col("dep_notes", lang), table["notes"]),
        Column(result_header("app_wave", lang), table["app_wave"], "int"),
        Column(result_header("depends_on_wave", lang), table["depends_on_wave"], "int"),
        Column(result_header("cross_wave", lang), cross, "bool", fills=cross_fills),
        Column(result_header("hybrid", lang), hybrid, "bool", fills=hybrid_fills),
        Column(
            result_header("hybrid_note", lang), hybrid_notes(table["hybrid_note"], lang), fills=hybrid_fills
        ),
    ]
    book.data_sheet(i18n.sheet_name("dependencies", lang), columns, freeze_cols=2)


def write_decommission(book: Book, assessment: Assessment) -> None:
    lang = book.lang
    col = i18n.column_label
    table = assessment.plan.decommission.reset_index(drop=True)
    names = assessment.results.drop_duplicates("app_id").set_index("app_id")["name"]
    columns = [
        Column(col("app_id", lang), table["app_id"]),
        Column(col("app_name", lang), table["app_id"].map(names)),
        Column(col("reason", lang), decommission_reasons(table["reason"], lang, assessment.model), width=60),
    ]
    book.data_sheet(i18n.sheet_name("decommission", lang), columns, freeze_cols=1)


def write_findings(book: Book, assessment: Assessment) -> None:
    lang = book.lang
    col = i18n.column_label
    # read straight from the attributes: `Finding.to_dict` deep-copies through `dataclasses.asdict`,
    # about 0.3 ms a finding, seconds on a national inventory's tens of thousands of findings
    findings = assessment.findings
    frame = pd.DataFrame({name: [getattr(f, name) for f in findings] for name in FINDING_COLUMNS})
    fills = [SEVERITY_FILLS.get(s) for s in frame["severity"].tolist()]
    messages, actions = finding_messages(frame["code"], frame["message"], frame["action"], lang)
    columns = [
        Column(col("severity", lang), _label(frame["severity"], i18n.severity_label, lang), fills=fills),
        Column(col("code", lang), frame["code"]),
        Column(col("sheet", lang), frame["sheet"]),
        Column(col("row", lang), frame["row"], "int"),
        Column(col("column", lang), frame["column"]),
        Column(col("value", lang), frame["value"]),
        Column(col("message", lang), messages, width=60),
        Column(col("action", lang), actions, width=60),
    ]
    book.data_sheet(i18n.sheet_name("findings", lang), columns, freeze_cols=1)
