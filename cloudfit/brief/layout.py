"""Drawing blocks of the PDF brief on fpdf2: headings, notes, tables, bar charts, a wave chart.

fpdf2, because it is pure Python, embeds a TrueType subset (Vietnamese
needs it), wraps table cells and writes a two-page brief in tens of
milliseconds; charts are drawn as vector rectangles, so no plotting
library, browser or image step is involved and the file is the same bytes
for the same assessment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from fpdf import FPDF
from fpdf.fonts import FontFace

from cloudfit.brief.fonts import font_files

FONT = "DejaVu"
PAGE_WIDTH = 180.0  # A4 portrait, 15 mm margins
INK = (33, 33, 33)
MUTED = (96, 96, 96)
ACCENT = (31, 78, 120)
BAR_DEFAULT = "#1F4E78"
MAX_GANTT_WAVES = 24


def rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


class BriefPDF(FPDF):
    """A4 portrait with a running footer: title, page x of n, the assessment date."""

    def __init__(self, title: str, footer: str, created: dt.date, date_text: str, lang: str) -> None:
        """`footer` is a template with {title}, {page}, {pages} and {date}."""
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.brief_title = title
        self.footer_text = footer
        self.date_text = date_text
        for style, path in font_files().items():
            self.add_font(FONT, style, str(path))
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(auto=True, margin=18)
        self.set_creation_date(dt.datetime.combine(created, dt.time(), dt.UTC))
        self.set_title(title)
        self.set_author("cloudfit")
        self.set_creator("cloudfit")
        self.set_lang(lang)
        self.set_text_color(*INK)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        self.cell(
            0,
            5,
            self.footer_text.format(
                title=self.brief_title, page=self.page_no(), pages="{nb}", date=self.date_text
            ),
            align="C",
        )
        self.set_text_color(*INK)

    def title_block(self, title: str, lines: Sequence[str]) -> None:
        self.set_font(FONT, "B", 17)
        self.set_text_color(*ACCENT)
        self.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*MUTED)
        self.set_font(FONT, "", 9)
        for line in lines:
            self.multi_cell(0, 4.6, line, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*INK)
        self.ln(2)

    def heading(self, text: str) -> None:
        if self.will_page_break(30):
            self.add_page()
        self.ln(2)
        self.set_font(FONT, "B", 12)
        self.set_text_color(*ACCENT)
        self.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(*ACCENT)
        self.line(self.l_margin, self.get_y(), self.l_margin + PAGE_WIDTH, self.get_y())
        self.set_text_color(*INK)
        self.ln(1.5)

    def note(self, text: str, size: float = 9.5) -> None:
        self.set_font(FONT, "", size)
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")

    def bullets(self, items: Sequence[str]) -> None:
        self.set_font(FONT, "", 9.5)
        for item in items:
            self.cell(5, 5, "•")
            self.multi_cell(PAGE_WIDTH - 5, 5, item, new_x="LMARGIN", new_y="NEXT")
            self.ln(0.6)

    def verdict(self, text: str, good: bool) -> None:
        """The 70% target verdict in a coloured box (green when met, amber when not)."""
        self.set_fill_color(*(rgb("#E2EFDA") if good else rgb("#FCE4D6")))
        self.set_draw_color(*(rgb("#70AD47") if good else rgb("#C55A11")))
        self.set_font(FONT, "B", 10.5)
        self.multi_cell(0, 6, text, border=1, fill=True, padding=2, new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def table_block(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        align: Sequence[str],
        size: float = 8.5,
    ) -> None:
        """A table with a shaded header row repeated on every page it spans; cells wrap."""
        self.set_font(FONT, "", size)
        self.set_draw_color(191, 191, 191)
        heading = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=ACCENT)
        with self.table(
            col_widths=tuple(widths),
            width=PAGE_WIDTH,
            text_align=tuple(align),
            line_height=size * 0.5,
            headings_style=heading,
            repeat_headings=1,
            padding=1,
            cell_fill_color=(242, 242, 242),
            cell_fill_mode="ROWS",
        ) as table:
            table.row(list(header))
            for values in rows:
                table.row([str(v) for v in values])
        self.ln(2)

    def bar_chart(
        self,
        title: str,
        labels: Sequence[str],
        values: Sequence[float],
        texts: Sequence[str],
        colours: Sequence[str] | None = None,
        width: float = PAGE_WIDTH,
    ) -> None:
        """Horizontal bars, one per label, scaled to the largest value, with the value written after."""
        row_h, label_w, text_w = 5.6, 58.0, 30.0
        if self.will_page_break(8 + row_h * len(labels)):
            self.add_page()
        self.set_font(FONT, "B", 9.5)
        self.cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")
        self.set_font(FONT, "", 8.5)
        top = max(max(values, default=0), 1)
        bar_w = width - label_w - text_w
        for i, (label, value, text) in enumerate(zip(labels, values, texts)):
            y = self.get_y()
            self.set_x(self.l_margin)
            self.cell(label_w, row_h, label, align="R")
            length = bar_w * float(value) / top
            self.set_fill_color(*rgb(colours[i] if colours else BAR_DEFAULT))
            if length > 0:
                self.rect(self.l_margin + label_w + 1, y + 1, length, row_h - 2, style="F")
            self.set_xy(self.l_margin + label_w + 2 + length, y)
            self.cell(text_w, row_h, text)
            self.set_xy(self.l_margin, y + row_h)
        self.ln(2)

    def wave_chart(
        self, title: str, names: Sequence[str], starts: Sequence[int], ends: Sequence[int], notes: Sequence[str],
        month_label: str, more: str | None,
    ) -> None:  # fmt: skip
        """Waves as bars on a month axis, the pilot first; names and figures beside each bar."""
        row_h, label_w, note_w = 5.6, 40.0, 52.0
        names = list(names)[:MAX_GANTT_WAVES]
        if self.will_page_break(14 + row_h * len(names)):
            self.add_page()
        self.set_font(FONT, "B", 9.5)
        self.cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")
        last = max(ends, default=1)
        axis_w = PAGE_WIDTH - label_w - note_w
        x0 = self.l_margin + label_w
        self.set_font(FONT, "", 7.5)
        self.set_text_color(*MUTED)
        step = max(1, -(-last // 12))
        for month in range(1, last + 1, step):
            self.set_xy(x0 + axis_w * (month - 1) / last, self.get_y())
            self.cell(8, 4, str(month))
        self.set_xy(x0 + axis_w + 1, self.get_y())
        self.cell(note_w, 4, month_label)
        self.set_text_color(*INK)
        self.ln(4.5)
        self.set_font(FONT, "", 8.5)
        for name, start, end, note in zip(names, starts, ends, notes):
            y = self.get_y()
            self.set_x(self.l_margin)
            self.cell(label_w, row_h, name)
            self.set_fill_color(*ACCENT)
            self.rect(
                x0 + axis_w * (start - 1) / last, y + 1, axis_w * (end - start + 1) / last, row_h - 2, "F"
            )
            self.set_xy(x0 + axis_w + 1, y)
            self.cell(note_w, row_h, note)
            self.set_xy(self.l_margin, y + row_h)
        if more:
            self.note(more, 8.5)
        self.ln(2)
