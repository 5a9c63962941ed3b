"""`cloudfit assess INVENTORY`: score, plan, and write the roadmap workbook and the JSON result.

Every way the input can be unusable (a missing file, a bad model, options
out of range, an output folder that does not exist) ends as a
`CloudfitError`, which `cloudfit.cli.main` prints as one line with exit
code 2. Outputs are checked before the work starts, so a typo in `--out`
does not cost a full assessment.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from cloudfit import i18n
from cloudfit.errors import CloudfitError, OptionsError

if TYPE_CHECKING:
    from cloudfit.assessment import Assessment
    from cloudfit.options import PlanOptions

PLAN_ARGUMENTS = (
    "wave_max_apps",
    "wave_max_days",
    "team_days_per_month",
    "pilot_size",
    "workstreams",
    "agency_days_per_month",
    "national_apps_per_month",
)
MONTH_ARGUMENTS = ("start", "deadline")


def plan_options(args: argparse.Namespace) -> PlanOptions:
    """Planner options: the defaults, with what the command line gave."""
    from cloudfit.options import PlanOptions

    given = {name: getattr(args, name) for name in PLAN_ARGUMENTS if getattr(args, name, None) is not None}
    for name in MONTH_ARGUMENTS:
        text = getattr(args, name, None)
        if text:
            given[name] = month_date(text, f"--{name}")
    return PlanOptions(**given)


def month_date(text: str, option: str) -> dt.date:
    """A month written YYYY-MM as its first day."""
    try:
        return dt.date.fromisoformat(f"{text.strip()}-01")
    except ValueError:
        raise OptionsError(
            f"{option} must be a month written YYYY-MM (e.g. 2027-01), not {text!r}."
        ) from None


def as_of_date(text: str | None) -> dt.date:
    """The reference date of date criteria: --as-of, or today."""
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise OptionsError(
            f"--as-of must be a date written YYYY-MM-DD (e.g. 2025-09-01), not {text!r}."
        ) from None


def _checked_output(path: str | None, suffix: str, option: str) -> Path | None:
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != suffix:
        raise CloudfitError(f"{option} {path}: the file name must end in {suffix}.")
    if not target.parent.is_dir():
        raise CloudfitError(f"{option} {path}: the folder {target.parent} does not exist. Create it first.")
    if target.is_dir():
        raise CloudfitError(f"{option} {path}: this is a folder; give a file name ending in {suffix}.")
    return target


class _Progress:
    """Steps on stderr with tqdm; silent when stderr is not a terminal (pipes, CI, tests)."""

    def __init__(self, total: int, lang: str) -> None:
        from tqdm import tqdm

        self.lang = lang
        self.bar = tqdm(
            total=total,
            desc=i18n.t("cli.progress", lang),
            unit="step",
            file=sys.stderr,
            disable=not sys.stderr.isatty(),
            leave=False,
        )

    def step(self, key: str) -> None:
        self.bar.set_postfix_str(i18n.t(f"cli.step.{key}", self.lang), refresh=True)

    def done(self, _: str = "") -> None:
        self.bar.update(1)


@contextmanager
def _progress(total: int, lang: str) -> Iterator[_Progress]:
    progress = _Progress(total, lang)
    try:
        yield progress
    finally:
        progress.bar.close()


def run_assess(args: argparse.Namespace) -> int:
    """Assess the inventory; write the workbook and/or JSON, or print a summary."""
    from cloudfit.assessment import assess
    from cloudfit.export import write_json
    from cloudfit.inventory import load_inventory
    from cloudfit.options import AssessOptions
    from cloudfit.roadmap import SHEETS, write_roadmap
    from cloudfit.scoring_model import load_model

    lang = args.lang
    out = _checked_output(args.out, ".xlsx", "--out")
    json_out = _checked_output(args.json_out, ".json", "--json")
    options = AssessOptions(as_of=as_of_date(args.as_of), plan=plan_options(args))
    total = 3 + (len(SHEETS) if out else 0) + (1 if json_out else 0)
    with _progress(total, lang) as progress:
        progress.step("read")
        inventory = load_inventory(args.inventory, mapping=args.mapping)
        progress.done()
        progress.step("model")
        model = load_model(args.model)
        progress.done()
        progress.step("assess")
        assessment = assess(inventory, model, options)
        progress.done()
        if out:
            progress.step("workbook")
            write_roadmap(assessment, out, lang, on_sheet=progress.done)
        if json_out:
            progress.step("json")
            write_json(assessment, json_out)
            progress.done()
    written = [path for path in (out, json_out) if path]
    if written:
        for path in written:
            print(f"{i18n.t('cli.written', lang)}: {path}")
    else:
        print(summary_text(assessment, lang))
    return 0


def _counts_line(counts: dict[str, int], label, lang: str) -> str:
    return ", ".join(f"{label(code, lang)} {n}" for code, n in counts.items() if n)


def summary_text(assessment: Assessment, lang: str = "en") -> str:
    """The short report printed when no output file is asked for."""
    from cloudfit.export import summary

    figures = summary(assessment)
    t = i18n.t
    share = figures["cloud_eligible_share"]
    verdict = t("cli.met" if figures["cloud_target_met"] else "cli.not_met", lang)
    target = t("cli.target", lang).format(target=f"{figures['cloud_target']:.0%}")
    lines = [
        f"{t('cli.inventory', lang)}: {assessment.inventory.source or '-'}",
        f"{t('cli.applications', lang)}: {figures['applications']}"
        + (f" ({figures['rejected']} {t('cli.rejected', lang)})" if figures["rejected"] else ""),
        f"{t('cli.bands', lang)}: {_counts_line(figures['bands'], i18n.band_label, lang) or '-'}",
        f"{t('cli.deployment', lang)}: {_counts_line(figures['deployment'], i18n.deployment_label, lang) or '-'}",
        f"{t('cli.strategy', lang)}: {_counts_line(figures['strategy'], i18n.strategy_label, lang) or '-'}",
        f"{t('cli.cloud', lang)}: {figures['cloud_eligible']}/{figures['applications']} ({share:.1%}), "
        f"{target}: {verdict}",
        f"{t('cli.waves', lang)}: "
        + t("cli.waves_line", lang).format(n=figures["waves"], months=figures["months"]),
        *deadline_lines(assessment, figures, lang),
    ]
    waves = assessment.plan.waves
    for wave in waves.sort_values("wave", kind="stable").to_dict("records"):
        name = i18n.wave_label(wave["wave"], bool(wave["pilot"]), bool(wave["oversize"]), lang)
        start, end = str(wave["start_date"])[:7], str(wave["end_date"])[:7]
        lines.append(
            "  "
            + t("cli.wave_line", lang).format(
                wave=f"{name} · {wave['workstream']}",
                months=f"{start} – {end}" if end > start else start,
                apps=int(wave["n_apps"]),
                days=f"{float(wave['person_days']):,.0f}",
            )
        )
    lines.append(f"{t('cli.findings', lang)}: " + t("cli.findings_line", lang).format(**figures["findings"]))
    return "\n".join(lines)


def deadline_lines(assessment: Assessment, figures: dict, lang: str) -> list[str]:
    """The plan's dates and the deadline verdict, with the capacity the deadline needs."""
    t = i18n.t
    deadline = figures.get("deadline")
    if not deadline:
        return []
    verdict = t("cli.met" if deadline["met"] else "cli.not_met", lang)
    needed = deadline["capacity_needed_per_workstream"]
    lines = [
        f"{t('cli.plan_dates', lang)}: {figures.get('start_date') or '-'} – {figures.get('end_date') or '-'}",
        f"{t('cli.deadline', lang)}: "
        + t("cli.deadline_line", lang).format(
            date=deadline["date"],
            share=f"{deadline['share_migrated_by_deadline']:.1%}",
            target=f"{deadline['target_share']:.0%}",
            verdict=verdict,
        ),
        f"{t('cli.capacity_needed', lang)}: "
        + (
            t("cli.capacity_line", lang).format(
                needed=f"{needed:,.0f}", current=f"{assessment.options.plan.agency_days_per_month:,.0f}"
            )
            if needed is not None
            else t("cli.capacity_none", lang)
        ),
    ]
    return lines
