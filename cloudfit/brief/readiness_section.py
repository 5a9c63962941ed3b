"""The briefing's readiness section, when the assessment was gated by the agencies' questionnaires.

For the portfolio, one line per agency: its weakest themes and how long its
action plan runs; for one agency, the report's table (theme, rating,
score, challenges) and its sequenced actions. Words come from the
questionnaire file and the locale files, as on the Readiness page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cloudfit import formatting as fmt
from cloudfit import i18n
from cloudfit.brief.layout import BriefPDF
from cloudfit.readiness.gates import agency_key
from cloudfit.readiness.report import action_dicts, theme_dict
from cloudfit.vocabulary import BANDS

if TYPE_CHECKING:
    from cloudfit.assessment import Assessment

WEAK = ("red", "yellow_red")


def readiness_section(pdf: BriefPDF, assessment: Assessment, lang: str, agency: str | None) -> None:
    """Add the section (nothing without readiness, or for an agency that did not answer)."""
    result = getattr(assessment, "readiness", None)
    if result is None:
        return
    t = i18n.t
    q = result.questionnaire
    if agency is None:
        pdf.heading(t("brief.section.readiness", lang))
        rows = []
        for item in result.agencies:
            weak = [q.themes_by_id[th.theme].label(lang) for th in item.themes if th.rating in WEAK]
            worst = min((th.rating for th in item.themes), key=BANDS.index)
            end = max((a.end_month for a in item.actions), default=0)
            rows.append(
                (item.agency, i18n.band_label(worst, lang), ", ".join(weak) or "-", fmt.number(end, lang))
            )
        header = [t(f"brief.readiness.{k}", lang) for k in ("agency", "lowest", "weak", "months")]
        pdf.table_block(header, rows, (60, 25, 70, 25), ("LEFT", "LEFT", "LEFT", "RIGHT"))
        return
    item = next((a for a in result.agencies if agency_key(a.agency) == agency_key(agency)), None)
    if item is None:
        return
    pdf.heading(t("brief.section.readiness", lang))
    rows = []
    for theme in item.themes:
        text = theme_dict(q, theme, lang)
        rows.append(
            (
                q.themes_by_id[theme.theme].label(lang),
                i18n.band_label(theme.rating, lang),
                fmt.number(theme.score, lang),
                "; ".join(text["blockers"] + [c for c in text["challenges"] if c not in text["blockers"]])
                or "-",
            )
        )
    header = [t(f"brief.readiness.{k}", lang) for k in ("theme", "rating", "score", "challenges")]
    pdf.table_block(header, rows, (40, 25, 15, 100), ("LEFT", "LEFT", "RIGHT", "LEFT"))
    actions = action_dicts(q, item, lang)
    if actions:
        rows = [
            (a["action"], a["responsible"], f"{a['start_month']}-{a['end_month']}", a["funding"])
            for a in actions
        ]
        header = [t(f"brief.readiness.{k}", lang) for k in ("action", "responsible", "when", "funding")]
        pdf.table_block(header, rows, (75, 45, 18, 42), ("LEFT", "LEFT", "RIGHT", "LEFT"))
