"""The Readiness and Readiness actions sheets: the report's tables for every agency.

One row per agency × theme with the rating in its report colour, the
marker on the Low→High scale (the score), confidence, blockers, strengths,
challenges and gaps; then every agency's sequenced action plan. The same
writer serves the roadmap workbook (when the assessment has readiness) and
the workbook of `cloudfit readiness --out`.
"""

from __future__ import annotations

import datetime as dt

from cloudfit import i18n
from cloudfit.findings import FINDING_COLUMNS
from cloudfit.readiness.rating import ReadinessResult
from cloudfit.readiness.report import action_table, theme_table
from cloudfit.roadmap.book import Book, Column, new_workbook
from cloudfit.roadmap.plan_sheets import SEVERITY_FILLS

_CREATED = dt.datetime(2025, 1, 1)


def _t(key: str, lang: str) -> str:
    return i18n.t(f"readiness.{key}", lang)


def write_readiness_result(book: Book, result: ReadinessResult) -> None:
    """The two readiness sheets of `result` in the book's language."""
    lang = book.lang
    themes = theme_table(result, lang)
    fills = [i18n.BAND_COLOURS[r] for r in themes["rating"]]
    columns = [
        Column(_t("col.agency", lang), themes["agency"], width=30),
        Column(_t("col.theme", lang), themes["theme"], width=28),
        Column(_t("col.rating", lang), themes["rating"].map(lambda r: i18n.band_label(r, lang)), fills=fills),
        Column(_t("col.score", lang), themes["score"], "score"),
        Column(_t("col.confidence", lang), themes["confidence"], "percent"),
        Column(_t("col.blockers", lang), themes["blockers"], width=40),
        Column(_t("col.strengths", lang), themes["strengths"], width=50),
        Column(_t("col.challenges", lang), themes["challenges"], width=50),
        Column(_t("col.gaps", lang), themes["gaps"], width=50),
    ]
    book.data_sheet(i18n.sheet_name("readiness", lang), columns, freeze_cols=2)
    actions = action_table(result, lang)
    columns = [
        Column(_t("col.agency", lang), actions["agency"], width=30),
        Column(_t("col.theme", lang), actions["theme"], width=28),
        Column(_t("col.action", lang), actions["action"], width=60),
        Column(_t("col.responsible", lang), actions["responsible"], width=40),
        Column(_t("col.start_month", lang), actions["start_month"], "int"),
        Column(_t("col.end_month", lang), actions["end_month"], "int"),
        Column(_t("col.funding", lang), actions["funding"], width=36),
    ]
    book.data_sheet(i18n.sheet_name("readiness_actions", lang), columns, freeze_cols=1)


def readiness_bytes(result: ReadinessResult, lang: str = "en") -> bytes:
    """The workbook of `cloudfit readiness --out`: the two readiness sheets and the reading findings."""
    workbook = new_workbook()
    workbook.set_properties(
        {"title": result.questionnaire.title.get(lang), "author": "cloudfit", "created": _CREATED}
    )
    book = Book(workbook, lang)
    write_readiness_result(book, result)
    findings = result.findings
    col = i18n.column_label
    values = {name: [getattr(f, name) for f in findings] for name in FINDING_COLUMNS}
    columns = [
        Column(
            col("severity", lang),
            [i18n.severity_label(s, lang) for s in values["severity"]],
            fills=[SEVERITY_FILLS.get(s) for s in values["severity"]],
        ),
        Column(col("code", lang), values["code"]),
        Column(col("sheet", lang), values["sheet"]),
        Column(col("row", lang), values["row"], "int"),
        Column(col("column", lang), values["column"]),
        Column(col("value", lang), values["value"]),
        Column(col("message", lang), values["message"], width=60),
        Column(col("action", lang), values["action"], width=60),
    ]
    book.data_sheet(i18n.sheet_name("findings", lang), columns, freeze_cols=1)
    return book.package()
