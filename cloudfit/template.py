"""The blank inventory template: an Excel workbook an analyst fills in.

Everything in it (columns, notes, dropdowns, number checks, the field table
of the instructions) is derived from `cloudfit.fields`, so a field added to
the registry appears here without touching this module.

Written with XlsxWriter rather than openpyxl because it is write-only and
fast, supports everything the template needs (cell notes, data validation
with input messages, frozen panes, autofilter), refuses to turn strings into
formulas when asked, and, with `in_memory` and a fixed creation date, writes
byte-identical files, so the committed `app_inventories/template.xlsx` can be
compared with a fresh one.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import BinaryIO

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from cloudfit.fields import COUPLINGS, DEPENDENCY_COLUMNS, FIELDS, REQUIRED_FIELDS, Field
from cloudfit.outputs import write_output
from cloudfit.template_text import (
    APPLICATIONS_SHEET,
    DEPENDENCIES_SHEET,
    DEPENDENCY_HELP,
    FIELD_TABLE_HEADER,
    INSTRUCTIONS_SHEET,
    KIND_TEXT,
    LISTS_SHEET,
    SECTIONS,
)

# Rows below the header that carry dropdowns and checks (Excel applies them
# per cell, so this is the capacity of the template before a user must copy
# a row down).
TEMPLATE_ROWS = 2000
BOOL_CODES: tuple[str, str] = ("yes", "no")
# Fixed document date: the same registry always gives the same bytes.
_CREATED = datetime(2025, 1, 1, tzinfo=UTC)
_MAX_INPUT_TITLE = 32
_TEXT_KINDS = ("id", "text", "list", "category")
_MAX_INPUT_MESSAGE = 255


def _allowed_text(spec: Field) -> str:
    """Allowed codes or the numeric range of a field, for people to read."""
    if spec.kind == "category":
        return ", ".join(spec.allowed)
    if spec.kind == "bool":
        return ", ".join(BOOL_CODES)
    if spec.minimum is not None and spec.maximum is not None:
        return f"{spec.minimum:g} – {spec.maximum:g}"
    if spec.minimum is not None:
        return f"≥ {spec.minimum:g}"
    return ""


def _required_text(spec: Field) -> tuple[str, str]:
    return ("Required", "Bắt buộc") if spec.required else ("Optional", "Không bắt buộc")


def field_note(spec: Field) -> str:
    """The bilingual note shown on a column header of the Applications sheet."""
    kind_en, kind_vi = KIND_TEXT[spec.kind]
    req_en, req_vi = _required_text(spec)
    unit = f" ({spec.unit})" if spec.unit else ""
    lines = [
        f"{spec.name}",
        f"EN: {spec.label_en}. {spec.description} {req_en}; {kind_en}{unit}.",
        f"VI: {spec.label_vi}. {req_vi}; {kind_vi}{unit}.",
    ]
    allowed = _allowed_text(spec)
    if allowed:
        lines.append(f"Allowed / Giá trị hợp lệ: {allowed}")
    if spec.example:
        lines.append(f"Example / Ví dụ: {spec.example}")
    return "\n".join(lines)


def _input_message(spec: Field) -> str:
    """The short prompt Excel shows when a cell of the column is selected."""
    kind_en, kind_vi = KIND_TEXT[spec.kind]
    text = f"{spec.label_vi}: {kind_vi}.\n{kind_en}."
    allowed = _allowed_text(spec)
    if allowed:
        text += f"\n{allowed}"
    text += f"\n{spec.description}"
    return _clip(text, _MAX_INPUT_MESSAGE)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _list_fields() -> tuple[Field, ...]:
    return tuple(f for f in FIELDS if f.kind in ("category", "bool"))


def _codes(spec: Field) -> Sequence[str]:
    return spec.allowed if spec.kind == "category" else BOOL_CODES


class _Formats:
    """The few cell formats the template uses, made once per workbook."""

    def __init__(self, book: Workbook) -> None:
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.section = book.add_format({"bold": True, "font_size": 12, "bg_color": "#DDEBF7"})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.header = book.add_format(
            {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.required = book.add_format(
            {"bold": True, "bg_color": "#F8CBAD", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.text = book.add_format({"num_format": "@"})
        self.date = book.add_format({"num_format": "dd/mm/yyyy"})


def _write_instructions(sheet: Worksheet, fmt: _Formats) -> None:
    sheet.set_column(0, 0, 70)
    sheet.set_column(1, 1, 70)
    sheet.write_string(0, 0, "cloudfit: application inventory template", fmt.title)
    sheet.write_string(0, 1, "cloudfit: mẫu danh mục hệ thống thông tin", fmt.title)
    sheet.write_string(1, 0, "English", fmt.header)
    sheet.write_string(1, 1, "Tiếng Việt", fmt.header)
    required = ", ".join(REQUIRED_FIELDS)
    row = 2
    for title_en, title_vi, paragraphs in SECTIONS:
        sheet.write_string(row, 0, title_en, fmt.section)
        sheet.write_string(row, 1, title_vi, fmt.section)
        for english, vietnamese in paragraphs:
            row += 1
            sheet.write_string(row, 0, english.replace("{required}", required), fmt.wrap)
            sheet.write_string(row, 1, vietnamese.replace("{required}", required), fmt.wrap)
        row += 2
    sheet.write_string(row, 0, "Fields / Các trường", fmt.section)
    sheet.write_string(row, 1, "", fmt.section)
    row += 1
    for col, title in enumerate(FIELD_TABLE_HEADER):
        sheet.write_string(row, col, title, fmt.header)
    sheet.set_column(2, 6, 24, fmt.wrap)
    sheet.set_column(6, 6, 60, fmt.wrap)
    for spec in FIELDS:
        row += 1
        kind_en, kind_vi = KIND_TEXT[spec.kind]
        req_en, req_vi = _required_text(spec)
        values = (
            spec.name,
            spec.label_en,
            spec.label_vi,
            f"{req_en} / {req_vi}",
            f"{kind_en} / {kind_vi}",
            _allowed_text(spec),
            spec.description,
        )
        for col, value in enumerate(values):
            sheet.write_string(row, col, value, fmt.wrap)
    sheet.activate()


def _write_lists(sheet: Worksheet, fmt: _Formats) -> dict[str, str]:
    """Write one column of codes per coded field; return field -> absolute range."""
    ranges: dict[str, str] = {}
    columns: list[tuple[str, Sequence[str]]] = [(f.name, _codes(f)) for f in _list_fields()]
    columns.append(("coupling", COUPLINGS))
    for col, (name, codes) in enumerate(columns):
        letter = xl_col_to_name(col)
        sheet.write_string(0, col, name, fmt.header)
        for row, code in enumerate(codes, start=1):
            sheet.write_string(row, col, code)
        sheet.set_column(col, col, max(len(name), *(len(c) for c in codes)) + 2)
        ranges[name] = f"={LISTS_SHEET}!${letter}$2:${letter}${len(codes) + 1}"
    sheet.freeze_panes(1, 0)
    return ranges


def _validation(spec: Field, ranges: dict[str, str]) -> dict:
    """The Excel data validation of one Applications column."""
    base = {
        "input_title": _clip(spec.label_en, _MAX_INPUT_TITLE),
        "input_message": _input_message(spec),
        "error_title": _clip(spec.label_en, _MAX_INPUT_TITLE),
        "ignore_blank": True,
    }
    allowed = _allowed_text(spec)
    error = _clip(f"Allowed / Giá trị hợp lệ: {allowed}", _MAX_INPUT_MESSAGE)
    if spec.kind in ("category", "bool"):
        return {**base, "validate": "list", "source": ranges[spec.name], "error_message": error}
    if spec.kind in ("int", "float") and spec.minimum is not None:
        validate = "integer" if spec.kind == "int" else "decimal"
        if spec.maximum is not None:
            bounds = {"criteria": "between", "minimum": spec.minimum, "maximum": spec.maximum}
        else:
            bounds = {"criteria": ">=", "value": spec.minimum}
        return {**base, "validate": validate, **bounds, "error_message": error}
    if spec.kind == "date":
        return {
            **base,
            "validate": "date",
            "criteria": ">=",
            "value": datetime(1900, 1, 1),
            "error_message": "A date, dd/mm/yyyy / Một ngày, dd/mm/yyyy",
        }
    return {**base, "validate": "any"}


def _column_width(title: str, spec_values: Sequence[str]) -> int:
    return min(40, max(12, len(title) + 2, *(len(v) + 2 for v in spec_values)))


def _write_applications(sheet: Worksheet, fmt: _Formats, ranges: dict[str, str]) -> None:
    for col, spec in enumerate(FIELDS):
        sheet.write_string(0, col, spec.name, fmt.required if spec.required else fmt.header)
        sheet.write_comment(0, col, field_note(spec), {"x_scale": 3, "y_scale": 2.5})
        # Text format keeps IDs such as "001" as typed; dates show as dd/mm/yyyy.
        cell = fmt.date if spec.kind == "date" else fmt.text if spec.kind in _TEXT_KINDS else None
        codes = _codes(spec) if spec.kind in ("category", "bool") else ()
        sheet.set_column(col, col, _column_width(spec.name, codes), cell)
        sheet.data_validation(1, col, TEMPLATE_ROWS, col, _validation(spec, ranges))
    sheet.freeze_panes(1, 2)
    sheet.autofilter(0, 0, 0, len(FIELDS) - 1)


def _dependency_validation(name: str, ranges: dict[str, str]) -> dict:
    """The Excel data validation of one Dependencies column."""
    english, vietnamese = DEPENDENCY_HELP[name]
    prompt = {"input_title": name, "input_message": _clip(f"{vietnamese}\n{english}", _MAX_INPUT_MESSAGE)}
    if name in ("app_id", "depends_on"):
        ids = xl_col_to_name([f.name for f in FIELDS].index("app_id"))
        # A warning, not a stop: the IDs may be typed before the Applications rows exist.
        return {
            **prompt,
            "validate": "list",
            "source": f"={APPLICATIONS_SHEET}!${ids}$2:${ids}${TEMPLATE_ROWS + 1}",
            "error_type": "warning",
            "error_message": "Not an app_id of the Applications sheet / Không có trong trang Applications",
        }
    if name == "coupling":
        return {
            **prompt,
            "validate": "list",
            "source": ranges["coupling"],
            "error_message": "Allowed / Giá trị hợp lệ: " + ", ".join(COUPLINGS),
        }
    return {**prompt, "validate": "any"}


def _write_dependencies(sheet: Worksheet, fmt: _Formats, ranges: dict[str, str]) -> None:
    for col, name in enumerate(DEPENDENCY_COLUMNS):
        english, vietnamese = DEPENDENCY_HELP[name]
        sheet.write_string(0, col, name, fmt.required if name in ("app_id", "depends_on") else fmt.header)
        sheet.write_comment(0, col, f"{name}\nEN: {english}\nVI: {vietnamese}", {"x_scale": 3, "y_scale": 2})
        sheet.set_column(col, col, 40 if name == "notes" else 18, fmt.text)
        sheet.data_validation(1, col, TEMPLATE_ROWS, col, _dependency_validation(name, ranges))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, 0, len(DEPENDENCY_COLUMNS) - 1)


def inert_workbook(buffer: BinaryIO, title: str, created: datetime = _CREATED) -> Workbook:
    """An in-memory XlsxWriter workbook that writes every string as text and the same bytes every time."""
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    book.set_properties({"title": title, "author": "cloudfit", "created": created})
    return book


def template_bytes() -> bytes:
    """The blank template as xlsx bytes (for downloads); identical on every call."""
    buffer = io.BytesIO()
    book = inert_workbook(buffer, "cloudfit application inventory template")
    fmt = _Formats(book)
    instructions = book.add_worksheet(INSTRUCTIONS_SHEET)
    applications = book.add_worksheet(APPLICATIONS_SHEET)
    dependencies = book.add_worksheet(DEPENDENCIES_SHEET)
    lists = book.add_worksheet(LISTS_SHEET)
    ranges = _write_lists(lists, fmt)
    _write_instructions(instructions, fmt)
    _write_applications(applications, fmt, ranges)
    _write_dependencies(dependencies, fmt, ranges)
    book.close()
    return buffer.getvalue()


def write_template(target: str | os.PathLike[str] | BinaryIO) -> None:
    """Write the blank template to a path or a binary file object."""
    write_output(template_bytes(), target, "template", "Choose a writable path ending in .xlsx.")
