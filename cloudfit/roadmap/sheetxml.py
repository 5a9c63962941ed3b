"""Worksheet XML for the big tables, built a column at a time.

XlsxWriter spends about 8 µs on every cell it writes, which is most of the
time a 10,000-application roadmap takes. The big sheets' rows are therefore
written here instead: each column's cells for a block of rows are joined
from prepared arrays by Arrow's element-wise string kernels (C++, no Python
work per cell), the columns are joined into `<row>` elements the same way,
and the bytes are streamed into the package XlsxWriter wrote (`splice`),
after that sheet's header row. Text that needs escaping, and columns of
mixed types, are made in Python and handed to the same join. XlsxWriter
keeps what it does well: formats, header, widths, frozen panes, autofilter,
charts, properties.

Cells are only ever inline strings, numbers or booleans, never formulas, so
text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return stays
text. Text is escaped the way XlsxWriter escapes it: `&`, `<`, `>` as
entities; characters XML 1.0 cannot carry as `_xHHHH_`, and a literal
`_xHHHH_` as `_x005F_xHHHH_`, so every reader decodes the original string.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import queue
import re
import threading
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

ROWS_PER_CHUNK = 4000  # rows made, encoded and compressed at a time: memory stays flat
ZIP_LEVEL = 1  # deflate level: 5x faster than the default 6 for a file about 30% larger
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # every member's timestamp, so the same input gives the same bytes

# Python's whitespace (`str.isspace`), which `escape` keeps with xml:space="preserve" at either end.
SPACES = (
    r"\t\n\x0b\x0c\r\x1c-\x1f \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
)
# Text `escape` would change (in RE2 syntax, for Arrow): XML specials, characters XML 1.0 cannot
# carry, a literal `_xHHHH_` (any `_x`), whitespace at either end.
_NEEDS_ESCAPE = rf"[&<>\x00-\x08\x0b-\x1f\x{{fffe}}\x{{ffff}}]|_x|^[{SPACES}]|[{SPACES}]$"
_LITERAL_ESCAPE = re.compile("(_x[0-9A-Fa-f]{4}_)")
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")
_DIMENSION = re.compile(rb'<dimension ref="([A-Z]+[0-9]+)(?::[A-Z]+[0-9]+)?"/>')
_EPOCH = np.datetime64("1899-12-31", "ns")
_DAY = np.timedelta64(1, "D")
_PYTHON_EPOCH = dt.datetime(1899, 12, 31)


def escape(text: str) -> str:
    """`<t>` element of one text cell, escaped as XlsxWriter does (see the module docstring)."""
    text = _LITERAL_ESCAPE.sub(r"_x005F\1", text)
    text = _UNSAFE.sub(lambda match: f"_x{ord(match.group()):04X}_", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if text[:1].isspace() or text[-1:].isspace():
        return f'<t xml:space="preserve">{text}</t>'
    return f"<t>{text}</t>"


def _plain_text(values: np.ndarray) -> pa.StringArray | None:
    """The block's text (str or None) as an Arrow array when no value needs more than `<t>…</t>`
    (see `escape`); None when one does. One regular-expression pass over the block, not one per cell."""
    try:
        text = pa.array(values, pa.string())
    except UnicodeEncodeError:  # a lone surrogate, which only `escape` can carry
        return None
    return None if pc.any(pc.match_substring_regex(text, _NEEDS_ESCAPE)).as_py() else text


def excel_serials(stamps: np.ndarray) -> np.ndarray:
    """Excel serial day numbers (1900 system, with its phantom 29 Feb 1900) of datetime64 values; NaT → NaN."""
    days = (stamps.astype("datetime64[ns]") - _EPOCH) / _DAY
    return np.where(days > 59, days + 1, days)


def excel_serial(value: dt.datetime) -> float:
    """The serial day number of one naive datetime, as `excel_serials`."""
    delta = value - _PYTHON_EPOCH
    days = delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400
    return days + 1 if days > 59 else days


@dataclass
class CellColumn:
    """One column's prepared values and styles, ready to be cut into blocks of cells.

    `kind` is text (str or None), number (float64, NaN when empty), bool
    (int8: 1, 0, -1 when empty) or auto (Python values of any of those
    types, datetimes included). `style` is the `s="N"` attribute of every
    cell, or one per row; `blank` optionally gives per row the attribute of
    a styled empty cell written where the value is missing ('' writes none).
    `date_style` is the attribute of the datetimes of an auto column.
    """

    col: int
    kind: str
    data: np.ndarray
    style: str | np.ndarray = ""
    blank: np.ndarray | None = None
    date_style: str = ""

    def cells(self, lo: int, hi: int, rows: range, row_refs: pa.StringArray) -> pa.StringArray:
        """Cell elements of rows lo..hi-1 (Excel row numbers `rows`, as text in `row_refs`, made
        once per block for all its columns); null where a row has none."""
        ref = xl_col_to_name(self.col)
        values = self.data[lo:hi]
        style = pa.array(self.style[lo:hi], pa.string()) if isinstance(self.style, np.ndarray) else self.style
        head = (f'<c r="{ref}', row_refs, '"', style)
        if self.kind == "text" and (text := _plain_text(values)) is not None:
            cells = _join(*head, ' t="inlineStr"><is><t>', text, "</t></is></c>")
        elif self.kind == "number":
            present = ~np.isnan(values)
            numbers = values[present]
            if np.array_equal(numbers, np.trunc(numbers)) and not (np.abs(numbers) >= 2**53).any():
                # whole numbers are written as integers (`2`, not `2.0`), as XlsxWriter does
                values = np.where(present, values, 0).astype(np.int64)
            text = pc.cast(pa.array(values, mask=~present), pa.string())
            cells = _join(*head, "><v>", text, "</v></c>")
        elif self.kind == "bool":
            text = pc.cast(pa.array(values, mask=values < 0), pa.string())
            cells = _join(*head, ' t="b"><v>', text, "</v></c>")
        else:
            cells = pa.array(self._python_cells(ref, rows, values, lo, hi), pa.string())
        if self.blank is not None:
            blanks = self.blank[lo:hi]
            empty = _join(f'<c r="{ref}', row_refs, '"', pa.array(blanks, pa.string()), "/>")
            cells = pc.coalesce(cells, pc.if_else(pa.array(blanks != ""), empty, None))
        return cells

    def _python_cells(self, ref: str, rows: range, values: np.ndarray, lo: int, hi: int) -> list[str | None]:
        """Cells that need per-value work: text with characters to escape, columns of mixed types."""
        styles = (
            self.style[lo:hi].tolist() if isinstance(self.style, np.ndarray) else [self.style] * (hi - lo)
        )
        if self.kind == "text":
            return [
                None if t is None else f'<c r="{ref}{r}"{s} t="inlineStr"><is>{escape(t)}</is></c>'
                for r, s, t in zip(rows, styles, values.tolist())
            ]
        return [self._auto(ref, r, s, v) or None for r, s, v in zip(rows, styles, values.tolist())]

    def _auto(self, ref: str, row: int, style: str, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            return f'<c r="{ref}{row}"{style} t="inlineStr"><is>{escape(value)}</is></c>'
        if isinstance(value, bool):
            return f'<c r="{ref}{row}"{style} t="b"><v>{int(value)}</v></c>'
        if isinstance(value, (int, float)):
            return f'<c r="{ref}{row}"{style}><v>{value!r}</v></c>' if math.isfinite(value) else ""
        if isinstance(value, dt.datetime):
            return f'<c r="{ref}{row}"{style or self.date_style}><v>{excel_serial(value)!r}</v></c>'
        return f'<c r="{ref}{row}"{style} t="inlineStr"><is>{escape(str(value))}</is></c>'


@dataclass
class Body:
    """The rows of one sheet that follow the rows XlsxWriter wrote.

    `first_row` is the 0-based index of the first body row, `last_col` the
    widest column of the sheet (for its dimension). `extra(lo, hi, rows)`
    optionally appends more cells to each row (the Gantt bars).
    """

    first_row: int
    n_rows: int
    last_col: int
    columns: Sequence[CellColumn]
    extra: Callable[[int, int, range], list[str]] | None = None

    def chunks(self) -> Iterator[memoryview]:
        """The body's rows as UTF-8, `ROWS_PER_CHUNK` rows at a time."""
        for lo in range(0, self.n_rows, ROWS_PER_CHUNK):
            hi = min(lo + ROWS_PER_CHUNK, self.n_rows)
            rows = range(self.first_row + 1 + lo, self.first_row + 1 + hi)
            row_refs = _row_numbers(rows)
            cells = [column.cells(lo, hi, rows, row_refs) for column in self.columns]
            if self.extra is not None:
                cells.append(pa.array(self.extra(lo, hi, rows), pa.string()))
            yield _utf8(_join('<row r="', row_refs, '">', *cells, "</row>", nulls_as_empty=True))

    def dimension_end(self) -> str:
        """Bottom-right cell of the sheet: the last body row (the row above the body when it is empty)."""
        return xl_rowcol_to_cell(self.first_row + self.n_rows - 1, self.last_col)


def _join(*parts: str | pa.Array, nulls_as_empty: bool = False) -> pa.StringArray:
    """Element-wise concatenation of arrays and constants (adjacent constants merged first: fewer
    inputs, a faster kernel); null where any array is null, or that element read as '' instead."""
    merged: list[str | pa.Array] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        else:
            merged.append(part)
    options = pc.JoinOptions("replace" if nulls_as_empty else "emit_null")
    return pc.binary_join_element_wise(*merged, "", options=options)


def _row_numbers(rows: range) -> pa.StringArray:
    return pc.cast(pa.array(np.arange(rows.start, rows.stop, dtype=np.int64)), pa.string())


def _utf8(strings: pa.StringArray) -> memoryview:
    """The concatenated UTF-8 of a string array without nulls, without a copy."""
    offsets = np.frombuffer(strings.buffers()[1], dtype=np.int32)[
        strings.offset : strings.offset + len(strings) + 1
    ]
    return memoryview(strings.buffers()[2])[offsets[0] : offsets[-1]] if len(strings) else memoryview(b"")


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = ZIP_LEVEL  # Python 3.11 has no public per-member level
    info.create_system = 0
    info.external_attr = 0
    return info


def _split(xml: bytes, body: Body) -> tuple[bytes, bytes]:
    """The sheet XML before and after the body, with the dimension grown to cover it."""
    found = _DIMENSION.search(xml)
    if found is None:
        raise ValueError("worksheet XML without a dimension")
    dimension = b'<dimension ref="%s:%s"/>' % (found.group(1), body.dimension_end().encode())
    xml = xml[: found.start()] + dimension + xml[found.end() :]
    if b"<sheetData/>" in xml:
        head, tail = xml.split(b"<sheetData/>", 1)
        return head + b"<sheetData>", b"</sheetData>" + tail
    head, tail = xml.split(b"</sheetData>", 1)
    return head, b"</sheetData>" + tail


def splice(package: bytes, bodies: Mapping[str, Body]) -> bytes:
    """Re-zip XlsxWriter's package with each body streamed into its worksheet member.

    Members keep XlsxWriter's order; timestamps and the deflate level are fixed,
    so the bytes depend only on the content.
    """
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            data = source.read(member)
            body = bodies.get(member.filename)
            if body is None:
                target.writestr(_zip_info(member.filename), data)
                continue
            head, tail = _split(data, body)
            with target.open(_zip_info(member.filename), "w") as stream:
                _write_behind(stream, head, body.chunks(), tail)
    return out.getvalue()


def _write_behind(stream: BinaryIO, head: bytes, chunks: Iterator[memoryview], tail: bytes) -> None:
    """Write head, the encoded chunks and tail, deflating in a second thread while the next chunk is made.

    zlib releases the GIL, so on two cores compression costs almost no wall time.
    The queue holds two chunks at most: memory stays flat.
    """
    pending: queue.Queue[bytes | memoryview | None] = queue.Queue(maxsize=2)
    failure: list[BaseException] = []

    def drain() -> None:
        while (data := pending.get()) is not None:
            if not failure:
                try:
                    stream.write(data)
                except BaseException as error:  # re-raised in the calling thread
                    failure.append(error)

    writer = threading.Thread(target=drain, name="roadmap-deflate")
    writer.start()
    try:
        pending.put(head)
        for chunk in chunks:
            if failure:
                break
            pending.put(chunk)
        pending.put(tail)
    finally:
        pending.put(None)
        writer.join()
    if failure:
        raise failure[0]
