"""The Roadmap sheet: the waves as a Gantt grid over the months of the plan.

One row per wave (dark fill over its months), then under it one row per
move group (its members named) or per application that moves on its own
(filled with its readiness band's colour), in the planner's order. Every
planned application keeps its row at any size: the rows are streamed (see
`sheetxml`), so 100,000 applications cost well under a second here.

The grid's columns stay bounded: one column per month while the plan fits
in `MAX_PERIODS` months; a longer plan (a national inventory can plan
hundreds of waves, i.e. decades) gets one column per quarter, half-year,
year or more, headed with the months it covers (`M13–M24`), so the grid
never exceeds Excel's 16,384 columns and still reads as a timeline.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from xlsxwriter.utility import xl_col_to_name

from cloudfit import i18n
from cloudfit.roadmap.book import HEADER, Book, Column
from cloudfit.roadmap.sheetxml import Body

if TYPE_CHECKING:
    from cloudfit.assessment import Assessment

WAVE_FILL = "#1F4E78"
PILOT_FILL = "#C55A11"
GROUP_FILL = "#9DC3E6"
OTHER_FILL = "#D9D9D9"
FIXED = 5  # item, applications, person-days, start, end
LEGEND_SPAN = 3  # grid columns one legend entry spans
DARK = frozenset({WAVE_FILL, PILOT_FILL, "#C00000", "#70AD47"})
HEADER_ROW = 2
MAX_PERIODS = 120  # grid columns at most: ten years of months
PERIOD_STEPS = (1, 3, 6, 12, 24, 60, 120)  # months per grid column, the smallest that fits is used


def period_months(total_months: int) -> int:
    """Months per grid column: 1 while the plan fits in `MAX_PERIODS` columns, else the smallest step that does."""
    for step in PERIOD_STEPS:
        if math.ceil(total_months / step) <= MAX_PERIODS:
            return step
    return 12 * math.ceil(total_months / (12 * MAX_PERIODS))  # beyond 1,200 months: whole years


def _items(assessment: Assessment, waves: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows under the waves: one per move group or lone application, in the planner's order."""
    apps = assessment.results.drop_duplicates("app_id").set_index("app_id")
    members = waves[["wave", "app_ids"]].explode("app_ids").dropna(subset=["app_ids"])
    members = members.rename(columns={"app_ids": "app_id"}).reset_index(drop=True)
    info = apps.reindex(members["app_id"])
    members["group"] = info["move_group"].astype(object).where(info["move_group"].notna(), None).to_numpy()
    members["days"] = pd.to_numeric(info["person_days"], errors="coerce").fillna(0.0).to_numpy()
    name = info["name"].astype(object).where(info["name"].notna() & info["name"].ne(""), None).to_numpy()
    members["label"] = [f"{a} · {n}" if n else str(a) for a, n in zip(members["app_id"], name)]
    bands = info["band"].astype(object).map(dict(i18n.BAND_COLOURS)).fillna(OTHER_FILL).to_numpy()
    members["fill"] = bands
    members["key"] = np.where(members["group"].notna(), "group:" + members["group"].fillna(""),
                              "app:" + members["app_id"].astype(str))  # fmt: skip
    keys = ["wave", "key"]
    items = members.drop_duplicates(keys).set_index(keys)
    totals = members.groupby(keys, sort=False)["days"].agg(["size", "sum"])
    items["n_apps"] = totals["size"]
    items["days"] = totals["sum"]
    in_group = members[members["group"].notna()]
    names = in_group.groupby(keys, sort=False)["app_id"].agg(", ".join)
    prefix = i18n.t("roadmap.group", lang)
    items.loc[names.index, "label"] = [
        prefix.format(name=group) + ": " + joined
        for group, joined in zip(items.loc[names.index, "group"], names)
    ]
    items.loc[names.index, "fill"] = GROUP_FILL
    return items.reset_index()[["wave", "label", "n_apps", "days", "fill"]]


def _legend(book: Book, ws) -> None:
    """What the fills mean, in the row above the grid: wave, pilot wave, move group, then the bands."""
    lang = book.lang
    ws.write_string(1, 0, i18n.t("roadmap.legend", lang), book.fmt(italic=True, align="right"))
    entries = [
        (i18n.t("roadmap.legend.wave", lang), WAVE_FILL),
        (i18n.t("roadmap.legend.pilot", lang), PILOT_FILL),
        (i18n.t("roadmap.legend.group", lang), GROUP_FILL),
    ] + [(i18n.band_label(code, lang), colour) for code, colour in i18n.BAND_COLOURS.items()]
    col = 1
    for label, fill in entries:
        style = book.fmt(bg_color=fill, font_color="#FFFFFF" if fill in DARK else "#000000", align="center",
                         border=1, border_color="#FFFFFF")  # fmt: skip
        width = 1 if col < FIXED else LEGEND_SPAN
        if width == 1:
            ws.write_string(1, col, label, style)
        else:
            ws.merge_range(1, col, 1, col + width - 1, label, style)
        col += width


def write_gantt(book: Book, assessment: Assessment) -> None:
    lang = book.lang
    ws = book.sheet(i18n.sheet_name("roadmap", lang))
    ws.write_string(0, 0, i18n.t("roadmap.title", lang), book.fmt(bold=True, font_size=16))
    waves = assessment.plan.waves.sort_values("wave", kind="stable").reset_index(drop=True)
    waves["wave"] = waves["wave"].astype("int64")
    if waves.empty:
        ws.write_string(HEADER_ROW, 0, i18n.t("roadmap.none", lang))
        return
    first_month = int(waves["start_month"].min())
    last_month = int(waves["end_month"].max())
    step = period_months(last_month - first_month + 1)
    starts = list(range(first_month, last_month + 1, step))
    month = i18n.t("roadmap.month", lang)
    periods = [
        month.format(n=a)
        if step == 1
        else f"{month.format(n=a)}–{month.format(n=min(a + step - 1, last_month))}"
        for a in starts
    ]
    header = book.fmt(**HEADER)
    month_header = book.fmt(**{**HEADER, "align": "center"})
    titles = [i18n.t("roadmap.item", lang), i18n.column_label("n_apps", lang),
              i18n.column_label("person_days", lang), i18n.column_label("start_month", lang),
              i18n.column_label("end_month", lang)]  # fmt: skip
    ws.set_column(0, 0, 60)
    ws.set_column(1, 4, 11)
    ws.set_column(FIXED, FIXED + len(periods) - 1, 4.5 if step == 1 else 2 + max(map(len, periods)))
    for j, title in enumerate(titles):
        ws.write_string(HEADER_ROW, j, title, header)
    for j, title in enumerate(periods):
        ws.write_string(HEADER_ROW, FIXED + j, title, month_header)
    ws.freeze_panes(HEADER_ROW + 1, 1)
    book.header_rows[ws.name] = HEADER_ROW
    _legend(book, ws)

    wave_rows = pd.DataFrame(
        {
            "wave": waves["wave"],
            "label": [
                i18n.wave_label(n, bool(p), bool(o), lang)
                for n, p, o in zip(waves["wave"], waves["pilot"], waves["oversize"])
            ],
            "n_apps": waves["n_apps"].to_numpy(),
            "days": pd.to_numeric(waves["person_days"], errors="coerce").fillna(0.0).to_numpy(),
            "fill": np.where(waves["pilot"].astype(bool), PILOT_FILL, WAVE_FILL),
            "order": -1,
        }
    )
    items = _items(assessment, waves, lang)
    items["order"] = np.arange(len(items))
    rows = pd.concat([wave_rows, items], ignore_index=True).sort_values(["wave", "order"], kind="stable")
    rows = rows.merge(waves[["wave", "start_month", "end_month"]], on="wave", how="left")
    bold = rows["order"].eq(-1).to_numpy()
    fixed = [
        Column("", rows["label"]),
        Column("", rows["n_apps"], "int"),
        Column("", rows["days"], "days"),
        Column("", rows["start_month"], "int"),
        Column("", rows["end_month"], "int"),
    ]
    columns = [book.cell_column(j, column, bold=bold) for j, column in enumerate(fixed)]
    first = ((rows["start_month"].to_numpy(dtype=np.int64) - first_month) // step).tolist()
    last = ((rows["end_month"].to_numpy(dtype=np.int64) - first_month) // step).tolist()
    fills = {fill: book.style(book.kind_format("text", fill)) for fill in pd.unique(rows["fill"])}
    styles = rows["fill"].map(fills).tolist()
    letters = [xl_col_to_name(FIXED + j) for j in range(len(periods))]

    def bars(lo: int, hi: int, numbers: range) -> list[str]:
        return [
            "".join([f'<c r="{letters[p]}{r}"{s}/>' for p in range(a, b + 1)])
            for r, a, b, s in zip(numbers, first[lo:hi], last[lo:hi], styles[lo:hi])
        ]

    book.stream(ws, Body(HEADER_ROW + 1, len(rows), FIXED + len(periods) - 1, columns, extra=bars))
