"""Small inventory files built in code for the reading tests."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Sequence
from pathlib import Path

import openpyxl

HEADER = ["app_id", "name", "owner_agency"]
VI_HEADER = ["Mã hệ thống", "Tên hệ thống", "Đơn vị quản lý"]
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def write_xlsx(
    path: Path,
    sheets: dict[str, Sequence[Sequence[object]]],
    merges: dict[str, list[str]] | None = None,
    start: str = "A1",
) -> Path:
    """A workbook with one sheet per entry; rows written from `start` (e.g. 'B3')."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    col0 = openpyxl.utils.cell.column_index_from_string("".join(c for c in start if c.isalpha()))
    row0 = int("".join(c for c in start if c.isdigit()))
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                if value is not None:
                    sheet.cell(row=row0 + i, column=col0 + j, value=value)
        for merged in (merges or {}).get(name, []):
            sheet.merge_cells(merged)
    workbook.save(path)
    return path


def xlsx_bytes(rows: Sequence[Sequence[object]], sheet: str = "Applications") -> bytes:
    buffer = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active.title = sheet
    for row in rows:
        workbook.active.append(list(row))
    workbook.save(buffer)
    return buffer.getvalue()


def csv_text(rows: Sequence[Sequence[object]], sep: str = ",") -> str:
    return "\n".join(sep.join("" if v is None else str(v) for v in row) for row in rows) + "\n"


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: precomposed base letters, tone marks as combining characters."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        tone = next(t for t in decomposed if t in _TONES)
        out += (unicodedata.normalize("NFC", decomposed.replace(tone, "")) + tone).encode("cp1258")
    return bytes(out)


def rewrite_zip(data: bytes, replace: dict[str, bytes], add: dict[str, bytes] | None = None) -> bytes:
    """The same zip container with some members' contents replaced or added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return buffer.getvalue()
