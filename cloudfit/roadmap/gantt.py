"""The Roadmap sheet: the waves as a month-by-month Gantt grid.

One row per wave (dark fill over its months), then under it one row per
move group (its members named) or per application that moves on its own
(filled with its readiness band's colour), in the planner's order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cloudfit import i18n
from cloudfit.roadmap.book import HEADER, Book

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

    from cloudfit.assessment import Assessment

WAVE_FILL = "#1F4E78"
PILOT_FILL = "#C55A11"
GROUP_FILL = "#9DC3E6"
FIXED = 5  # item, applications, person-days, start, end
HEADER_ROW = 2


def _items(
    wave: dict[str, Any], apps: dict[str, dict[str, Any]], lang: str
) -> list[tuple[str, int, float, str]]:
    """(label, applications, person-days, fill) rows under one wave, in the planner's order."""
    items: list[tuple[str, int, float, str]] = []
    done: set[str] = set()
    members_by_group: dict[str, list[str]] = {}
    for app_id in wave["app_ids"]:
        group = apps.get(app_id, {}).get("move_group")
        if group:
            members_by_group.setdefault(group, []).append(app_id)
    for app_id in wave["app_ids"]:
        app = apps.get(app_id, {})
        group = app.get("move_group")
        if group and group in done:
            continue
        if group:
            done.add(group)
            members = members_by_group[group]
            label = i18n.t("roadmap.group", lang).format(name=group) + ": " + ", ".join(members)
            days = sum(apps.get(m, {}).get("person_days") or 0.0 for m in members)
            items.append((label, len(members), days, GROUP_FILL))
        else:
            label = f"{app_id} · {app['name']}" if app.get("name") else str(app_id)
            fill = i18n.BAND_COLOURS.get(app.get("band") or "", "#D9D9D9")
            items.append((label, 1, app.get("person_days") or 0.0, fill))
    return items


def _row(book: Book, ws: Worksheet, row: int, cells: tuple, span: tuple[int, int], first_month: int,
         fill: str, bold: bool = False) -> None:  # fmt: skip
    label, n_apps, days, start, end = cells
    text = book.fmt(bold=True) if bold else None
    ws.write_string(row, 0, label, text)
    ws.write_number(row, 1, n_apps, text)
    ws.write_number(row, 2, float(days), book.fmt(num_format="#,##0.0", bold=bold))
    ws.write_number(row, 3, start, text)
    ws.write_number(row, 4, end, text)
    bar = book.kind_format("text", fill)
    for month in range(span[0], span[1] + 1):
        ws.write_blank(row, FIXED + month - first_month, None, bar)


def write_gantt(book: Book, assessment: Assessment) -> None:
    lang = book.lang
    ws = book.sheet(i18n.sheet_name("roadmap", lang))
    ws.write_string(0, 0, i18n.t("roadmap.title", lang), book.fmt(bold=True, font_size=16))
    waves = assessment.plan.waves
    if waves.empty:
        ws.write_string(HEADER_ROW, 0, i18n.t("roadmap.none", lang))
        return
    first_month = int(waves["start_month"].min())
    last_month = int(waves["end_month"].max())
    header = book.fmt(**HEADER)
    month_header = book.fmt(**{**HEADER, "align": "center"})
    titles = [i18n.t("roadmap.item", lang), i18n.column_label("n_apps", lang),
              i18n.column_label("person_days", lang), i18n.column_label("start_month", lang),
              i18n.column_label("end_month", lang)]  # fmt: skip
    ws.set_column(0, 0, 60)
    ws.set_column(1, 4, 11)
    ws.set_column(FIXED, FIXED + last_month - first_month, 4.5)
    for j, title in enumerate(titles):
        ws.write_string(HEADER_ROW, j, title, header)
    for month in range(first_month, last_month + 1):
        ws.write_string(
            HEADER_ROW,
            FIXED + month - first_month,
            i18n.t("roadmap.month", lang).format(n=month),
            month_header,
        )
    ws.freeze_panes(HEADER_ROW + 1, 1)

    table = assessment.results.drop_duplicates("app_id")[
        ["app_id", "name", "band", "person_days", "move_group"]
    ]
    table = table.astype(object).where(table.notna(), None)
    apps = {record["app_id"]: record for record in table.to_dict("records")}
    row = HEADER_ROW + 1
    for wave in waves.sort_values("wave", kind="stable").to_dict("records"):
        start, end = int(wave["start_month"]), int(wave["end_month"])
        label = i18n.wave_label(wave["wave"], bool(wave["pilot"]), bool(wave["oversize"]), lang)
        fill = PILOT_FILL if wave["pilot"] else WAVE_FILL
        _row(
            book,
            ws,
            row,
            (label, int(wave["n_apps"]), wave["person_days"], start, end),
            (start, end),
            first_month,
            fill,
            bold=True,
        )
        row += 1
        for item_label, n_apps, days, item_fill in _items(wave, apps, lang):
            _row(book, ws, row, (item_label, n_apps, days, start, end), (start, end), first_month, item_fill)
            row += 1
