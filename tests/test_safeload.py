"""Mapping and model files are bounded by construction: aliases, nesting, size and the text itself."""

from __future__ import annotations

import pytest

from benchmarks.hostile import alias_bomb_yaml, nested_yaml
from cloudfit.errors import InputError
from cloudfit.inventory import load_mapping
from cloudfit.safeload import check_plain


def _mapping(tmp_path, content: bytes | str, name: str = "map.yaml") -> str:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        load_mapping(path)
    return str(caught.value)


def test_alias_bomb_mapping_is_refused_naming_the_file(tmp_path):
    message = _mapping(tmp_path, alias_bomb_yaml())
    assert "map.yaml" in message and "more than 20 aliases" in message


def test_shared_values_expanding_past_the_cap_are_refused_without_walking_them_all():
    value: list = ["lol"] * 10
    for _ in range(8):
        value = [value] * 10  # 10**9 values once expanded, nine lists in memory
    with pytest.raises(InputError, match=r"expand to more than 200,000 values"):
        check_plain({"Mã": value}, source="map.yaml", error=InputError)


@pytest.mark.parametrize("name", ["deep.yaml", "deep.json"])
def test_deeply_nested_mapping_is_refused_not_a_recursion_error(tmp_path, name):
    assert "nested more than 40 levels" in _mapping(tmp_path, nested_yaml(), name)


def test_mapping_larger_than_the_cap_is_refused(tmp_path):
    assert "larger than 1000 kB" in _mapping(tmp_path, "# padding\n" * 200_000)


def test_lone_surrogate_in_a_mapping_key_is_refused(tmp_path):
    message = _mapping(tmp_path, '{"M\\ud800 hệ thống": "app_id"}', "map.json")
    assert "lone surrogate" in message


def test_control_character_in_a_mapping_is_refused(tmp_path):
    message = _mapping(tmp_path, '"Mã\\x07 hệ thống": app_id\n')
    assert "control character U+0007" in message


def test_mapping_value_written_as_a_list_is_refused(tmp_path):
    message = _mapping(tmp_path, "Mã hệ thống: [app_id]\n")
    assert "give one field name as text" in message


def test_a_few_aliases_in_a_mapping_are_fine(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text("Mã: &id app_id\nMã số: *id\n", encoding="utf-8")
    assert load_mapping(path) == {"Mã": "app_id", "Mã số": "app_id"}
