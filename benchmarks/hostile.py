"""Hand-built hostile inventory files: small files that declare or expand into something huge.

Each builder returns the file's bytes. They are the seeds of the fuzz
harness (`benchmarks.fuzz`) and the cases of tests/inventory/test_inventory_bombs.py:
every one must be refused with one clear `InputError`, quickly and within
the sandbox's memory cap, and never crash the process that asked.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

HEADER = ("app_id", "name", "owner_agency")
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def entry(name: str, stored: bool = False) -> zipfile.ZipInfo:
    """A zip entry with a fixed date, so the same builder always gives the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    return info


def _zip(parts: dict[str, bytes], first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if first:
            archive.writestr(entry(first, stored=True), parts[first])
        for name, data in parts.items():
            if name != first:
                archive.writestr(entry(name), data)
    return buffer.getvalue()


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def xlsx(
    rows: list[list[str]], *, dimension: str | None = None, extra_cells: str = "", sst: bytes | None = None
) -> bytes:
    """A minimal xlsx of inline strings; `extra_cells` is raw XML appended to the last row."""
    body = []
    for i, row in enumerate(rows, start=1):
        cells = "".join(_cell(f"{chr(65 + j)}{i}", value) for j, value in enumerate(row))
        if i == len(rows):
            cells += extra_cells
        body.append(f'<row r="{i}">{cells}</row>')
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = f'<worksheet xmlns="{_MAIN}">{dim}<sheetData>{"".join(body)}</sheetData></worksheet>'
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        + (
            '<Override PartName="/xl/sharedStrings.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            if sst is not None
            else ""
        )
        + "</Types>"
    )
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    workbook = (
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
        '<sheet name="Applications" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    book_rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        + (f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>' if sst else "")
        + "</Relationships>"
    )
    parts = {
        "[Content_Types].xml": types.encode(),
        "_rels/.rels": rels.encode(),
        "xl/workbook.xml": workbook.encode(),
        "xl/_rels/workbook.xml.rels": book_rels.encode(),
        "xl/worksheets/sheet1.xml": sheet.encode(),
    }
    if sst is not None:
        parts["xl/sharedStrings.xml"] = sst
    return _zip(parts)


def valid_xlsx(n: int = 3) -> bytes:
    return xlsx([list(HEADER)] + [[f"A{i}", f"App {i}", "Bộ Tài chính"] for i in range(n)])


def last_cell_xlsx() -> bytes:
    """One extra cell at the last column and row: a dense grid of 17 billion cells."""
    return xlsx([list(HEADER), ["A1", "One", "Bộ Tài chính"]], extra_cells=_cell("XFD1048576", "x"))


def declared_dimension_xlsx() -> bytes:
    """A sheet that declares the whole grid as its dimension."""
    return xlsx([list(HEADER), ["A1", "One", "Bộ Tài chính"]], dimension="A1:XFD1048576")


def shared_string_bomb_xlsx() -> bytes:
    """A shared-string table that declares two billion strings."""
    sst = f'<sst xmlns="{_MAIN}" count="2000000000" uniqueCount="2000000000"><si><t>x</t></si></sst>'
    return xlsx([list(HEADER), ["A1", "One", "Bộ Tài chính"]], sst=sst.encode())


def entity_bomb_xlsx() -> bytes:
    """A shared-string table that declares nine levels of nested XML entities ("billion laughs")."""
    entities = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    sst = (
        f'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY e0 "lol">{entities}]>'
        f'<sst xmlns="{_MAIN}" count="1" uniqueCount="1"><si><t>&e9;</t></si></sst>'
    )
    return xlsx([list(HEADER), ["A1", "One", "Bộ Tài chính"]], sst=sst.encode())


def ods(rows_xml: str) -> bytes:
    """A minimal ODS whose only table holds `rows_xml`."""
    content = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Applications">'
        f"{rows_xml}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    return _zip(
        {
            "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
            "content.xml": content.encode(),
            "META-INF/manifest.xml": manifest.encode(),
        },
        first="mimetype",
    )


def ods_row(values: tuple[str, ...] | list[str], repeat: int = 1, columns_repeat: int = 1) -> str:
    """One ODS row of text cells (an empty string is an empty cell), optionally repeated."""
    cells = []
    for j, value in enumerate(values):
        span = (
            f' table:number-columns-repeated="{columns_repeat}"'
            if j == len(values) - 1 and columns_repeat > 1
            else ""
        )
        if not value:
            cells.append(f"<table:table-cell{span}/>")
            continue
        cells.append(
            f'<table:table-cell office:value-type="string"{span}><text:p>{value}</text:p></table:table-cell>'
        )
    rep = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{rep}>{''.join(cells)}</table:table-row>"


def valid_ods() -> bytes:
    empty_tail = (
        '<table:table-row table:number-rows-repeated="1048570">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    return ods(ods_row(HEADER) + ods_row(("A1", "One", "Bộ Tài chính")) + empty_tail)


def repeated_row_ods() -> bytes:
    """One application row repeated a million times, its last cell repeated across 16,384 columns."""
    return ods(ods_row(HEADER) + ods_row(("A1", "One", "x"), repeat=1_000_000, columns_repeat=16_384))


def comma_csv() -> bytes:
    """A megabyte of commas: one row a million columns wide."""
    return b"app_id,name,owner_agency\n" + b"," * 1_000_000


def paren_header_csv() -> bytes:
    """A 300 KB header cell of '(' (a quadratic header-cleaning regex would take minutes)."""
    return b"app_id,name,owner_agency," + b"(" * 300_000 + b"\nA1,One,x,y\n"


def alias_bomb_yaml(width: int = 9) -> bytes:
    """A YAML 'billion laughs' under 1 KB: nine levels of `width` aliases each."""
    lines = ["a0: &a0 [" + ",".join(['"lol"'] * width) + "]"]
    for level in range(1, 10):
        refs = ",".join(f"*a{level - 1}" for _ in range(width))
        lines.append(f"a{level}: &a{level} [{refs}]")
    return ("\n".join(lines) + "\n").encode()


def nested_yaml(depth: int = 10_000) -> bytes:
    return ("[" * depth + "]" * depth).encode()


BOMBS: dict[str, Callable[[], bytes]] = {
    "last-cell.xlsx": last_cell_xlsx,
    "dimension.xlsx": declared_dimension_xlsx,
    "shared-strings.xlsx": shared_string_bomb_xlsx,
    "repeated-row.ods": repeated_row_ods,
    "commas.csv": comma_csv,
}
