"""`cloudfit readiness FILE` and `cloudfit readiness-template OUT`: agency questionnaires.

`readiness` reads filled questionnaires (one agency or several per
workbook), rates every agency and writes the JSON and/or the workbook, or
prints one line per agency; `readiness-template` writes the blank
questionnaire. `assess --readiness FILE` uses `load_readiness` to gate the plan.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cloudfit import i18n
from cloudfit.commands.assess import _checked_output
from cloudfit.message_text import finding_message
from cloudfit.outputs import write_output
from cloudfit.readiness import ReadinessResult, load_questionnaire, readiness_json
from cloudfit.readiness.reader import read_readiness


def load_readiness(path: str, questionnaire: str = "default") -> ReadinessResult:
    """The rated questionnaires of `path` under the named (or given) questionnaire file."""
    return read_readiness(load_questionnaire(questionnaire), path)


def _write(path: Path, data: bytes) -> None:
    write_output(data, path, "file")


def summary_lines(result: ReadinessResult, lang: str = "en") -> list[str]:
    """One line per agency: every theme's colour and score, then the number of actions."""
    q = result.questionnaire
    lines = [f"{i18n.t('readiness.cli.agencies', lang)}: {len(result.agencies)}"]
    for agency in result.agencies:
        themes = ", ".join(
            f"{q.themes_by_id[t.theme].label(lang)} {i18n.band_label(t.rating, lang)} {t.score:g}"
            for t in agency.themes
        )
        lines.append(
            f"  {agency.agency}: {themes}; {len(agency.actions)} {i18n.t('readiness.cli.actions', lang)}"
        )
    if result.findings:
        lines.append(f"{i18n.t('readiness.cli.findings', lang)}: {len(result.findings)}")
        lines += [
            f"  [{i18n.severity_label(f.severity, lang)}] {f.sheet or '-'}:{f.row or '-'} "
            f"{finding_message(f.code, f.message, lang) or i18n.t(f'finding.{f.code}.title', lang)}"
            for f in result.findings
        ]
    return lines


def run_readiness(args: argparse.Namespace) -> int:
    lang = args.lang
    json_out = _checked_output(args.json_out, ".json", "--json")
    out = _checked_output(args.out, ".xlsx", "--out")
    result = load_readiness(args.file, args.questionnaire)
    if json_out:
        text = json.dumps(readiness_json(result, lang), ensure_ascii=False, indent=2)
        _write(json_out, (text + "\n").encode("utf-8"))
    if out:
        from cloudfit.roadmap.readiness_sheet import readiness_bytes

        _write(out, readiness_bytes(result, lang))
    written = [path for path in (out, json_out) if path]
    for path in written:
        print(f"{i18n.t('cli.written', lang)}: {path}")
    if not written:
        print("\n".join(summary_lines(result, lang)))
    return 0


def run_readiness_template(args: argparse.Namespace) -> int:
    from cloudfit.readiness.template import write_questionnaire

    target = _checked_output(args.out, ".xlsx", "OUT")
    write_questionnaire(load_questionnaire(args.questionnaire), target)
    print(f"Questionnaire written to {target}")
    return 0
