"""Filled questionnaires → answers per agency, with a finding for every row that cannot be used.

The file goes through the same guarded reader as inventories (size and zip
limits, no formulas run, no XML bombs). Theme sheets are found by their
header row (the Question ID column), not by their names, so renamed or
translated sheets still read. An answer may be the dropdown text, either
label or the code, in any case. One workbook may hold one agency (named
once on the Instructions sheet) or several (named per row).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from cloudfit.errors import InputError
from cloudfit.finding_codes import make_finding
from cloudfit.findings import Finding
from cloudfit.inventory.raw import RawSheet
from cloudfit.inventory.reader import Source, read_workbook
from cloudfit.readiness.questionnaire import Questionnaire
from cloudfit.readiness.rating import Given, ReadinessResult, rate
from cloudfit.readiness.template import AGENCY_LABEL, COLUMNS

_MAX_HEADER_SCAN = 20


def _norm(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = unicodedata.normalize("NFC", str(value)).strip()
    return " ".join(text.split()).casefold()


def _header_aliases() -> dict[str, str]:
    """Header text (either half of the bilingual header, or the key) → column key."""
    aliases = {}
    for key, text in COLUMNS:
        aliases[key] = key
        for part in [text, *text.split(" / ")]:
            aliases[_norm(part)] = key
    return aliases


_ALIASES = _header_aliases()


@dataclass(frozen=True)
class _Row:
    sheet: str
    row: int
    agency: str
    question: str
    answer: str
    evidence: str
    columns: dict[str, str]


def _answer_lookup(q: Questionnaire) -> dict[str, dict[str, str]]:
    """Per question: every accepted spelling of an answer → its code."""
    lookup: dict[str, dict[str, str]] = {}
    for question_id in q.questions:
        spellings = {}
        for code, answer in q.answers(question_id).items():
            for text in (code, answer.en, answer.vi, f"{answer.en} / {answer.vi}"):
                spellings[_norm(text)] = code
        lookup[question_id] = spellings
    return lookup


def _default_agency(sheets: tuple[RawSheet, ...]) -> str:
    """The agency named beside the 'Agency / Cơ quan' label on a sheet without a question table."""
    label = _norm(AGENCY_LABEL)
    for sheet in sheets:
        if _header(sheet) is not None:
            continue
        cells = sheet.cells
        for i in range(min(len(cells), 40)):
            values = cells.iloc[i].tolist()
            for j, value in enumerate(values[:-1]):
                if _norm(value) == label and _norm(values[j + 1]):
                    return str(values[j + 1]).strip()
    return ""


def _header(sheet: RawSheet) -> tuple[int, dict[str, int]] | None:
    """The header row's position and the position of each known column, if the sheet has a question table."""
    for i in range(min(len(sheet.cells), _MAX_HEADER_SCAN)):
        found = {}
        for j, value in enumerate(sheet.cells.iloc[i].tolist()):
            key = _ALIASES.get(_norm(value))
            if key is not None and key not in found:
                found[key] = j
        if "question_id" in found and "answer" in found:
            return i, found
    return None


def _rows(sheet: RawSheet, default_agency: str) -> Iterator[_Row]:
    located = _header(sheet)
    if located is None:
        return
    at, columns = located
    headers = {key: str(sheet.cells.iat[at, j]) for key, j in columns.items()}
    body = sheet.cells.iloc[at + 1 :]
    for i, values in zip(range(at + 1, at + 1 + len(body)), body.itertuples(index=False, name=None)):

        def cell(key: str, values: tuple = values) -> str:
            j = columns.get(key)
            value = None if j is None else values[j]
            return "" if _norm(value) == "" else unicodedata.normalize("NFC", str(value)).strip()

        question, answer, evidence = cell("question_id"), cell("answer"), cell("evidence")
        if not (question or answer or evidence):
            continue
        yield _Row(sheet.name, sheet.row_number(i), cell("agency") or default_agency, question, answer, evidence,
                   headers)  # fmt: skip


def read_answers(
    q: Questionnaire, source: Source, *, filename: str | None = None
) -> tuple[dict[str, dict[str, Given]], list[Finding], str]:
    """Answers per agency (every question present, unanswered as None), findings, and the source name."""
    raw = read_workbook(source, filename=filename)
    default_agency = _default_agency(raw.sheets)
    lookup = _answer_lookup(q)
    example = next(iter(q.questions))
    answers: dict[str, dict[str, Given]] = {}
    first: dict[tuple[str, str], tuple[str, int]] = {}
    findings: list[Finding] = []
    tables = 0
    for sheet in raw.sheets:
        tables += _header(sheet) is not None
        for row in _rows(sheet, default_agency):
            where = {"sheet": row.sheet, "row": row.row}
            if row.question not in q.questions:
                findings.append(
                    make_finding(
                        "readiness-unknown-question",
                        f"Question ID {row.question!r} is not in questionnaire {q.name}; the row is not used."
                        if row.question
                        else "This row has an answer or evidence but no question ID; it is not used.",
                        column=row.columns["question_id"],
                        value=row.question,
                        questionnaire=q.name,
                        example=example,
                        **where,
                    )
                )
                continue
            if not row.agency:
                if not (row.answer or row.evidence):
                    continue  # a blank template row
                findings.append(
                    make_finding(
                        "readiness-no-agency",
                        f"The answer to {row.question} names no agency and the Instructions sheet names none.",
                        column=row.columns.get("agency"),
                        **where,
                    )
                )
                continue
            key = (row.agency, row.question)
            if key in first:
                sheet_name, row_number = first[key]
                findings.append(
                    make_finding(
                        "readiness-duplicate-answer",
                        f"{row.agency} answers {row.question} again; the first answer is used.",
                        column=row.columns["question_id"],
                        value=row.question,
                        first_row=row_number,
                        first_sheet=sheet_name,
                        **where,
                    )
                )
                continue
            first[key] = (row.sheet, row.row)
            code = lookup[row.question].get(_norm(row.answer)) if row.answer else None
            if row.answer and code is None:
                allowed = [f"{a.en} / {a.vi}" for a in q.answers(row.question).values()]
                findings.append(
                    make_finding(
                        "readiness-invalid-answer",
                        f"{row.answer!r} is not an answer to {row.question}; the question counts as unanswered.",
                        column=row.columns["answer"],
                        value=row.answer,
                        allowed="; ".join(allowed),
                        **where,
                    )
                )
            answers.setdefault(row.agency, {})[row.question] = Given(row.question, code, row.evidence)
    if not tables:
        raise InputError(
            f"{raw.source}: no sheet has a question table (a header row with 'Question ID / Mã câu hỏi' and "
            "'Answer / Trả lời'). Fill in the questionnaire written by `cloudfit readiness-template`."
        )
    for agency, given in answers.items():
        missing = [qid for qid in q.questions if given.get(qid) is None or given[qid].answer is None]
        if missing:
            findings.append(
                make_finding(
                    "readiness-unanswered",
                    f"{agency}: {len(missing)} of {len(q.questions)} questions unanswered "
                    f"({', '.join(missing[:5])}{', …' if len(missing) > 5 else ''}).",
                    value=agency,
                    agency=agency,
                )
            )
    return answers, findings, raw.source


def read_readiness(q: Questionnaire, source: Source, *, filename: str | None = None) -> ReadinessResult:
    """Read filled questionnaires and rate every agency in them."""
    answers, findings, name = read_answers(q, source, filename=filename)
    if not answers:
        raise InputError(
            f"{name}: no agency's answers could be used"
            + (f" ({len(findings)} findings; the first: {findings[0].message})" if findings else "")
            + ". Fill in the Answer column and name the agency."
        )
    return rate(q, answers, tuple(findings), name)
