"""CSV text → one raw sheet: the encoding and separator detected, NULs named, the cells as text.

Part of the reading stage (`cloudfit.inventory.reader` sends here whatever is
neither a zip nor an OLE2 container); limits are checked before pandas parses.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from cloudfit.errors import InputError
from cloudfit.inventory.limits import Limits
from cloudfit.inventory.raw import RawSheet, RawWorkbook
from cloudfit.inventory.zipguard import SUPPORTED, check_extent

SEPARATORS = (",", ";", "\t", "|")
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32)])


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode a CSV: BOMs first, then UTF-16 by its zero bytes, UTF-8, then the legacy code pages.

    Windows-1258 (Vietnamese) writes tone marks as combining characters; the
    text is returned in NFC later, by `text.clean_text`.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    head = data[:8192]
    if b"\x00" in head:
        for encoding, zeros in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
            if zeros.count(0) > 0.7 * len(zeros):
                try:
                    return data.decode(encoding), encoding
                except UnicodeDecodeError:
                    break
        if len(head) - len(head.translate(None, _CONTROL_BYTES)) > 0.05 * len(head):  # a stray NUL is text
            raise InputError(
                f"{name}: this is a binary file, not a spreadsheet or a CSV text. "
                f"Give the inventory as {SUPPORTED}."
            )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=["cp1258", "cp1252", "cp1250", "latin_1"]).best()
    encoding = best.encoding if best is not None else "cp1258"
    return data.decode(encoding, errors="replace"), encoding


def sniff_separator(lines: Sequence[str]) -> str:
    """The separator that splits the most lines into the same number of fields (title rows do not vote)."""
    best, best_score = ",", (0, 0)
    for candidate in SEPARATORS:
        counts = [line.count(candidate) for line in lines if line.strip()]
        counts = [count for count in counts if count > 0]
        if not counts:
            continue
        values, frequency = np.unique(counts, return_counts=True)
        score = max(zip(frequency.tolist(), values.tolist()))
        if score > best_score:
            best, best_score = candidate, score
    return best


def read_csv(data: bytes, name: str, limits: Limits) -> RawWorkbook:
    text, encoding = decode_text(data, name)
    text = text.lstrip("\ufeff")
    text, nul_rows = _replace_nuls(text)
    line_count = text.count("\n") + 1
    if line_count > limits.max_rows + 1:
        raise InputError(
            f"{name}: the file has {line_count:,} lines, more than the limit of {limits.max_rows:,} rows. "
            "Split the inventory into several files or raise the row limit."
        )
    lines = text.splitlines()
    separator = sniff_separator(lines[:60])
    width = max((line.count(separator) for line in lines), default=0) + 1
    check_extent(name, "(CSV text)", len(lines), width, limits, "reaches")
    try:
        cells = pd.read_csv(
            io.StringIO(text),
            sep=separator,
            header=None,
            names=range(width),
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
        )
    except (pd.errors.ParserError, ValueError) as error:
        raise InputError(
            f"{name}: the CSV text cannot be split into columns ({error}). "
            "Check the quotes and separators, or save the inventory as .xlsx."
        ) from None
    cells = cells.astype(object)
    cells = cells.where(cells != "", None)
    filled = cells.notna().any(axis=0).to_numpy()
    if filled.any():
        cells = cells.iloc[:, : int(np.flatnonzero(filled)[-1]) + 1]
    cells.columns = range(cells.shape[1])
    sheet = RawSheet(name=Path(name).stem or "CSV", cells=cells)
    return RawWorkbook(
        source=name,
        format="csv",
        sheets=(sheet,),
        encoding=encoding,
        separator=separator,
        nul_rows=nul_rows,
    )


def _replace_nuls(text: str) -> tuple[str, tuple[int, ...]]:
    """NUL would cut a value short in the CSV parser: it becomes U+FFFD, and the rows are named."""
    if "\x00" not in text:
        return text, ()
    rows = [number for number, line in enumerate(text.split("\n"), start=1) if "\x00" in line]
    return text.replace("\x00", "\ufffd"), tuple(rows)
