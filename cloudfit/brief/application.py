"""A one-page brief of one application: its scores, the decisions with their rules and legal basis,
the criteria that weighed most, what was missing, its links and its wave. For a reviewer's file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from cloudfit import formatting as fmt
from cloudfit import i18n
from cloudfit.brief.layout import BriefPDF
from cloudfit.condition_text import condition_plain
from cloudfit.errors import OptionsError
from cloudfit.model_text import translated
from cloudfit.scoring_model.schema import Condition

if TYPE_CHECKING:
    from cloudfit.assessment import Assessment

TOP_CRITERIA = 8


def _when(when: object, lang: str) -> str:
    return condition_plain(Condition.model_validate(when) if isinstance(when, dict) else when, lang)


def application_pdf(assessment: Assessment, app_id: str, lang: str = "en") -> bytes:
    """The one-page brief of `app_id` in English or Vietnamese."""
    t = i18n.t
    results = assessment.results
    where = np.flatnonzero(results["app_id"].astype(str).to_numpy() == app_id)
    if not len(where):
        raise OptionsError(f"No application {app_id!r} in this assessment.")
    row = results.iloc[int(where[0])]
    why = assessment.explanation(app_id)
    title = t("brief.app.title", lang)
    as_of = fmt.date(assessment.options.as_of, lang)
    pdf = BriefPDF(title, t("brief.footer", lang), assessment.options.as_of, as_of, lang)
    pdf.add_page()
    model = assessment.model
    pdf.title_block(
        f"{row['name'] or app_id}",
        [
            f"{app_id} · {row['owner_agency'] or '-'}",
            t("brief.app.meta", lang).format(model=f"{model.name} {model.version}", date=as_of),
        ],
    )
    wave = row["wave"]
    planned = (
        t("brief.app.wave", lang).format(wave=i18n.wave_label(int(wave), lang=lang))
        if row["plan_status"] == "planned" and wave == wave and wave is not None
        else i18n.plan_status_label(row["plan_status"], lang)
    )
    scores = [
        (i18n.column_label("fitness", lang),
         f"{fmt.number(float(row['fitness']), lang, 1)} ({i18n.band_label(row['band'], lang)})"),
        (i18n.column_label("effort_size", lang),
         f"{i18n.effort_label(row['effort_size'], lang)} · {fmt.number(float(row['person_days']), lang)} "
         f"{t('brief.days', lang)}"),
        (i18n.column_label("deployment", lang), i18n.deployment_label(row["deployment"], lang)),
        (i18n.column_label("strategy", lang), i18n.strategy_label(row["strategy"], lang)),
        (i18n.column_label("priority", lang), fmt.number(float(row["priority"]), lang, 1)),
        (i18n.column_label("quick_win", lang), fmt.yes_no(bool(row["quick_win"]), lang)),
        (i18n.column_label("confidence", lang), fmt.percent(float(row["confidence"]), lang, 0)),
        (i18n.column_label("wave", lang), planned),
    ]  # fmt: skip
    pdf.heading(t("brief.section.headline", lang))
    pdf.table_block([t("brief.item", lang), t("brief.value", lang)], scores, (80, 100), ("LEFT", "LEFT"), 9)
    pdf.heading(t("brief.app.decisions", lang))
    for kind, label in (("deployment", i18n.deployment_label), ("strategy", i18n.strategy_label)):
        decision = why.get(kind) or {}
        lines = [
            f"{i18n.column_label(kind, lang)}: {label(decision.get('outcome'), lang)}",
            f"{t('ui.explain.when', lang)}: {_when(decision.get('when'), lang)}",
            f"{t('ui.explain.reason', lang)}: {translated(decision.get('reason'), lang, model) or '-'}",
        ]
        if decision.get("basis"):
            label = t(
                "ui.explain.basis" if decision.get("kind") == "law" else "ui.explain.basis_policy", lang
            )
            lines.append(f"{label}: {translated(decision['basis'], lang, model)}")
        pdf.bullets(lines)
    criteria = sorted(why.get("criteria") or [], key=lambda c: -float(c.get("contribution") or 0))
    rows = [
        (
            translated(c.get("label") or c.get("id"), lang, model),
            "-" if not c.get("known") else str(c.get("value")),
            fmt.number(float(c.get("contribution") or 0), lang, 1),
        )
        for c in criteria[:TOP_CRITERIA]
    ]
    pdf.heading(t("brief.app.criteria", lang))
    header = [
        t("ui.explain.criterion", lang),
        t("ui.explain.value", lang),
        t("ui.explain.contribution", lang),
    ]
    pdf.table_block(header, rows, (90, 60, 30), ("LEFT", "LEFT", "RIGHT"), 8.5)
    links = assessment.plan.links
    notes = [
        t("brief.app.links", lang).format(
            out=fmt.number(int((links["app_id"] == app_id).sum()), lang),
            into=fmt.number(int((links["depends_on"] == app_id).sum()), lang),
        )
    ]
    if why.get("missing"):
        notes.append(t("brief.app.missing", lang).format(fields=", ".join(map(str, why["missing"]))))
    pdf.bullets(notes)
    return bytes(pdf.output())
