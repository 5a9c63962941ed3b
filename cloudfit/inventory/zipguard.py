"""Refuse hostile workbooks from the zip container and their own declarations, before any parser runs.

A 2 KB xlsx can declare a cell at the last row and column, or a billion
shared strings, and the native parser sizes its buffers from those
declarations. So every part is unpacked here in bounded chunks (zip bombs,
parts that lie about their size), scanned for XML entity declarations
(whatever its name or encoding) and, for worksheets, shared strings and ODS
content, measured from what it declares: the dimension, the cell
references, the shared-string counts and the ODS repeat attributes. Each
refusal names the limit (`Limits`) it breaks.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass

from cloudfit.errors import InputError
from cloudfit.inventory.limits import Limits, human_bytes

SUPPORTED = ".xlsx, .xlsm, .ods or .csv"
SUPPORTED_VI = ".xlsx, .xlsm, .ods hoặc .csv"
_CHUNK = 1024 * 1024
_TAIL = 64
_WORKSHEET = re.compile(r"^xl/worksheets/[^/]+$", re.IGNORECASE)
_DIMENSION = re.compile(
    rb'<(?:\w+:)?dimension\s[^>]*?\bref="([A-Z]{1,3})?([0-9]{1,9})?(?::([A-Z]{1,3})([0-9]{1,9}))?"'
)
_SST_COUNT = re.compile(rb'<(?:\w+:)?sst\s[^>]*?\b(?:uniqueCount|count)="([0-9]{1,20})"')
_ODS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def _spaced(word: bytes) -> bytes:
    """A regex for `word` with any NULs between its bytes (a UTF-16 part, or NULs slipped in)."""
    return rb"\x00*".join(re.escape(bytes([byte])) for byte in word)


# '<!doctype' or '<!entity' in any case once NULs are dropped: a C-speed test for '!' first, then this
# regex, rather than copying every chunk to drop the NULs and fold the case.
_XML_DANGER = re.compile(
    _spaced(b"<!") + rb"\x00*(?:" + _spaced(b"doctype") + b"|" + _spaced(b"entity") + b")", re.IGNORECASE
)


def column_number(letters: bytes) -> int:
    """b'A' → 1, b'XFD' → 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


@dataclass
class _Extent:
    """The largest row and column a worksheet part refers to, as far as the limits care.

    Only references long enough to break a limit are matched (a row number
    with as many digits as the row limit, a column of three letters), so a
    normal sheet costs one regex pass that creates almost no objects.
    """

    limits: Limits
    rows: int = 0
    columns: int = 0

    def __post_init__(self) -> None:
        digits = len(str(self.limits.max_sheet_rows))
        # A literal prefix lets `re` search fast; other whitespace before r= is rare and checked too.
        # `suspect` is one pass that says whether either pattern can match, so a normal sheet costs one pass.
        self._patterns = {
            prefix: (
                re.compile(prefix + rb'r="(?:[A-Z]{0,3}[0-9]{%d}|[A-Z]{3}[0-9])' % digits),
                re.compile(prefix + rb'r="[A-Z]{0,3}([0-9]{%d,})"' % digits),
                re.compile(prefix + rb'r="([A-Z]{3})[0-9]'),  # column AAA (703) or beyond
            )
            for prefix in (b" ", b"\t", b"\n", b"\r")
        }

    def feed(self, window: bytes) -> None:
        for prefix, (suspect, long_row, wide_column) in self._patterns.items():
            if prefix != b" " and (prefix not in window or prefix + b'r="' not in window):
                continue  # a one-byte test is C-fast (memchr); the four-byte one only where it may hit
            if not suspect.search(window):
                continue
            rows = long_row.findall(window)
            if rows:
                self.rows = max(self.rows, max(map(int, rows)))
            letters = wide_column.findall(window)
            if letters:
                self.columns = max(self.columns, max(map(column_number, letters)))


def damaged(name: str, part: str | None = None) -> InputError:
    where = f" (part {part} cannot be unpacked)" if part else " (not a readable zip container)"
    return InputError(
        f"{name}: the workbook is damaged{where}. Open it in Excel or LibreOffice and save it again as {SUPPORTED}."
    )


def check_zip(data: bytes, name: str, limits: Limits) -> zipfile.ZipFile:
    """The opened archive, once every part has passed the size, entity and declaration checks."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
        raise damaged(name) from None
    if len(members) > limits.max_zip_members:
        raise InputError(
            f"{name}: the workbook has {len(members)} internal parts, more than the limit of "
            f"{limits.max_zip_members} (max_zip_members); it is refused as possibly hostile."
        )
    if sum(member.file_size for member in members) > limits.max_uncompressed_bytes:
        raise _bomb(name, limits)
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise InputError(
                f"{name}: parts of the workbook are encrypted. Remove the password and save it again as .xlsx."
            )
        if member.file_size > limits.max_part_bytes:
            raise _part_too_big(name, member.filename, limits)
        total = _scan_member(archive, member, name, limits, total)
    return archive


def _bomb(name: str, limits: Limits) -> InputError:
    return InputError(
        f"{name}: the workbook would unpack to more than {human_bytes(limits.max_uncompressed_bytes)} "
        "(max_uncompressed_bytes: a 'zip bomb' or an extremely large sheet); it was refused before reading. "
        "Remove unused sheets or split the inventory."
    )


def _part_too_big(name: str, part: str, limits: Limits) -> InputError:
    return InputError(
        f"{name}: the part {part} unpacks to more than {human_bytes(limits.max_part_bytes)} "
        "(max_part_bytes); it was refused before reading. Remove unused sheets or split the inventory."
    )


def _scan_member(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str, limits: Limits, total: int
) -> int:
    """Unpack one part in chunks: running sizes, entity declarations and, for worksheets, cell extents."""
    extent = _Extent(limits) if _WORKSHEET.match(member.filename) else None
    shared = member.filename.lower() == "xl/sharedstrings.xml"
    size, tail, first = 0, b"", True
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                total += len(chunk)
                if total > limits.max_uncompressed_bytes:
                    raise _bomb(name, limits)
                if size > limits.max_part_bytes:
                    raise _part_too_big(name, member.filename, limits)
                window = tail + chunk
                _refuse_entities(window, member.filename, name)
                if first:
                    _check_declarations(window, member.filename, name, limits, shared, extent is not None)
                    first = False
                if extent is not None:
                    extent.feed(window)
                tail = chunk[-_TAIL:]
    except InputError:
        raise
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, RuntimeError, ValueError, zlib.error):
        raise damaged(name, member.filename) from None
    if extent is not None:
        check_extent(name, member.filename, extent.rows, extent.columns, limits, "refers to")
    if member.filename == "content.xml":
        _check_ods(archive, member, name, limits)
    return total


def _refuse_entities(window: bytes, part: str, name: str) -> None:
    """Spreadsheet programs never write DOCTYPE or ENTITY; NULs are dropped so UTF-16 parts are caught too."""
    if b"!" in window and _XML_DANGER.search(window):
        raise InputError(
            f"{name}: the part {part} declares XML entities (DOCTYPE/ENTITY), which spreadsheet programs "
            "never write; the file is refused as a possible XML entity attack. Save the inventory again "
            "from Excel or LibreOffice."
        )


def _check_declarations(
    head: bytes, part: str, name: str, limits: Limits, shared: bool, worksheet: bool
) -> None:
    if shared:
        for count in _SST_COUNT.findall(head):
            if int(count) > limits.max_shared_strings:
                raise InputError(
                    f"{name}: the workbook declares {int(count):,} shared strings, more than the limit of "
                    f"{limits.max_shared_strings:,} (max_shared_strings); it was refused before reading. "
                    "Save it again from Excel or LibreOffice, or split the inventory."
                )
    if worksheet:
        found = _DIMENSION.search(head)
        if found:
            first_col, first_row, last_col, last_row = found.groups()
            rows = int(last_row or first_row or 0)
            columns = column_number(last_col or first_col or b"")
            check_extent(name, part, rows, columns, limits, "declares")


def check_extent(name: str, part: str, rows: int, columns: int, limits: Limits, how: str) -> None:
    """Refuse a sheet whose rows, columns or cells (as declared or referred to) break the limits."""
    sheet = f"{name}: the sheet {part} {how}"
    advice = "it was refused before reading. Delete the unused rows and columns, or split the inventory."
    if rows > limits.max_sheet_rows:
        raise InputError(
            f"{sheet} row {rows:,}, beyond the limit of {limits.max_sheet_rows:,} rows (max_rows, max_dependency_rows); {advice}"
        )
    if columns > limits.max_columns:
        raise InputError(
            f"{sheet} column {columns:,}, beyond the limit of {limits.max_columns:,} columns (max_columns); {advice}"
        )
    if rows * columns > limits.max_cells:
        raise InputError(
            f"{sheet} a grid of {rows:,} × {columns:,} cells, more than the limit of {limits.max_cells:,} "
            f"cells (max_cells); {advice}"
        )


def _check_ods(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str, limits: Limits) -> None:
    """An ODS table's extent as its repeat attributes make it: only repeated rows and cells holding values count."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    row_tag, cell_tag, table_tag = f"{{{_ODS}}}table-row", f"{{{_ODS}}}table-cell", f"{{{_ODS}}}table"
    covered = f"{{{_ODS}}}covered-table-cell"
    rows_repeated, cols_repeated = f"{{{_ODS}}}number-rows-repeated", f"{{{_ODS}}}number-columns-repeated"
    value_type = f"{{{_OFFICE}}}value-type"
    row = last_row = column = last_column = 0
    filled = False
    try:
        with archive.open(member) as stream:
            for event, element in iterparse(stream, events=("start", "end"), forbid_dtd=True):
                tag = element.tag
                if event == "start":
                    if tag == table_tag:
                        row = last_row = last_column = 0
                    elif tag == row_tag:
                        column, filled = 0, False
                    continue
                if tag in (cell_tag, covered):
                    span = _repeat(element.get(cols_repeated))
                    if element.get(value_type) is not None or len(element):
                        last_column = max(last_column, column + span)
                        filled = True
                    column += span
                    element.clear()
                elif tag == row_tag:
                    span = _repeat(element.get(rows_repeated))
                    if filled:
                        last_row = row + span
                        check_extent(
                            name, "content.xml", last_row, last_column, limits, "repeats cells up to"
                        )
                    row += span
                    element.clear()
    except InputError:
        raise
    except DefusedXmlException:
        raise _entity_error(name) from None
    except Exception:  # any parse failure of the container is damage
        raise damaged(name, member.filename) from None


def _entity_error(name: str) -> InputError:
    return InputError(
        f"{name}: the part content.xml declares XML entities (DOCTYPE/ENTITY); the file is refused as a "
        "possible XML entity attack. Save the inventory again from LibreOffice."
    )


def _repeat(value: str | None) -> int:
    if value is None:
        return 1
    try:
        return max(int(value), 1)
    except ValueError:
        return 1
