"""Column mapping: exact, alias, normalised, explicit; fuzzy matches only suggested."""

from __future__ import annotations

import json
import unicodedata

import pytest
from inventory_files import HEADER, csv_text

from cloudfit.errors import InputError
from cloudfit.fields import FIELDS
from cloudfit.inventory import auto_mapping, load_inventory, load_mapping


def _how(headers):
    return [(m.field, m.how) for m in auto_mapping(headers)]


def test_headers_match_by_exact_name_alias_and_normalised_spelling():
    headers = ["app_id", "Tên hệ thống", "DON VI QUAN LY", "cấp-độ  an_toàn", "Mức độ mật (*)"]
    assert _how(headers) == [
        ("app_id", "exact"),
        ("name", "alias"),
        ("owner_agency", "normalised"),
        ("security_level", "normalised"),
        ("state_secret", "normalised"),
    ]


def test_when_two_columns_match_one_field_the_closer_spelling_wins_then_the_leftmost():
    matches = auto_mapping(["DON VI QUAN LY", "Owner agency", "owner agency"])
    assert [(m.field, m.duplicate_of) for m in matches] == [
        (None, "owner_agency"),
        ("owner_agency", None),
        (None, "owner_agency"),
    ]


def test_every_field_answers_to_its_own_name_and_both_labels():
    for spec in FIELDS:
        for header in (spec.name, spec.label_en, spec.label_vi):
            assert auto_mapping([header])[0].field == spec.name, header


def test_nfd_and_non_breaking_space_headers_match_like_their_nfc_form():
    header = unicodedata.normalize("NFD", "Mã\u00a0hệ  thống")
    assert _how([header]) == [("app_id", "alias")]


def test_fuzzy_matches_are_suggestions_only_and_never_applied():
    match = auto_mapping(["Ma he thongg", "Ten he thong", "Don vi quan ly"])[0]
    assert match.field is None and match.how is None
    assert match.suggestions and match.suggestions[0].field == "app_id"


def test_fuzzy_suggestion_is_reported_as_info_and_the_column_kept_as_extra():
    rows = [[*HEADER, "Kiến trúc ứng dụngg"], ["A1", "x", "y", "microservices"]]
    inventory = load_inventory(csv_text(rows).encode(), filename="f.csv")
    assert inventory.applications["architecture"].isna().all()
    assert inventory.applications["Kiến trúc ứng dụngg"].tolist() == ["microservices"]
    hint = [f for f in inventory.findings if f.code == "column-suggestion"]
    assert len(hint) == 1 and hint[0].severity == "info" and "architecture" in hint[0].message
    assert "not applied" in hint[0].message


def test_explicit_mapping_overrides_the_automatic_match():
    rows = [["Mã", "Tên", "Cơ quan", "Mã cũ"], ["NEW-1", "x", "y", "OLD-1"]]
    data = csv_text(rows).encode()
    assert load_inventory(data, filename="m.csv").applications["app_id"].tolist() == ["NEW-1"]
    remapped = load_inventory(data, filename="m.csv", mapping={"Mã cũ": "app_id", "Mã": None})
    assert remapped.applications["app_id"].tolist() == ["OLD-1"]
    assert remapped.applications["Mã"].tolist() == ["NEW-1"]
    assert remapped.column_mapping["Mã cũ"] == "app_id"


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_explicit_mapping_file_in_yaml_or_json(tmp_path, suffix):
    mapping = {"Hệ thống số": "app_id", "Tên gọi": "Tên hệ thống", "Chủ sở hữu": "owner_agency"}
    path = tmp_path / f"map{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(mapping, ensure_ascii=False), encoding="utf-8")
    else:
        path.write_text("\n".join(f"{k}: {v}" for k, v in mapping.items()), encoding="utf-8")
    rows = [list(mapping), ["S1", "Cổng", "Bộ Y tế"]]
    inventory = load_inventory(csv_text(rows).encode(), filename="x.csv", mapping=path)
    app = inventory.applications.iloc[0]
    assert (app["app_id"], app["name"], app["owner_agency"]) == ("S1", "Cổng", "Bộ Y tế")
    assert all(
        m in ("explicit",) for m in [m.how for m in auto_mapping(list(mapping), explicit=load_mapping(path))]
    )


def test_mapping_to_an_unknown_field_is_an_input_error_naming_the_file(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("Mã: identifier\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.yaml.*'identifier'.*not a cloudfit field"):
        load_mapping(path)


def test_mapping_entry_that_matches_no_header_is_a_warning():
    inventory = load_inventory(
        csv_text([HEADER, ["A", "b", "c"]]).encode(), filename="x.csv", mapping={"Nonexistent": "notes"}
    )
    unused = [f for f in inventory.findings if f.code == "mapping-unused"]
    assert len(unused) == 1 and unused[0].severity == "warning" and "Nonexistent" in unused[0].message


def test_unmapped_columns_are_kept_under_their_header_and_reported_once():
    rows = [
        [*HEADER, "STT ghi sổ", "Người phụ trách"],
        ["A1", "x", "y", "7", "Chị Lan"],
        ["A2", "z", "w", "8", None],
    ]
    inventory = load_inventory(csv_text(rows).encode(), filename="x.csv")
    assert inventory.extra_columns == ("STT ghi sổ", "Người phụ trách")
    assert inventory.applications["Người phụ trách"].tolist() == ["Chị Lan", None]
    columns = list(inventory.applications.columns)
    assert columns[-2:] == ["source_sheet", "source_row"]
    assert columns.index("Người phụ trách") > columns.index("notes")
    infos = [f for f in inventory.findings if f.code == "unmapped-column"]
    assert len(infos) == 1 and "STT ghi sổ" in infos[0].message and "Người phụ trách" in infos[0].message


def test_second_column_for_the_same_field_is_a_warning_and_kept_as_extra():
    rows = [[*HEADER, "Tên ứng dụng"], ["A1", "first", "y", "second"]]
    inventory = load_inventory(csv_text(rows).encode(), filename="x.csv")
    assert inventory.applications["name"].tolist() == ["first"]
    assert inventory.applications["Tên ứng dụng"].tolist() == ["second"]
    dup = [f for f in inventory.findings if f.code == "duplicate-column"]
    assert len(dup) == 1 and dup[0].severity == "warning" and dup[0].column == "Tên ứng dụng"
