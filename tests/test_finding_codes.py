"""One catalogue of finding codes: every code used is catalogued, kebab-case and documented."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from cloudfit.finding_codes import CATALOGUE, catalogue_markdown, make_finding
from cloudfit.findings import SEVERITIES

ROOT = Path(__file__).resolve().parent.parent
KEBAB = re.compile(r"^[a-z]+(-[a-z]+)+$")
# Not scanned: findings made up as data that only passes through (the exporter's own tests),
# and this file, which walks the catalogue itself.
SKIPPED = {ROOT / "tests" / "test_export.py", Path(__file__).resolve()}
# Functions that take a code as an argument (at this position) and hand it on to make_finding.
CODE_ARGUMENT = {"make_finding": 0, "_capped": 3, "_findings": 1, "conflicts": 1}


def _trees(folder: str):
    for path in sorted((ROOT / folder).rglob("*.py")):
        if path not in SKIPPED:
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def _literals(node: ast.AST) -> list[str]:
    """String constants an expression can evaluate to (a literal, `a if c else b`, a tuple or list)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [text for element in node.elts for text in _literals(element)]
    return []


def _code_uses(tree: ast.AST) -> list[tuple[int, list[str]]]:
    """(line, codes) for calls that take a code and `x.code == ...` / `x.code in ...` comparisons.

    A call that passes the code on as a variable is allowed only inside a
    function that itself takes the code (where its callers are checked).
    """
    forwarding = {
        id(call)
        for fn in ast.walk(tree)
        if isinstance(fn, ast.FunctionDef) and fn.name in CODE_ARGUMENT
        for call in ast.walk(fn)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in CODE_ARGUMENT:
            position = CODE_ARGUMENT[node.func.id]
            if len(node.args) > position:
                codes = _literals(node.args[position])
                if codes or id(node) not in forwarding:
                    found.append((node.lineno, codes or ["<not a literal>"]))
        elif (
            isinstance(node, ast.Compare)
            and isinstance(node.left, ast.Attribute)
            and node.left.attr == "code"
        ):
            found.append((node.lineno, [t for c in node.comparators for t in _literals(c)]))
    return found


def test_every_code_made_or_compared_anywhere_is_in_the_catalogue():
    unknown = [
        f"{path.relative_to(ROOT)}:{line}: {code}"
        for folder in ("cloudfit", "tests")
        for path, tree in _trees(folder)
        for line, codes in _code_uses(tree)
        for code in codes
        if code not in CATALOGUE
    ]
    assert unknown == []


def test_findings_are_only_constructed_by_make_finding():
    direct = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path, tree in _trees("cloudfit")
        if path.name not in ("finding_codes.py", "findings.py")
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Finding"
    ]
    assert direct == []


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_catalogue_entry_is_kebab_case_and_complete(name):
    code = CATALOGUE[name]
    assert KEBAB.match(name) and code.name == name
    assert code.severity in SEVERITIES
    assert code.title and code.description.endswith(".") and code.action.endswith(".")
    fields = {f for _, f, _, _ in string.Formatter().parse(code.action) if f}
    finding = make_finding(name, "m", value="X", **dict.fromkeys(fields - {"value"}, "<filled>"))
    assert "{" not in finding.action and finding.severity == code.severity


def test_docs_findings_page_is_generated_from_the_catalogue():
    doc = (ROOT / "docs" / "findings.md").read_text(encoding="utf-8")
    assert doc == catalogue_markdown(), (
        "docs/findings.md is stale: python -m cloudfit.finding_codes > docs/findings.md"
    )
    for name in CATALOGUE:
        assert f"`{name}`" in doc
