"""The Summary sheet: headline figures, count tables and native Excel charts.

The charts read the count tables on the same sheet, so they are live Excel
(and LibreOffice) charts, not pictures, and stay right if a reader edits a
count. Figures come from `cloudfit.export.summary`, the same numbers the
CLI prints and the JSON carries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cloudfit import i18n
from cloudfit.export import summary
from cloudfit.roadmap.book import HEADER, Book, Column

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

    from cloudfit.assessment import Assessment

LABEL_WIDTH, VALUE_WIDTH = 44.0, 18.0
CHART_COLUMN = 3
CHART_ROWS = 17  # rows one default chart covers, plus a gap
CHART_COLUMNS = 9  # default-width columns one chart covers (480 px x 1.2)
CHARTS_PER_PAGE = 2


def _headline(assessment: Assessment, figures: dict[str, Any], lang: str) -> list[tuple[str, Any, str]]:
    """(label, value, kind) rows of the headline table."""
    model = assessment.model
    findings = figures["findings"]
    met = i18n.t("bool.true" if figures["cloud_target_met"] else "bool.false", lang)
    return [
        (i18n.t("summary.source", lang), assessment.inventory.source or None, "text"),
        (i18n.t("summary.model", lang), f"{model.name} {model.version}", "text"),
        (i18n.t("summary.as_of", lang), assessment.options.as_of.isoformat(), "text"),
        (i18n.t("summary.applications", lang), figures["applications"], "int"),
        (i18n.t("summary.rejected", lang), figures["rejected"], "int"),
        (i18n.t("summary.cloud_eligible", lang), figures["cloud_eligible"], "int"),
        (i18n.t("summary.cloud_share", lang), figures["cloud_eligible_share"], "percent"),
        (i18n.t("summary.cloud_target", lang), figures["cloud_target"], "percent"),
        (i18n.t("summary.target_met", lang), met, "text"),
        (i18n.t("summary.person_days", lang), figures["person_days"], "days"),
        (i18n.t("summary.waves", lang), figures["waves"], "int"),
        (i18n.t("summary.months", lang), figures["months"], "int"),
        (i18n.t("summary.quick_wins", lang), figures["quick_wins"], "int"),
        (i18n.t("summary.findings", lang),
         f"{findings['error']} / {findings['warning']} / {findings['info']}", "text"),
    ]  # fmt: skip


def _count_table(
    book: Book,
    ws: Worksheet,
    row: int,
    title_key: str,
    labels: list[str],
    values: list[Any],
    kind: str,
    fills: list[str | None] | None = None,
) -> tuple[int, int, int]:
    """A titled two-column table; returns (first data row, last data row, next free row)."""
    lang = book.lang
    ws.write_string(row, 0, i18n.t(title_key, lang), book.fmt(bold=True, font_size=12))
    columns = [
        Column(i18n.column_label("item", lang), labels, "text", fills=fills, width=LABEL_WIDTH),
        Column(
            i18n.t("chart.person_days" if kind == "days" else "col.count", lang),
            values,
            kind,
            width=VALUE_WIDTH,
        ),
    ]
    end = book.table(ws, columns, first_row=row + 1, freeze=False, autofilter=False)
    return row + 2, row + 1 + len(labels), end + 1


def _chart(book: Book, kind: str, name: str, sheet: str, first: int, last: int,
           colours: list[str] | None, value_title: str):  # fmt: skip
    chart = book.workbook.add_chart({"type": kind})
    series: dict[str, Any] = {
        "name": name,
        "categories": [sheet, first, 0, last, 0],
        "values": [sheet, first, 1, last, 1],
    }
    if colours:
        series["points"] = [{"fill": {"color": c}, "border": {"color": "#404040"}} for c in colours]
    chart.add_series(series)
    chart.set_title({"name": name})
    chart.set_legend({"none": True} if kind != "pie" else {"position": "right"})
    if kind != "pie":
        chart.set_y_axis({"name": value_title, "major_gridlines": {"visible": True}})
    return chart


def write_summary(book: Book, assessment: Assessment) -> None:
    lang = book.lang
    figures = summary(assessment)
    name = i18n.sheet_name("summary", lang)
    ws = book.sheet(name)
    ws.write_string(0, 0, i18n.t("summary.title", lang), book.fmt(bold=True, font_size=16))
    rows = _headline(assessment, figures, lang)
    ws.set_column(0, 0, LABEL_WIDTH)
    ws.set_column(1, 1, VALUE_WIDTH)
    header = book.fmt(**HEADER)
    ws.write_string(2, 0, i18n.column_label("item", lang), header)
    ws.write_string(2, 1, i18n.column_label("value", lang), header)
    for i, (label, value, kind) in enumerate(rows):
        ws.write_string(3 + i, 0, label)
        book.write(ws, 3 + i, 1, value, book.kind_format(kind))
    row = 3 + len(rows) + 1

    deployment = figures["deployment"]
    bands = figures["bands"]
    strategy = figures["strategy"]
    axis = i18n.t("chart.applications", lang)
    tables = [
        ("summary.by_deployment", "pie", [i18n.deployment_label(c, lang) for c in deployment],
         list(deployment.values()), [i18n.DEPLOYMENT_COLOURS[c] for c in deployment], "int", None),
        ("summary.by_band", "column", [i18n.band_label(c, lang) for c in bands], list(bands.values()),
         [i18n.BAND_COLOURS[c] for c in bands], "int", [i18n.BAND_COLOURS[c] for c in bands]),
        ("summary.by_strategy", "bar", [i18n.strategy_label(c, lang) for c in strategy],
         list(strategy.values()), None, "int", None),
    ]  # fmt: skip
    waves = assessment.plan.waves
    if not waves.empty:
        # Workstreams run in parallel: the waves starting in a quarter show the load of that quarter.
        by_quarter = waves.groupby("start_quarter", sort=True)["person_days"].sum()
        tables.append(
            (
                "summary.person_days_by_quarter",
                "column",
                by_quarter.index.tolist(),
                [float(v) for v in by_quarter.tolist()],
                None,
                "days",
                None,
            )
        )
    chart_row = 2
    for title_key, kind, labels, values, colours, value_kind, fills in tables:
        first, last, row = _count_table(book, ws, row, title_key, labels, values, value_kind, fills)
        title = i18n.t(title_key, lang)
        value_title = i18n.t("chart.person_days", lang) if value_kind == "days" else axis
        chart = _chart(book, kind, title, name, first, last, colours, value_title)
        ws.insert_chart(chart_row, CHART_COLUMN, chart, {"x_scale": 1.2, "y_scale": 1.0})
        chart_row += CHART_ROWS
    # Printing: two charts a page, never one cut in half; the print area reaches the charts' right edge.
    ws.set_h_pagebreaks(
        list(range(2 + CHARTS_PER_PAGE * CHART_ROWS, chart_row, CHARTS_PER_PAGE * CHART_ROWS))
    )
    book.extents[name] = (chart_row, CHART_COLUMN + CHART_COLUMNS)
