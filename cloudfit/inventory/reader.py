"""File → raw sheets: bytes in, grids of cell values out, nothing interpreted yet.

The reader decides the format from the content (a zip, an OLE2 container or
text), checks the limits before any parser runs, and hands back every sheet
as a grid with its position in the spreadsheet, so later stages can name the
row a person sees. Workbooks are read with calamine (several times faster
than openpyxl); formulas come back as their cached values and macros are
never run. Merged cells are filled with their top-left value, which is what
a person reading the sheet sees in every covered cell. Text that is neither
a zip nor an OLE2 container is read as CSV (`cloudfit.inventory.csv_text`);
both hand back the types of `cloudfit.inventory.raw`.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from cloudfit.errors import InputError
from cloudfit.inventory.csv_text import read_csv
from cloudfit.inventory.limits import DEFAULT_LIMITS, Limits, check_rows, human_bytes
from cloudfit.inventory.raw import RawSheet, RawWorkbook
from cloudfit.inventory.zipguard import SUPPORTED, SUPPORTED_VI, check_extent, check_zip

WORKBOOK_EXTENSIONS = (".xlsx", ".xlsm", ".xltx", ".xltm", ".ods")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

Source = str | os.PathLike | bytes | bytearray | BinaryIO


def read_workbook(
    source: Source, *, filename: str | None = None, limits: Limits | None = None
) -> RawWorkbook:
    """Read every sheet of an inventory file into raw grids, refusing unusable or hostile input.

    `source` is a path, the file's bytes or a binary file object; with bytes
    or a file object pass `filename` so the message can name it.
    """
    limits = limits or DEFAULT_LIMITS
    data, name = _read_bytes(source, filename, limits)
    extension = Path(name).suffix.lower()
    if data.startswith(OLE2_MAGIC):
        raise InputError(_ole2_message(data, name))
    if data.startswith(ZIP_MAGIC):
        return _read_zip_workbook(data, name, limits)
    if extension in WORKBOOK_EXTENSIONS or extension == ".xls":
        raise InputError(
            f"{name}: this is not a valid {extension} workbook (the file content is not a spreadsheet). "
            f"Open it in Excel or LibreOffice and save it again as {SUPPORTED}.",
            f"{name}: đây không phải sổ tính {extension} hợp lệ (nội dung tệp không phải bảng tính). "
            f"Hãy mở tệp bằng Excel hoặc LibreOffice và lưu lại dưới dạng {SUPPORTED_VI}.",
        )
    if not data or data.isspace():
        raise InputError(
            f"{name}: the file is empty. Export the inventory again as {SUPPORTED}.",
            f"{name}: tệp không có nội dung. Hãy xuất lại danh mục dưới dạng {SUPPORTED_VI}.",
        )
    return read_csv(data, name, limits)


# --- bytes and limits ------------------------------------------------------


def _read_bytes(source: Source, filename: str | None, limits: Limits) -> tuple[bytes, str]:
    """The file's bytes, read by count rather than by `stat` so that pipes and streams obey the size limit."""
    if isinstance(source, bytes | bytearray):
        name = filename or "uploaded file"
        _check_size(len(source), name, limits, exact=True)
        return bytes(source), name
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        name = filename or path.name
        try:
            with path.open("rb") as handle:
                data = handle.read(limits.max_bytes + 1)
        except FileNotFoundError:
            raise InputError(
                f"{path}: no such file. Check the path and the file name.",
                f"{path}: không có tệp này. Hãy kiểm tra đường dẫn và tên tệp.",
            ) from None
        except IsADirectoryError:
            raise InputError(
                f"{path}: this is a folder, not a file. Give the path of the inventory file.",
                f"{path}: đây là thư mục, không phải tệp. Hãy chỉ đường dẫn của tệp danh mục.",
            ) from None
        except PermissionError:
            raise InputError(
                f"{path}: the file cannot be read (permission denied).",
                f"{path}: không đọc được tệp (không có quyền truy cập).",
            ) from None
        except OSError as error:
            raise InputError(f"{path}: the file cannot be read ({error.strerror or error}).") from None
        _check_size(len(data), name, limits, exact=False)
        return data, name
    name = filename or Path(str(getattr(source, "name", "") or "uploaded file")).name
    data = source.read(limits.max_bytes + 1)
    _check_size(len(data), name, limits, exact=False)
    return bytes(data), name


def _check_size(size: int, name: str, limits: Limits, *, exact: bool) -> None:
    if size > limits.max_bytes:
        shown = human_bytes(size) if exact else f"more than {human_bytes(limits.max_bytes)}"
        raise InputError(
            f"{name}: the file is {shown}, larger than the limit of {human_bytes(limits.max_bytes)} "
            "(max_bytes). Remove unused sheets, images or columns, or split the inventory into several files."
        )


def _ole2_message(data: bytes, name: str) -> str:
    if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
        return (
            f"{name}: the workbook is protected with a password (encrypted), so it cannot be read. "
            "Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with "
            "Password, clear it) and save it again as .xlsx."
        )
    return (
        f"{name}: this is an old-format Excel file (.xls) or another OLE2 document, which cloudfit "
        f"does not read. Open it in Excel or LibreOffice and save it as {SUPPORTED}."
    )


# --- workbooks ---------------------------------------------------------------


def _read_zip_workbook(data: bytes, name: str, limits: Limits) -> RawWorkbook:
    archive = check_zip(data, name, limits)
    names = set(archive.namelist())
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        fmt = "xlsm" if Path(name).suffix.lower() in (".xlsm", ".xltm") else "xlsx"
        if "xl/workbook.bin" in names:
            raise InputError(
                f"{name}: binary Excel workbooks (.xlsb) are not read. Save it as .xlsx.",
                f"{name}: không đọc sổ tính Excel nhị phân (.xlsb). Hãy lưu lại dưới dạng .xlsx.",
            )
    elif "content.xml" in names and b"spreadsheet" in (
        archive.read("mimetype") if "mimetype" in names else b""
    ):
        fmt = "ods"
    else:
        raise InputError(
            f"{name}: this zip file is not a spreadsheet (no workbook inside). "
            f"Give the inventory as {SUPPORTED}.",
            f"{name}: tệp nén này không phải bảng tính (không có sổ tính bên trong). "
            f"Hãy cung cấp danh mục dưới dạng {SUPPORTED_VI}.",
        )
    import python_calamine as calamine

    try:
        workbook = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        metas = [meta for meta in workbook.sheets_metadata if meta.typ == calamine.SheetTypeEnum.WorkSheet]
        parsed = _worksheets(workbook, data, [meta.name for meta in metas], ahead=fmt != "ods")
        with contextlib.closing(parsed):
            sheets = [
                _calamine_sheet(sheet, name, limits, meta.visible == calamine.SheetVisibleEnum.Visible)
                for meta, sheet in zip(metas, parsed, strict=True)
            ]
    except InputError:
        raise
    except calamine.PasswordError:
        raise InputError(
            f"{name}: the workbook is protected with a password; remove the password and save "
            "it again as .xlsx.",
            f"{name}: sổ tính được bảo vệ bằng mật khẩu; hãy gỡ mật khẩu và lưu lại dưới dạng .xlsx.",
        ) from None
    except MemoryError:
        raise
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # the parser's panics derive from BaseException
        raise InputError(
            f"{name}: the workbook cannot be read ({type(error).__name__}: {str(error)[:200]}). "
            f"Open it in Excel or LibreOffice and save it again as {SUPPORTED}.",
            f"{name}: không đọc được sổ tính ({type(error).__name__}: {str(error)[:200]}). "
            f"Hãy mở tệp bằng Excel hoặc LibreOffice và lưu lại dưới dạng {SUPPORTED_VI}.",
        ) from None
    if not sheets:
        raise InputError(
            f"{name}: the workbook has no worksheet. Put the applications on a sheet.",
            f"{name}: sổ tính không có trang tính nào. Hãy đưa danh sách ứng dụng vào một trang tính.",
        )
    return RawWorkbook(source=name, format=fmt, sheets=tuple(sheets))


def _worksheets(workbook, data: bytes, names: list[str], *, ahead: bool) -> Iterator:
    """calamine's parse of each worksheet, in order.

    calamine lets go of the GIL while it parses, so with `ahead` each sheet
    after the first is parsed in a second thread, one sheet ahead, on a
    workbook of its own opened once there (a workbook serves one thread at a
    time), while this thread turns the previous one into Python objects.
    Not for ODS, whose workbook parses every sheet when it opens.
    """
    if not ahead or len(names) < 2:
        for sheet_name in names:
            yield workbook.get_sheet_by_name(sheet_name)
        return
    import python_calamine as calamine

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="cloudfit-sheet") as pool:
        own = pool.submit(calamine.CalamineWorkbook.from_filelike, io.BytesIO(data))

        def parse(sheet_name: str):
            return own.result().get_sheet_by_name(sheet_name)

        upcoming = pool.submit(parse, names[1])  # one sheet ahead at most, so one parse is held in memory
        yield workbook.get_sheet_by_name(names[0])
        for following in names[2:]:
            sheet = upcoming.result()
            upcoming = pool.submit(parse, following)
            yield sheet
        yield upcoming.result()


def _calamine_sheet(sheet, name: str, limits: Limits, visible: bool) -> RawSheet:
    start = sheet.start or (0, 0)
    check_rows(name, sheet.name, sheet.height, limits.max_sheet_rows, "rows")
    check_extent(name, f"'{sheet.name}'", sheet.height, sheet.width, limits, "reaches")
    rows = sheet.to_python() if sheet.height else []
    if (
        rows
    ):  # one object grid, its empty strings blanked in place: half the cost of a frame compared and masked
        grid = np.array(rows, dtype=object)
        grid[grid == ""] = None
        cells = pd.DataFrame(grid, dtype=object)
    else:
        cells = pd.DataFrame(dtype=object)
    merged = _merged_ranges(sheet.merged_cell_ranges or (), start, cells.shape)
    if merged:
        cells = _fill_merged(cells, merged)
    return RawSheet(
        name=sheet.name,
        cells=cells,
        first_row=start[0] + 1,
        first_col=start[1],
        merged=merged,
        visible=visible,
    )


def _merged_ranges(ranges: Sequence, start: tuple[int, int], shape: tuple[int, int]) -> tuple:
    found = []
    for (top, left), (bottom, right) in ranges:
        top, bottom = max(top - start[0], 0), min(bottom - start[0], shape[0] - 1)
        left, right = max(left - start[1], 0), min(right - start[1], shape[1] - 1)
        if top <= bottom and left <= right and (bottom > top or right > left):
            found.append((top, left, bottom, right))
    return tuple(sorted(found))


def _fill_merged(cells: pd.DataFrame, merged: tuple) -> pd.DataFrame:
    grid = cells.to_numpy(dtype=object, copy=True)
    for top, left, bottom, right in merged:
        grid[top : bottom + 1, left : right + 1] = grid[top, left]
    return pd.DataFrame(grid, dtype=object)
