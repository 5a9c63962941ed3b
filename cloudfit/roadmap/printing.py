"""Page setup of every roadmap sheet, so the workbook prints as a planner briefs from it.

Landscape, one page wide (A3 for sheets too wide for A4; the widest
sheets, Applications and Explanations, as few A3 pages wide as keep the
text at 60% or more, their key columns repeated on each), the header row
repeated on every page, a print area over what was written, and a running
header and footer: the workbook's title and the sheet's name, the page
number of the count and the print date. The spreadsheet program fills in
the page numbers and the date when it prints, so the file itself stays
byte-identical.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from cloudfit import i18n

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

    from cloudfit.roadmap.book import Book

PAPER_A4, PAPER_A3 = 9, 8
DEFAULT_WIDTH = 8.43  # Excel's column width when none is set, in characters
# Characters of column width one landscape page holds at 60% (Calibri 11 at 100% needs ~1.85 mm a
# character; A4 prints 257 mm wide and A3 400 mm inside the margins). Below 60% nobody can read it.
A4_CHARS, A3_CHARS = 230, 360


def _escaped(text: str) -> str:
    """Text for an Excel header/footer, where '&' starts a code."""
    return text.replace("&", "&&")


def set_up_page(book: Book, ws: Worksheet, last_row: int, last_col: int) -> None:
    """Landscape, fit to one page wide, repeated header, print area, header and footer."""
    lang = book.lang
    ws.set_landscape()
    width = sum(ws.col_info[c][0] if c in ws.col_info else DEFAULT_WIDTH for c in range(last_col + 1))
    if width <= A4_CHARS:
        ws.set_paper(PAPER_A4)
        ws.fit_to_pages(1, 0)
    else:
        ws.set_paper(PAPER_A3)
        keys = book.key_columns.get(ws.name, 0)
        pages_wide = math.ceil(width / A3_CHARS) if keys else 1  # the Gantt keeps names and grid together
        ws.fit_to_pages(pages_wide, 0)
        if pages_wide > 1:
            ws.repeat_columns(0, keys - 1)
    ws.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)
    ws.center_horizontally()
    header_row = book.header_rows.get(ws.name)
    if header_row is not None and last_row > header_row:
        ws.repeat_rows(header_row)
    ws.print_area(0, 0, max(last_row, 0), max(last_col, 0))
    title = _escaped(i18n.t("summary.title", lang))
    ws.set_header(f'&L&"-,Bold"{title}&R&A', {"margin": 0.3})
    page = _escaped(i18n.t("print.page", lang)).format(page="&P", pages="&N")
    ws.set_footer(f"&L{_escaped(i18n.t('print.printed', lang))} &D&R{page}", {"margin": 0.3})


def set_up_pages(book: Book) -> None:
    """Page setup of every sheet, with its extent from XlsxWriter's cells, the streamed rows and charts."""
    for ws in book.workbook.worksheets():
        body = book.body_of(ws)
        last_row = ws.dim_rowmax or 0
        last_col = ws.dim_colmax or 0
        if body is not None:
            last_row = max(last_row, body.first_row + body.n_rows - 1)
            last_col = max(last_col, body.last_col)
        extent = book.extents.get(ws.name)
        if extent is not None:
            last_row, last_col = max(last_row, extent[0]), max(last_col, extent[1])
        set_up_page(book, ws, last_row, last_col)
