"""The briefing's content: which figures, in which order, in which words.

Two pages a planner can brief from: the 70% verdict and headline figures,
bands, deployment and strategy mix, the wave plan, the agencies (portfolio)
and the most frequent findings with what to do. Every word comes from the
locale files; numbers and dates follow the language's conventions.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

from cloudfit import formatting as fmt
from cloudfit import i18n
from cloudfit.brief.figures import BriefFigures, brief_figures
from cloudfit.brief.layout import MAX_GANTT_WAVES, BriefPDF
from cloudfit.brief.readiness_section import readiness_section
from cloudfit.finding_codes import CATALOGUE

if TYPE_CHECKING:
    from cloudfit.assessment import Assessment


def finding_text(code: str, part: str, lang: str) -> str:
    """A finding code's title or generic action (`part` = title | todo) in `lang`."""
    text = i18n.MESSAGES[lang].get(f"finding.{code}.{part}")
    if text is not None:
        return text
    spec = CATALOGUE.get(code)
    return code if spec is None else (spec.title if part == "title" else spec.description)


def _headline(f: BriefFigures, lang: str) -> list[tuple[str, str]]:
    t = i18n.t
    rows = [
        (t("brief.applications", lang), fmt.number(f.applications, lang)),
        (t("brief.cloud", lang), f"{fmt.number(f.cloud, lang)} ({fmt.percent(f.share, lang)})"),
        (t("brief.target", lang), fmt.percent(f.target, lang, 0)),
        (t("brief.target_met", lang), fmt.yes_no(f.target_met, lang)),
        (t("brief.person_days", lang), fmt.number(f.person_days, lang)),
        (t("brief.waves", lang), fmt.number(len(f.waves), lang)),
        (t("brief.months", lang), fmt.number(int(f.waves["end_month"].max()) if len(f.waves) else 0, lang)),
        (t("brief.quick_wins", lang), fmt.number(f.quick_wins, lang)),
        (t("brief.low_confidence", lang), fmt.number(f.low_confidence, lang)),
    ]
    if f.agency is None:
        rows.insert(1, (t("brief.rejected", lang), fmt.number(f.rejected, lang)))
    return rows


def _verdict(f: BriefFigures, lang: str) -> str:
    values = {
        "cloud": fmt.number(f.cloud, lang),
        "n": fmt.number(f.applications, lang),
        "share": fmt.percent(f.share, lang),
        "target": fmt.percent(f.target, lang, 0),
        "gap": fmt.number(f.gap, lang),
    }
    if not f.applications:
        return i18n.t("brief.verdict.empty", lang)
    return i18n.t("brief.verdict.met" if f.target_met else "brief.verdict.not_met", lang).format(**values)


def _actions(f: BriefFigures, lang: str) -> list[str]:
    """What to do next, from the figures: fix errors, close the gap, start with quick wins, fill gaps."""
    t = i18n.t
    items = []
    if f.errors:
        items.append(t("brief.todo.errors", lang).format(n=fmt.number(f.errors, lang)))
    if f.applications and not f.target_met:
        items.append(t("brief.todo.gap", lang).format(gap=fmt.number(f.gap, lang)))
    if f.quick_wins:
        items.append(t("brief.todo.quick_wins", lang).format(n=fmt.number(f.quick_wins, lang)))
    red = f.bands["red"] + f.bands["yellow_red"]
    if red:
        items.append(t("brief.todo.red", lang).format(n=fmt.number(red, lang)))
    if f.low_confidence:
        items.append(t("brief.todo.confidence", lang).format(n=fmt.number(f.low_confidence, lang)))
    if len(f.waves):
        items.append(t("brief.todo.pilot", lang))
    return items


def _mix_charts(pdf: BriefPDF, f: BriefFigures, lang: str) -> None:
    total = max(f.applications, 1)

    def texts(values: list[int]) -> list[str]:
        return [f"{fmt.number(v, lang)} ({fmt.percent(v / total, lang)})" for v in values]

    for title_key, counts, label, colours in (
        ("brief.chart.bands", f.bands, i18n.band_label, i18n.BAND_COLOURS),
        ("brief.chart.deployment", f.deployment, i18n.deployment_label, i18n.DEPLOYMENT_COLOURS),
        ("brief.chart.strategy", f.strategy, i18n.strategy_label, None),
    ):
        codes = list(counts)
        pdf.bar_chart(
            i18n.t(title_key, lang),
            [label(code, lang) for code in codes],
            [counts[c] for c in codes],
            texts([counts[c] for c in codes]),
            [colours[c] for c in codes] if colours else None,
        )


def _waves(pdf: BriefPDF, f: BriefFigures, lang: str) -> None:
    t = i18n.t
    pdf.heading(t("brief.section.waves", lang))
    waves = f.waves
    if waves.empty:
        pdf.note(t("brief.no_waves", lang))
        return
    names = [
        i18n.wave_label(w, bool(p), bool(o), lang)
        for w, p, o in zip(waves["wave"].tolist(), waves["pilot"].tolist(), waves["oversize"].tolist())
    ]
    notes = [
        fmt.count(int(n), "brief.apps", lang)
        + " · "
        + fmt.number(float(d), lang)
        + " "
        + t("brief.days", lang)
        for n, d in zip(waves["n_apps"].tolist(), waves["person_days"].tolist())
    ]
    hidden = len(waves) - MAX_GANTT_WAVES
    more = t("brief.more_waves", lang).format(n=fmt.number(hidden, lang)) if hidden > 0 else None
    pdf.wave_chart(
        t("brief.chart.waves", lang),
        names,
        [int(v) for v in waves["start_month"]],
        [int(v) for v in waves["end_month"]],
        notes,
        t("brief.month_axis", lang),
        more,
    )


def _agencies(pdf: BriefPDF, f: BriefFigures, lang: str) -> None:
    t = i18n.t
    if f.agencies.empty:
        return
    pdf.heading(t("brief.section.agencies", lang))
    rows = [
        (
            agency
            if isinstance(agency, str) and agency
            else t("brief.others" if agency is None else "brief.no_agency", lang),
            fmt.number(int(n), lang),
            fmt.percent(cloud / n if n else 0.0, lang, 0),
            fmt.number(int(red), lang),
            fmt.number(float(days), lang),
        )
        for agency, n, cloud, red, days in f.agencies[
            ["agency", "n_apps", "cloud", "red", "person_days"]
        ].itertuples(index=False)
    ]
    header = [t(f"brief.agency.{k}", lang) for k in ("name", "apps", "cloud", "red", "days")]
    pdf.table_block(header, rows, (70, 22, 28, 30, 30), ("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"))


def _budget(pdf: BriefPDF, assessment: Assessment, agency: str | None, lang: str) -> None:
    """Money by fiscal year (expected scenario), and the low and high totals, from `assessment.costs`."""
    t = i18n.t
    costs = assessment.costs
    budget = costs.budget
    if agency is not None:
        budget = budget[budget["agency"].eq(agency)]
    pdf.heading(t("brief.section.budget", lang))
    if budget.empty:
        pdf.note(t("brief.no_budget", lang))
        return
    parts = ["migration_once", "run_current", "run_target"]
    by_year = budget[budget["scenario"].eq("expected")].groupby("year")[parts].sum()
    rows = [
        (str(year), *(fmt.number(float(v), lang) for v in values))
        for year, values in zip(by_year.index.tolist(), by_year.to_numpy().tolist())
    ]
    header = [i18n.column_label("year", lang), *(i18n.column_label(p, lang) for p in parts)]
    pdf.table_block(header, rows, (30, 50, 50, 50), ("LEFT", "RIGHT", "RIGHT", "RIGHT"))
    once = budget.groupby("scenario")["migration_once"].sum()
    scenarios = ", ".join(
        f"{t(f'cost.scenario.{name}', lang)} {fmt.number(float(once.get(name, 0.0)), lang)}"
        for name in costs.model.scenarios
    )
    model = costs.model
    title = model.title_vi if lang == "vi" and model.title_vi else model.title
    pdf.note(t("brief.budget_note", lang).format(scenarios=scenarios, model=title, dated=model.prices_dated))


def _top_findings(pdf: BriefPDF, f: BriefFigures, lang: str) -> None:
    t = i18n.t
    pdf.heading(t("brief.section.findings", lang))
    if f.findings.empty:
        pdf.note(t("brief.no_findings", lang))
        return
    rows = [
        (
            i18n.severity_label(severity, lang).capitalize(),
            finding_text(code, "title", lang),
            fmt.number(int(n), lang),
            finding_text(code, "todo", lang),
        )
        for code, severity, n in f.findings[["code", "severity", "n"]].itertuples(index=False)
    ]
    header = [t(f"brief.finding.{k}", lang) for k in ("severity", "title", "count", "todo")]
    pdf.table_block(header, rows, (20, 50, 16, 94), ("LEFT", "LEFT", "RIGHT", "LEFT"))


def brief_pdf(assessment: Assessment, lang: str = "en", agency: str | None = None) -> bytes:
    """The briefing PDF of the portfolio, or of one agency, in English or Vietnamese."""
    t = i18n.t
    t("brief.title", lang)  # refuses an unknown language before any work
    f = brief_figures(assessment, agency)
    model = assessment.model
    title = t("brief.title", lang)
    scope = (
        t("brief.scope.agency", lang).format(agency=agency) if agency else t("brief.scope.portfolio", lang)
    )
    source = PurePath(assessment.inventory.source).name if assessment.inventory.source else "-"
    as_of = fmt.date(assessment.options.as_of, lang)
    pdf = BriefPDF(title, t("brief.footer", lang), assessment.options.as_of, as_of, lang)
    pdf.add_page()
    pdf.title_block(
        f"{title}: {scope}",
        [
            t("brief.meta", lang).format(source=source, model=f"{model.name} {model.version}", date=as_of),
            t("brief.target_basis", lang),
        ],
    )
    pdf.verdict(_verdict(f, lang), f.target_met)
    pdf.heading(t("brief.section.headline", lang))
    pdf.table_block(
        [t("brief.item", lang), t("brief.value", lang)], _headline(f, lang), (120, 60), ("LEFT", "RIGHT"), 9
    )
    pdf.heading(t("brief.section.mix", lang))
    _mix_charts(pdf, f, lang)
    _waves(pdf, f, lang)
    _agencies(pdf, f, lang)
    _budget(pdf, assessment, agency, lang)
    readiness_section(pdf, assessment, lang, agency)
    _top_findings(pdf, f, lang)
    pdf.heading(t("brief.section.todo", lang))
    pdf.bullets(_actions(f, lang) or [t("brief.todo.none", lang)])
    return bytes(pdf.output())
