"""Hostile and unusable files: each is refused with one InputError naming the file and what to do."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from inventory_files import HEADER, csv_text, rewrite_zip, write_xlsx, xlsx_bytes

from cloudfit.errors import InputError
from cloudfit.inventory import Limits, load_inventory

VALID = [HEADER, ["A1", "One", "Bộ Tài chính"]]


def _refused(data: bytes, filename: str, limits: Limits | None = None) -> str:
    with pytest.raises(InputError) as caught:
        load_inventory(data, filename=filename, limits=limits)
    message = str(caught.value)
    assert message.startswith(filename), message
    assert "\n" not in message
    return message


def test_file_over_the_size_limit_is_refused_before_parsing():
    data = xlsx_bytes(VALID)
    message = _refused(data, "big.xlsx", Limits(max_bytes=len(data) - 1))
    assert "larger than the limit" in message


def test_path_over_the_size_limit_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_bytes(csv_text(VALID).encode())
    with pytest.raises(InputError, match=r"huge\.csv.*larger than the limit"):
        load_inventory(path, limits=Limits(max_bytes=10))


@pytest.mark.parametrize("filename", ["many.xlsx", "many.csv"])
def test_too_many_rows_is_refused(filename):
    rows = [HEADER] + [[f"A{i}", "x", "y"] for i in range(30)]
    data = xlsx_bytes(rows) if filename.endswith("xlsx") else csv_text(rows).encode()
    message = _refused(data, filename, Limits(max_rows=20))
    assert "more than the limit of 20" in message


def test_zip_bomb_is_refused_by_its_uncompressed_size():
    padding = b"<!-- " + b" " * 3_000_000 + b" -->"
    data = rewrite_zip(xlsx_bytes(VALID), {}, add={"xl/media/padding.xml": padding})
    assert len(data) < 100_000  # compresses to almost nothing
    message = _refused(data, "bomb.xlsx", Limits(max_uncompressed_bytes=1_000_000))
    assert "zip bomb" in message


def test_zip_member_that_lies_about_its_size_is_refused():
    data = bytearray(
        rewrite_zip(xlsx_bytes(VALID), {}, add={"xl/lie.xml": b"<a>" + b"x" * 200_000 + b"</a>"})
    )
    # shrink the declared uncompressed size of the last member in the central directory
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    local = data.rfind(b"PK\x03\x04")
    data[local + 22 : local + 26] = (10).to_bytes(4, "little")
    message = _refused(bytes(data), "lie.xlsx")
    assert "damaged" in message


def test_xml_entity_expansion_in_a_workbook_part_is_refused():
    data = xlsx_bytes(VALID)
    archive = zipfile.ZipFile(io.BytesIO(data))
    sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    laughs = "".join(f'<!ENTITY lol{k} "{f"&lol{k - 1};" * 10}">' for k in range(1, 10))
    dtd = f'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY lol0 "lol">{laughs}]>'
    attacked = dtd + sheet.replace("<t>One</t>", "<t>&lol9;</t>")
    assert "<t>&lol9;</t>" in attacked
    hostile = rewrite_zip(data, {"xl/worksheets/sheet1.xml": attacked.encode()})
    message = _refused(hostile, "laughs.xlsx")
    assert "XML entit" in message
    # defence in depth: calamine on its own does not expand the entities either
    import python_calamine

    with pytest.raises(python_calamine.XmlError):
        python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(hostile)).get_sheet_by_index(0).to_python()


@pytest.mark.parametrize(
    ("declaration", "encoding"),
    [
        ('<!doctype sst [<!entity a "b">]>', "utf-8"),
        ('<!DocType sst [<!ENTITY a "b">]>', "utf-16-le"),
        ('<!ENTITY a "b">', "utf-16-be"),
        ("<\x00\x00!\x00ent\x00\x00ity", "utf-8"),  # NULs slipped between the letters
    ],
)
def test_entity_declarations_in_any_case_or_encoding_are_refused(declaration, encoding):
    part = f'<?xml version="1.0"?>{declaration}<sst xmlns="x"><si><t>One!</t></si></sst>'.encode(encoding)
    hostile = rewrite_zip(xlsx_bytes(VALID), {}, add={"xl/sharedStrings2.xml": part})
    assert "XML entit" in _refused(hostile, "entities.xlsx")


def test_a_value_that_names_an_entity_and_a_comment_are_not_entity_declarations():
    sheet = zipfile.ZipFile(io.BytesIO(xlsx_bytes(VALID))).read("xl/worksheets/sheet1.xml").decode()
    harmless = sheet.replace("<sheetData>", "<!-- <!doc --><sheetData>").replace(
        "One", "One! &lt;!ENTITY&gt;"
    )
    data = rewrite_zip(xlsx_bytes(VALID), {"xl/worksheets/sheet1.xml": harmless.encode()})
    assert load_inventory(data, filename="harmless.xlsx").applications["name"].tolist() == ["One! <!ENTITY>"]


def test_password_protected_workbook_is_recognised_as_encrypted():
    # An encrypted OOXML file is an OLE2 compound file holding EncryptionInfo and EncryptedPackage streams.
    ole2 = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(504)
        + "EncryptionInfo".encode("utf-16-le")
        + bytes(100)
        + "EncryptedPackage".encode("utf-16-le")
        + os.urandom(2000)
    )
    message = _refused(ole2, "secret.xlsx")
    assert "password" in message and "remove the password" in message.lower()


def test_legacy_xls_is_refused_with_a_save_as_hint():
    message = _refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(3000), "old.xls")
    assert ".xls" in message and "save it as" in message


def test_random_bytes_named_xlsx_are_not_a_spreadsheet():
    message = _refused(os.urandom(5000), "random.xlsx")
    assert "not a valid .xlsx" in message


def test_random_binary_named_csv_is_refused():
    data = bytes(range(256)) * 20
    message = _refused(data, "random.csv")
    assert "binary" in message


def test_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "not a spreadsheet" in _refused(buffer.getvalue(), "archive.xlsx")


def test_empty_file_is_refused():
    assert "empty" in _refused(b"", "empty.csv")


def test_text_without_any_recognisable_header_is_refused():
    message = _refused(csv_text([["alpha", "beta"], ["1", "2"]]).encode(), "nohead.csv")
    assert "no header row" in message and "mapping" in message


def test_missing_required_column_is_refused_naming_the_field_and_a_close_header():
    rows = [["app_id", "Tên hệ thốngg", "owner_agency"], ["A1", "x", "y"]]
    message = _refused(csv_text(rows).encode(), "noname.csv")
    assert "'name'" in message and "Tên hệ thống" in message and "Tên hệ thốngg" in message


def test_missing_file_names_the_path(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_inventory(tmp_path / "absent.xlsx")


def test_time_limit_is_enforced_between_stages():
    message = _refused(xlsx_bytes(VALID), "slow.xlsx", Limits(max_seconds=1e-9))
    assert "longer than" in message


def test_limits_must_be_positive():
    with pytest.raises(ValueError):
        Limits(max_rows=0)


def test_dependency_sheet_may_hold_more_rows_than_the_application_limit(tmp_path):
    apps = [HEADER] + [[f"A{i}", "x", "y"] for i in range(10)]
    links = [["app_id", "depends_on"]] + [[f"A{i % 10}", f"A{(i + 1) % 10}"] for i in range(30)]
    path = write_xlsx(tmp_path / "links.xlsx", {"Applications": apps, "Dependencies": links})
    inventory = load_inventory(path, limits=Limits(max_rows=20))
    assert inventory.accepted == 10


def test_too_many_dependency_rows_is_refused(tmp_path):
    apps = [HEADER] + [[f"A{i}", "x", "y"] for i in range(10)]
    links = [["app_id", "depends_on"]] + [[f"A{i % 10}", f"A{(i + 1) % 10}"] for i in range(30)]
    path = write_xlsx(tmp_path / "links.xlsx", {"Applications": apps, "Dependencies": links})
    message = _refused(path.read_bytes(), "links.xlsx", Limits(max_rows=40, max_dependency_rows=25))
    assert "30 dependency rows, more than the limit of 25" in message
