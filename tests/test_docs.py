"""Docs stay in step with the code: an undocumented field or model fails here."""

from __future__ import annotations

from pathlib import Path

import pytest

from cloudfit.fields import FIELDS

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("spec", FIELDS, ids=lambda f: f.name)
def test_every_inventory_field_and_its_codes_are_documented(spec):
    doc = (ROOT / "docs" / "inventory-fields.md").read_text(encoding="utf-8")
    assert f"`{spec.name}`" in doc
    assert spec.label_vi in doc
    for code in spec.allowed:
        assert f"`{code}`" in doc, f"{spec.name}: allowed value {code!r} is not documented"


def test_readme_shows_the_two_commands_first():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme[:400]
    assert "make run" in head and "make test" in head


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [
        line for line in ci.splitlines() if line.strip() and not line.startswith(("#", "set ", "cd "))
    ]
    assert commands == ["make test"]


def test_every_bundled_model_is_described_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in sorted((ROOT / "scoring_models").glob("*.yaml")):
        assert f"`{path.name}`" in readme, f"{path.name} is not described in README.md"


def test_every_vietnamese_sibling_of_the_model_schema_is_documented():
    from cloudfit.scoring_model import schema

    doc = (ROOT / "docs" / "model-files.md").read_text(encoding="utf-8")
    parts = [cls for cls in vars(schema).values() if isinstance(cls, type) and issubclass(cls, schema._Part)]
    siblings = {name for cls in parts for name in cls.model_fields if name.endswith("_vi")}
    assert len(siblings) >= 8
    assert sorted(name for name in siblings if f"`{name}`" not in doc) == []
