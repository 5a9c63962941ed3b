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
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from cloudfit import formatting as fmt
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

        # No monitor thread: a single-threaded process may fork (cloudfit.background).
        tqdm.monitor_interval = 0
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
    """Assess the inventory, write the files asked for and print the summary."""
    from cloudfit.assessment import assess
    from cloudfit.cli import inventory_source
    from cloudfit.cost import load_cost_model
    from cloudfit.export import write_json
    from cloudfit.options import AssessOptions
    from cloudfit.roadmap import SHEETS, write_roadmap
    from cloudfit.sandbox import load_inventory_bounded
    from cloudfit.scoring_model import load_model

    lang = args.lang
    out = _checked_output(args.out, ".xlsx", "--out")
    json_out = _checked_output(args.json_out, ".json", "--json")
    konveyor_out = _checked_output(getattr(args, "konveyor_out", None), ".csv", "--konveyor-out")
    cmf_out = _checked_output(getattr(args, "cmf_out", None), ".csv", "--cmf-out")
    pdf_out = _checked_output(getattr(args, "pdf", None), ".pdf", "--pdf")
    agency = getattr(args, "agency", None)
    if agency and not pdf_out:
        raise OptionsError("--agency chooses whose briefing PDF to write; give --pdf FILE too.")
    options = AssessOptions(as_of=as_of_date(args.as_of), plan=plan_options(args))
    total = 3 + (len(SHEETS) if out else 0) + (1 if json_out else 0) + (1 if pdf_out else 0)
    with _progress(total, lang) as progress:
        progress.step("read")
        source, name = inventory_source(args.inventory)
        inventory = load_inventory_bounded(
            source,
            filename=name,
            mapping=args.mapping,
            format=getattr(args, "format", "auto"),
            as_of=options.as_of,
        )
        progress.done()
        progress.step("model")
        model = load_model(args.model)
        cost_model = load_cost_model(getattr(args, "cost_model", None) or "default")
        progress.done()
        readiness = None
        if getattr(args, "readiness", None):
            from cloudfit.commands.readiness import load_readiness

            readiness = load_readiness(args.readiness)
        progress.step("assess")
        assessment = assess(inventory, model, options, readiness=readiness, cost_model=cost_model)
        progress.done()
        if out:
            progress.step("workbook")
            write_roadmap(assessment, out, lang, on_sheet=progress.done)
        if json_out:
            progress.step("json")
            write_json(assessment, json_out)
            progress.done()
        if pdf_out:
            from cloudfit.brief import write_brief

            progress.step("pdf")
            write_brief(assessment, pdf_out, lang, agency)
            progress.done()
    exports = _write_exports(assessment, konveyor_out, cmf_out)
    print(summary_text(assessment, lang))
    for path in (out, json_out, pdf_out, *exports):
        if path:
            print(f"{i18n.t('cli.written', lang)}: {path}")
    return 0


def _write_exports(assessment: Assessment, konveyor_out: Path | None, cmf_out: Path | None) -> list[Path]:
    """The results in the formats of the tools that execute migrations (cloudfit.formats.writers)."""
    from cloudfit.formats.writers import cmf_csv, konveyor_csv, write_export

    if konveyor_out:
        write_export(konveyor_csv(assessment), konveyor_out, "Konveyor import")
    if cmf_out:
        write_export(cmf_csv(assessment), cmf_out, "Cloud Migration Factory intake")
    return [path for path in (konveyor_out, cmf_out) if path]


def _counts_line(counts: dict[str, int], label, lang: str) -> str:
    return ", ".join(f"{label(code, lang)} {fmt.number(n, lang)}" for code, n in counts.items() if n)


def summary_text(assessment: Assessment, lang: str = "en") -> str:
    """The short report printed when no output file is asked for."""
    from cloudfit.export import summary

    figures = summary(assessment)
    t = i18n.t
    share = figures["cloud_eligible"] / figures["applications"] if figures["applications"] else 0.0
    verdict = t("cli.met" if figures["cloud_target_met"] else "cli.not_met", lang)
    target = t("cli.target", lang).format(target=fmt.percent(figures["cloud_target"], lang, 0))
    n = figures["applications"]
    findings = figures["findings"]
    lines = [
        f"{t('cli.inventory', lang)}: {PurePath(assessment.inventory.source).name or '-'}",
        f"{t('cli.applications', lang)}: {fmt.number(n, lang)}"
        + (f" ({fmt.count(figures['rejected'], 'cli.rejected_rows', lang)})" if figures["rejected"] else ""),
        f"{t('cli.bands', lang)}: {_counts_line(figures['bands'], i18n.band_label, lang) or '-'}",
        f"{t('cli.deployment', lang)}: {_counts_line(figures['deployment'], i18n.deployment_label, lang) or '-'}",
        f"{t('cli.strategy', lang)}: {_counts_line(figures['strategy'], i18n.strategy_label, lang) or '-'}",
        f"{t('cli.cloud', lang)}: {fmt.number(figures['cloud_eligible'], lang)}/{fmt.number(n, lang)} "
        f"({fmt.percent(share, lang)}), {target}: {verdict}",
        f"{t('cli.waves', lang)}: "
        + fmt.count(figures["waves"], "cli.n_waves", lang)
        + ", "
        + fmt.count(figures["months"], "cli.n_months", lang),
        *deadline_lines(assessment, figures, lang),
    ]
    waves = assessment.plan.waves
    for wave in waves.sort_values("wave", kind="stable").to_dict("records"):
        name = i18n.wave_label(wave["wave"], bool(wave["pilot"]), bool(wave["oversize"]), lang)
        start, end = str(wave["start_date"])[:7], str(wave["end_date"])[:7]
        name = f"{name} · {wave['workstream']}"
        months = f"{start} – {end}" if end > start else start
        apps = fmt.count(int(wave["n_apps"]), "cli.n_apps", lang)
        days = fmt.count(round(float(wave["person_days"])), "cli.n_days", lang)
        lines.append(f"  {name}: {months}, {apps}, {days}")
    totals = assessment.costs.totals
    lines.append(
        f"{t('cli.cost', lang)}: "
        + t("cli.cost_line", lang).format(
            once=fmt.number(totals["migration_once"], lang),
            current=fmt.number(totals["current_annual"], lang),
            target=fmt.number(totals["target_annual"], lang),
        )
    )
    lines += _collect_lines(assessment, lang)
    lines.append(
        f"{t('cli.findings', lang)}: "
        + ", ".join(fmt.count(findings[s], f"cli.n_{s}", lang) for s in ("error", "warning", "info"))
    )
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
            share=fmt.percent(deadline["share_migrated_by_deadline"], lang),
            target=fmt.percent(deadline["target_share"], lang, 0),
            verdict=verdict,
        ),
        f"{t('cli.capacity_needed', lang)}: "
        + (
            t("cli.capacity_line", lang).format(
                needed=fmt.number(needed, lang),
                current=fmt.number(assessment.options.plan.agency_days_per_month, lang),
            )
            if needed is not None
            else t("cli.capacity_none", lang)
        ),
    ]
    return lines


def _collect_lines(assessment: Assessment, lang: str) -> list[str]:
    """The few missing fields that could most change the results (cloudfit.collect)."""
    fields = assessment.collect.fields
    useful = fields[fields["could_change"] > 0].head(5)
    if useful.empty:
        return []
    lines = [f"{i18n.t('cli.collect', lang)}:"]
    for record in useful.to_dict("records"):
        lines.append(
            "  "
            + i18n.t("cli.collect_line", lang).format(
                field=i18n.field_label(record["field"], lang),
                missing=record["missing"],
                deployment=record["deployment"],
                strategy=record["strategy"],
            )
        )
    return lines
