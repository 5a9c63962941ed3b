"""Every error and finding sentence has a Vietnamese form, with its own values, and reads as Vietnamese."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
import yaml
from english import english_sentences

from cloudfit.errors import CloudfitError, InputError, ModelError
from cloudfit.finding_codes import CATALOGUE, make_finding
from cloudfit.findings import findings_frame
from cloudfit.message_text import catalogue, finding_action, finding_message, shape
from cloudfit.plan_text import findings_in
from cloudfit.scoring_model import MODELS_DIR, load_model

PACKAGE = Path(__file__).resolve().parents[1] / "cloudfit"
ERRORS = {"CloudfitError", "InputError", "ModelError", "OptionsError", "WorkspaceError", "DatabaseUnavailable",
          "ConflictError", "AccessDenied", "DecisionError", "error"}  # fmt: skip
PROSE_ONLY = {
    "readiness-gate"
}  # its action is a sentence made elsewhere ("{remedy}."): the code's todo is shown


def _template(node: ast.expr) -> str | None:
    """The English template of a message written in the code; None when it is not a literal (a variable)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.replace("{", "{{").replace("}", "}}")
    if isinstance(node, ast.JoinedStr):
        return "".join(
            v.value.replace("{", "{{").replace("}", "}}") if isinstance(v, ast.Constant) else "{}"
            for v in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _template(node.left), _template(node.right)
        return None if left is None or right is None else left + right
    return None


def _sites() -> list[tuple[str, str | None, str]]:
    """(where, finding code or None for an error, template) of every message raised or made in cloudfit/."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
            if name in ERRORS and (name != "error" or isinstance(node.func, ast.Name)):  # not st.error
                if len(node.args) >= 2 or any(k.arg == "vi" for k in node.keywords):
                    continue  # the raiser gives the Vietnamese itself
                template = _template(node.args[0])
                if template is not None:
                    found.append((where, None, shape(template)))
            elif name == "make_finding" and len(node.args) >= 2 and isinstance(node.args[0], ast.Constant):
                template = _template(node.args[1])
                if template is not None:
                    found.append((where, node.args[0].value, shape(template)))
    return found


MODEL_FILES = ("scoring_model/checks.py", "scoring_model/schema.py", "scoring_model/programme.py",
               "scoring_model/legal.py", "cost/model.py", "readiness/questionnaire.py")  # fmt: skip


def _model_problems() -> list[tuple[str, str]]:
    """(where, template) of every problem a model file can have: a check's (key, problem) pair, a schema's ValueError.

    They reach the reader as lines of one error ("  - fitness.criteria[0]: problem").
    """
    found = []
    for name in MODEL_FILES:
        path = PACKAGE / name
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            message = None
            if isinstance(node, ast.Tuple) and len(node.elts) == 2:
                message = node.elts[1]
            elif isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
                message = node.exc.args[0] if getattr(node.exc.func, "id", None) == "ValueError" else None
            template = None if message is None else _template(message)
            if template is not None and " " in template:  # a sentence, not a pair of type names
                found.append((f"{name}:{node.lineno}", shape(template)))
    return found


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _words(template: str) -> str:
    return re.sub(r"\{\w*\}", " ", template)


def test_the_scan_sees_the_messages_of_the_whole_package():
    sites = _sites()
    assert len([s for s in sites if s[1] is None]) > 120 and len([s for s in sites if s[1]]) > 50


def test_every_error_and_finding_sentence_in_the_code_has_a_vietnamese_form():
    errors = {shape(key) for key in catalogue()["errors"]}
    findings = {code: {shape(key) for key in table} for code, table in catalogue()["findings"].items()}
    missing = [
        (where, template)
        for where, code, template in _sites()
        if (template not in errors if code is None else template not in findings.get(code, set()))
    ]
    assert missing == []


def test_every_problem_a_model_file_can_have_has_a_vietnamese_form():
    problems = _model_problems()
    errors = {shape(key) for key in catalogue()["errors"]}
    assert len(problems) > 40
    assert [(where, template) for where, template in problems if template not in errors] == []


def test_every_action_with_values_has_a_vietnamese_template():
    with_values = {code for code, spec in CATALOGUE.items() if _placeholders(spec.action)} - PROSE_ONLY
    assert sorted(with_values - set(catalogue()["actions"])) == []
    assert sorted(set(catalogue()["actions"]) - set(CATALOGUE)) == []  # no action of a code that is gone


def test_no_finding_template_is_stale():
    made = {(code, template) for _, code, template in _sites() if code}
    stale = [(code, key) for code, table in catalogue()["findings"].items() for key in table
             if (code, shape(key)) not in made]  # fmt: skip
    assert stale == []


def test_vietnamese_forms_use_only_their_englishs_values_and_read_as_vietnamese():
    pairs = list(catalogue()["errors"].items())
    pairs += [pair for table in catalogue()["findings"].values() for pair in table.items()]
    pairs += [(CATALOGUE[code].action, vi) for code, vi in catalogue()["actions"].items()]
    assert [en for en, vi in pairs if not _placeholders(vi) <= _placeholders(en)] == []
    assert english_sentences(_words(vi) for _, vi in pairs) == []
    assert english_sentences(catalogue()["terms"].values()) == []


def test_an_error_reads_in_vietnamese_with_its_own_values():
    error = InputError("zones.yaml: 'ids' must be one of row, column, not 'cell'.")
    assert error.text("vi") == "zones.yaml: 'ids' phải là một trong row, column, không phải 'cell'."
    assert error.text("en") == str(error)
    given = InputError("English.", "Tiếng Việt của người gọi.")
    assert given.text("vi") == "Tiếng Việt của người gọi."  # the raiser's own form comes first
    assert (
        CloudfitError("A message nobody wrote a template for.").text("vi")
        == "A message nobody wrote a template for."
    )


def test_a_model_file_error_reads_in_vietnamese_line_by_line(tmp_path):
    data = yaml.safe_load((MODELS_DIR / "default.yaml").read_text(encoding="utf-8"))
    data["fitness"]["criteria"][0]["wieght"] = 3
    data["fitness"]["criteria"][1]["weight"] = "heavy"
    path = tmp_path / "own.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ModelError) as raised:
        load_model(path)
    vietnamese = raised.value.text("vi")
    assert vietnamese.startswith(f"Mô hình chấm điểm {path} không hợp lệ:\n")
    assert (
        "  - fitness.criteria[0]: khóa không hợp lệ 'wieght'; các khóa được phép ở đây: id, field"
        in vietnamese
    )
    assert "  - fitness.criteria[1].weight: phải là một số (giá trị đang ghi: 'heavy')" in vietnamese
    assert english_sentences([vietnamese]) == []


def test_a_finding_reads_in_vietnamese_with_its_row_and_values():
    finding = make_finding(
        "duplicate-app-id",
        "Application ID 'HT-01' at row 9 repeats row 4; this row was not assessed.",
        row=9,
        value="HT-01",
        first_row=4,
    )
    frame = findings_in(findings_frame([finding]), "vi")
    assert (
        frame.loc[0, "message"]
        == "Mã ứng dụng 'HT-01' ở dòng 9 trùng với dòng 4; dòng này không được đánh giá."
    )
    assert frame.loc[0, "action"] == (
        "Ghi mã riêng cho ứng dụng này, hoặc xóa dòng nếu dòng này lặp lại dòng 4 (dòng đầu tiên đó được giữ)."
    )
    assert findings_in(findings_frame([finding]), "en").loc[0, "message"] == finding.message


def test_a_field_label_inside_a_finding_becomes_its_vietnamese_label():
    finding = make_finding("missing-required", "Required value missing.", row=3, label="Security level (1-5)")
    assert (
        finding_action("missing-required", finding.action, "vi")
        == "Điền 'Cấp độ an toàn (1-5)' cho ứng dụng này."
    )


def test_an_unknown_finding_sentence_falls_back_to_the_codes_title_and_todo():
    finding = make_finding("duplicate-app-id", "A sentence from an older cloudfit.", first_row=2)
    assert finding_message("duplicate-app-id", finding.message, "vi") is None
    frame = findings_in(findings_frame([finding]), "vi")
    assert frame.loc[0, "message"] == "Mã ứng dụng bị trùng"
    assert findings_in(findings_frame([]), "vi").empty


def test_cell_findings_read_in_vietnamese_with_the_fields_vietnamese_label_and_bounds(tmp_path):
    """The sentences the reader assembles from parts (`composed`): checked by their effect."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent / "inventory"))
    from inventory_files import HEADER, write_xlsx

    from cloudfit.inventory import load_inventory

    rows = [[*HEADER, "criticality", "security_level", "users"], ["A1", "x", "y", "??", "7", "abc"]]
    found = findings_in(
        findings_frame(load_inventory(write_xlsx(tmp_path / "i.xlsx", {"Applications": rows})).findings), "vi"
    )
    by_code = dict(zip(found["code"], zip(found["message"], found["action"])))
    assert by_code["out-of-range"] == (
        "Dòng 2: 7 nằm ngoài phạm vi của trường Cấp độ an toàn (1-5) (security_level) (từ 1 đến 5); "
        "được đọc là để trống.",
        "Dùng giá trị từ 1 đến 5.",
    )
    assert by_code["invalid-value"][0].startswith(
        "Dòng 2: 'abc' không phải là giá trị hợp lệ của trường Số người dùng"
    )
    assert english_sentences([text for pair in by_code.values() for text in pair]) == []
