"""The Roadmap sheet: the plan as a Gantt grid over calendar quarters, by workstream.

First the foundation tasks of each target platform, then per workstream
(the pilot first) a total row, its waves (dark fill over their quarters)
and under each wave one row per move group (its members named) or per
application that moves on its own (filled with its readiness band's
colour). A legend explains the colours; the deadline's quarter is marked in
the header and the title gives the deadline verdict. Every planned
application keeps its row at any size: the rows are streamed (see
`sheetxml`), so 100,000 applications cost well under a second here.

Planners brief in quarters and fiscal years (the calendar year), so a
column is a quarter; a plan longer than `MAX_PERIODS` quarters gets
half-years, years or more, so the grid never exceeds Excel's 16,384
columns and still reads as a timeline.
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
FOUNDATION_FILL = "#A5A5A5"
STREAM_FILL = "#2E75B6"
DEADLINE_FILL = "#FF7C80"
FIXED = 5  # item, applications, person-days, start, end
LEGEND_SPAN = 3  # grid columns one legend entry spans
DARK = frozenset({WAVE_FILL, PILOT_FILL, STREAM_FILL, "#C00000", "#70AD47"})
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


def _month_index(dates: pd.Series) -> np.ndarray:
    """Month indexes (year * 12 + month - 1) of ISO dates."""
    stamps = pd.to_datetime(pd.Series(dates, dtype=object))
    return (stamps.dt.year * 12 + stamps.dt.month - 1).to_numpy(dtype=np.int64)


def _period_label(start: int, step: int) -> str:
    """'2027 Q1' for a quarter, '2027 H2' for a half-year, '2027' or '2027–2028' for longer periods."""
    year, month = divmod(start, 12)
    if step == 3:
        return f"{year} Q{month // 3 + 1}"
    if step == 6:
        return f"{year} H{month // 6 + 1}"
    last = (start + step - 1) // 12
    return str(year) if last == year else f"{year}–{last}"


def _rows(assessment: Assessment, waves: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Foundations first, then per workstream (the pilot first) a total row, its waves and their items."""
    foundations = assessment.plan.foundations
    prefix = i18n.t("chart.gantt.foundations", lang)
    found = pd.DataFrame(
        {
            "label": [
                f"{prefix} · {i18n.platform_label(p, lang)}: {i18n.foundation_label(t, lang)}"
                for p, t in zip(foundations.get("platform", []), foundations.get("task", []))
            ],
            "n_apps": 0,
            "days": 0.0,
            "fill": FOUNDATION_FILL,
            "start_date": foundations.get("start_date", pd.Series(dtype=object)).to_numpy(),
            "end_date": foundations.get("end_date", pd.Series(dtype=object)).to_numpy(),
            "bold": False,
        }
    )
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
    body = pd.concat([wave_rows, items], ignore_index=True)
    body = body.merge(waves[["wave", "workstream", "start_date", "end_date", "pilot"]], on="wave", how="left")
    body["bold"] = False
    streams = waves.groupby("workstream", sort=False).agg(
        n_apps=("n_apps", "sum"),
        days=("person_days", "sum"),
        start_date=("start_date", "min"),
        end_date=("end_date", "max"),
        pilot=("pilot", "any"),
    )
    heads = pd.DataFrame(
        {
            "workstream": streams.index,
            "label": streams.index,
            "n_apps": streams["n_apps"].to_numpy(),
            "days": streams["days"].to_numpy(),
            "fill": STREAM_FILL,
            "start_date": streams["start_date"].to_numpy(),
            "end_date": streams["end_date"].to_numpy(),
            "pilot": streams["pilot"].to_numpy(),
            "wave": 0,
            "order": -2,
            "bold": True,
        }
    )
    body = pd.concat([heads, body], ignore_index=True)
    body["pilot_first"] = ~body["pilot"].astype(bool)
    body = body.sort_values(["pilot_first", "workstream", "wave", "order"], kind="stable")
    body["bold"] = body["bold"] | body["order"].eq(-1)
    return pd.concat([found, body], ignore_index=True)[
        ["label", "n_apps", "days", "fill", "start_date", "end_date", "bold"]
    ]


def _legend(book: Book, ws) -> None:
    """What the fills mean, in the row above the grid: foundations, pilot, wave, workstream, move group,
    deadline, then the bands."""
    lang = book.lang
    ws.write_string(1, 0, i18n.t("roadmap.legend", lang), book.fmt(italic=True, align="right"))
    entries = [
        (i18n.t("chart.gantt.foundation", lang), FOUNDATION_FILL),
        (i18n.t("roadmap.legend.wave", lang), WAVE_FILL),
        (i18n.t("roadmap.legend.pilot", lang), PILOT_FILL),
        (i18n.t("col.workstream", lang), STREAM_FILL),
        (i18n.t("roadmap.legend.group", lang), GROUP_FILL),
        (i18n.t("chart.gantt.deadline", lang), DEADLINE_FILL),
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
    plan = assessment.plan
    deadline = plan.deadline
    title = i18n.t("roadmap.title", lang)
    if deadline is not None:
        verdict = i18n.t("cli.met" if deadline.met else "cli.not_met", lang)
        title += (
            f" · {i18n.t('chart.gantt.deadline', lang)} {deadline.date.isoformat()}: "
            f"{deadline.share:.1%} / {deadline.target_share:.0%} ({verdict})"
        )
    ws.write_string(0, 0, title, book.fmt(bold=True, font_size=16))
    waves = plan.waves.sort_values("wave", kind="stable").reset_index(drop=True)
    waves["wave"] = waves["wave"].astype("int64")
    if waves.empty:
        ws.write_string(HEADER_ROW, 0, i18n.t("roadmap.none", lang))
        return
    rows = _rows(assessment, waves, lang)
    begin, end = _month_index(rows["start_date"]), _month_index(rows["end_date"])
    first_month = int(begin.min()) // 3 * 3
    deadline_month = deadline.month if deadline is not None else None
    last_month = max(int(end.max()), deadline_month or 0)
    step = max(3, period_months(last_month - first_month + 1))
    starts = list(range(first_month, last_month + 1, step))
    periods = [_period_label(a, step) for a in starts]
    header = book.fmt(**HEADER)
    period_header = book.fmt(**{**HEADER, "align": "center"})
    deadline_header = book.fmt(**{**HEADER, "align": "center", "bg_color": DEADLINE_FILL})
    titles = [i18n.t("roadmap.item", lang), i18n.column_label("n_apps", lang),
              i18n.column_label("person_days", lang), i18n.t("col.start_date", lang),
              i18n.t("col.end_date", lang)]  # fmt: skip
    ws.set_column(0, 0, 60)
    ws.set_column(1, 2, 11)
    ws.set_column(3, 4, 12)
    ws.set_column(FIXED, FIXED + len(periods) - 1, 2 + max(map(len, periods)))
    for j, text in enumerate(titles):
        ws.write_string(HEADER_ROW, j, text, header)
    for j, (a, text) in enumerate(zip(starts, periods)):
        due = deadline_month is not None and a <= deadline_month < a + step
        ws.write_string(HEADER_ROW, FIXED + j, text, deadline_header if due else period_header)
    ws.freeze_panes(HEADER_ROW + 1, 1)
    book.header_rows[ws.name] = HEADER_ROW
    _legend(book, ws)

    bold = rows["bold"].to_numpy(dtype=bool)
    fixed = [
        Column("", rows["label"]),
        Column("", rows["n_apps"], "int"),
        Column("", rows["days"], "days"),
        Column("", rows["start_date"]),
        Column("", rows["end_date"]),
    ]
    columns = [book.cell_column(j, column, bold=bold) for j, column in enumerate(fixed)]
    first = ((begin - first_month) // step).tolist()
    last = ((end - first_month) // step).tolist()
    fills = {fill: book.style(book.kind_format("text", fill)) for fill in pd.unique(rows["fill"])}
    styles = rows["fill"].map(fills).tolist()
    letters = [xl_col_to_name(FIXED + j) for j in range(len(periods))]

    def bars(lo: int, hi: int, numbers: range) -> list[str]:
        return [
            "".join([f'<c r="{letters[p]}{r}"{s}/>' for p in range(a, b + 1)])
            for r, a, b, s in zip(numbers, first[lo:hi], last[lo:hi], styles[lo:hi])
        ]

    book.stream(ws, Body(HEADER_ROW + 1, len(rows), FIXED + len(periods) - 1, columns, extra=bars))
