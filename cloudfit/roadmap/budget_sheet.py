"""The Budget and Costs sheets: money by fiscal year, agency and scenario, and per application.

Both read `assessment.costs`, the same figures as the JSON's `summary.budget`
and `applications[].cost`. Amounts are million VND (triệu đồng); the cost
model's placeholders are named on the sheet so nobody takes them for prices.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from cloudfit import i18n
from cloudfit.roadmap.book import Book, Column

if TYPE_CHECKING:
    from cloudfit.assessment import Assessment

MONEY_PARTS = ("migration_once", "run_current", "run_target")
CHART_ROWS = 18


def national_budget(budget: pd.DataFrame) -> pd.DataFrame:
    """Budget rows summed over agencies: one row per year, a column per part and scenario."""
    totals = budget.groupby(["scenario", "year"], sort=False)[list(MONEY_PARTS)].sum()
    wide = totals.unstack("scenario")
    wide.columns = [f"{part}:{scenario}" for part, scenario in wide.columns]
    return wide.sort_index().reset_index()


def wave_costs(assessment: Assessment) -> pd.DataFrame:
    """Per wave: its applications' one-off cost and their annual run cost before and after."""
    waves = assessment.plan.waves
    costs = assessment.costs.applications
    wave = pd.to_numeric(assessment.results["wave"], errors="coerce").to_numpy()
    sums = (
        costs[["migration_once", "current_annual", "target_annual"]]
        .groupby(wave)
        .sum()
        .reindex(waves["wave"].to_numpy(dtype=float), fill_value=0.0)
    )
    keep = [c for c in ("wave", "workstream", "start_date", "n_apps", "pilot", "oversize") if c in waves]
    return pd.concat([waves[keep].reset_index(drop=True), sums.reset_index(drop=True)], axis=1)


def write_budget(book: Book, assessment: Assessment) -> None:
    lang = book.lang
    t = i18n.t
    col = i18n.column_label
    costs = assessment.costs
    model = costs.model
    name = i18n.sheet_name("budget", lang)
    ws = book.sheet(name)
    ws.write_string(0, 0, t("cost.title", lang), book.fmt(bold=True, font_size=16))
    title = model.title_vi if lang == "vi" and model.title_vi else model.title
    ws.write_string(1, 0, t("cost.model_note", lang).format(model=title, dated=model.prices_dated))

    national = national_budget(costs.budget)
    scenarios = list(model.scenarios)
    columns = [Column(col("year", lang), national["year"], "int", width=10)]
    for part in MONEY_PARTS:
        for scenario in scenarios:
            header = f"{col(part, lang)} ({t(f'cost.scenario.{scenario}', lang)})"
            columns.append(Column(header, national[f"{part}:{scenario}"], "days", width=18))
    ws.write_string(3, 0, t("cost.national", lang), book.fmt(bold=True, font_size=12))
    end = book.table(ws, columns, first_row=4, freeze=False, autofilter=False)

    first, last = 5, 4 + len(national)
    if len(national):
        chart = book.workbook.add_chart({"type": "column", "subtype": "stacked"})
        expected = scenarios.index("expected")
        for k, part in enumerate(MONEY_PARTS):
            column = 1 + k * len(scenarios) + expected
            chart.add_series(
                {"name": col(part, lang), "categories": [name, first, 0, last, 0],
                 "values": [name, first, column, last, column],
                 "fill": {"color": i18n.COST_PART_COLOURS[part]}}
            )  # fmt: skip
        chart.set_title({"name": t("cost.chart_title", lang)})
        chart.set_y_axis({"name": t("cost.million_vnd", lang), "major_gridlines": {"visible": True}})
        chart.set_legend({"position": "bottom"})
        ws.insert_chart(end + 1, 0, chart, {"x_scale": 1.6, "y_scale": 1.1})
    row = end + 1 + CHART_ROWS + 1

    expected_rows = costs.budget[costs.budget["scenario"].eq("expected")].sort_values(["agency", "year"])
    ws.write_string(row, 0, t("cost.by_agency", lang), book.fmt(bold=True, font_size=12))
    row = (
        book.table(
            ws,
            [
                Column(i18n.field_label("owner_agency", lang), expected_rows["agency"], width=40),
                Column(col("year", lang), expected_rows["year"], "int", width=10),
                *(Column(col(part, lang), expected_rows[part], "days", width=18) for part in MONEY_PARTS),
            ],
            first_row=row + 1,
            freeze=False,
            autofilter=False,
        )
        + 1
    )

    # One row per wave (thousands at national scale): the last table, so its rows are streamed.
    by_wave = wave_costs(assessment)
    if len(by_wave):
        ws.write_string(row, 0, t("cost.by_wave", lang), book.fmt(bold=True, font_size=12))
        waves = [
            i18n.wave_label(n, bool(p), bool(o), lang)
            for n, p, o in zip(by_wave["wave"], by_wave["pilot"], by_wave["oversize"])
        ]
        book.last_table(
            ws,
            [
                Column(col("wave", lang), waves, width=24),
                *(
                    [Column(col("workstream", lang), by_wave["workstream"], width=28),
                     Column(col("start_date", lang), by_wave["start_date"].astype(str), width=12)]
                    if "workstream" in by_wave else []
                ),
                Column(col("n_apps", lang), by_wave["n_apps"], "int", width=14),
                Column(col("migration_once", lang), by_wave["migration_once"], "days", width=18),
                Column(col("run_current", lang) + " / " + t("cost.a_year", lang), by_wave["current_annual"],
                       "days", width=18),
                Column(col("run_target", lang) + " / " + t("cost.a_year", lang), by_wave["target_annual"],
                       "days", width=18),
            ],
            first_row=row + 1,
            autofilter=False,
        )  # fmt: skip


def write_costs(book: Book, assessment: Assessment) -> None:
    lang = book.lang
    col = i18n.column_label
    costs = assessment.costs.applications
    results = assessment.results
    platform = costs["platform"].map(lambda p: i18n.t(f"platform.{p}", lang) if p else "")
    yes, no = i18n.t("bool.true", lang), i18n.t("bool.false", lang)
    columns = [
        Column(col("app_id", lang), results["app_id"]),
        Column(col("app_name", lang), results["name"], width=40),
        Column(i18n.field_label("owner_agency", lang), results["owner_agency"], width=30),
        Column(col("strategy", lang), results["strategy"].map(lambda s: i18n.strategy_label(s, lang))),
        Column(col("cost_platform", lang), platform, width=28),
        Column(col("current_annual", lang), costs["current_annual"], "days"),
        Column(col("current_estimated", lang), costs["current_estimated"].map({True: yes, False: no})),
        Column(col("target_annual", lang), costs["target_annual"], "days"),
        Column(col("migration_once", lang), costs["migration_once"], "days"),
        Column(col("payback_months", lang), costs["payback_months"], "score"),
        Column(col("tco_5y_stay", lang), costs["tco_5y_stay"], "days"),
        Column(col("tco_5y_move", lang), costs["tco_5y_move"], "days"),
    ]
    book.data_sheet(i18n.sheet_name("costs", lang), columns, freeze_cols=2)
