"""The Applications and Explanations sheets.

Applications is also an inventory: its canonical columns carry the field
labels and the values as the reader takes them back (codes, numbers, dates,
booleans), the analyst's extra columns follow under their own headers, and
every computed column carries the `Result: ` prefix so that reading the
roadmap back as an inventory never mistakes a score for an input field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from cloudfit import i18n
from cloudfit.export import extra_columns
from cloudfit.fields import FIELDS, FIELDS_BY_NAME
from cloudfit.model_text import translate_series
from cloudfit.roadmap.book import Book, Column
from cloudfit.roadmap.decision_sheets import mark_overridden

if TYPE_CHECKING:
    from cloudfit.assessment import Assessment

FIELD_KINDS = {"id": "text", "text": "text", "list": "text", "category": "text", "bool": "bool",
               "int": "int", "float": "number", "date": "date"}  # fmt: skip

# Computed columns of the Applications sheet, in order, with how each is shown.
RESULT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("fitness", "score"), ("band", "band"), ("effort_score", "score"), ("effort_size", "text"),
    ("person_days", "days"), ("deployment", "deployment"), ("strategy", "strategy"),
    ("priority", "score"), ("quick_win", "bool"), ("confidence", "percent"),
    ("deployment_rule", "text"), ("deployment_reason", "text"), ("deployment_basis", "text"),
    ("strategy_rule", "text"), ("strategy_reason", "text"), ("strategy_basis", "text"),
    ("caps", "text"), ("missing", "text"), ("move_group", "text"), ("wave", "int"),
    ("plan_status", "plan_status"), ("target_platform", "platform"), ("deployment_kind", "kind"),
    ("strategy_kind", "kind"), ("evidence", "evidence"), ("security_level_used", "int"),
    ("band_from_fitness", "band"), ("complexity_score", "score"),
)  # fmt: skip
_LABELLED = {
    "band": i18n.band_label,
    "deployment": i18n.deployment_label,
    "strategy": i18n.strategy_label,
    "plan_status": i18n.plan_status_label,
    "platform": lambda code, lang: i18n.code_labels("platform", (code,), lang)[code],
    "kind": lambda code, lang: i18n.code_labels("kind", (code,), lang)[code],
    "evidence": lambda code, lang: i18n.code_labels("evidence", (code,), lang)[code],
}


def result_header(name: str, lang: str) -> str:
    """Header of a computed column: the result prefix and the column's label."""
    return i18n.t("result_prefix", lang) + i18n.column_label(name, lang)


def result_headers() -> frozenset[str]:
    """Every computed-column header in every language (stale copies are not re-exported)."""
    return frozenset(result_header(name, lang) for name, _ in RESULT_COLUMNS for lang in i18n.LANGUAGES)


def _labels(series: pd.Series, show: str, lang: str) -> pd.Series:
    label = _LABELLED[show]
    codes = series.astype(object)
    mapping = {code: label(code, lang) for code in pd.unique(codes.dropna())}
    return codes.map(mapping)


def band_fills(bands: pd.Series) -> pd.Series:
    return bands.astype(object).map(dict(i18n.BAND_COLOURS))


def result_column(results: pd.DataFrame, name: str, show: str, lang: str, header: str) -> Column:
    series = results[name]
    if name.endswith(("_reason", "_basis")):
        series = translate_series(series, lang)  # the model's words in the reader's language
    if show in _LABELLED:
        fills = band_fills(series).tolist() if show == "band" else None
        return Column(header, _labels(series, show, lang), "text", fills=fills)
    return Column(header, series, show)


def write_applications(book: Book, assessment: Assessment) -> None:
    """Every input column, the analyst's extra columns, then every score and the plan."""
    lang = book.lang
    results = assessment.results.reset_index(drop=True)
    columns = [
        Column(
            i18n.field_label(spec.name, lang),
            results[spec.name],
            FIELD_KINDS[spec.kind],
        )
        for spec in FIELDS
    ]
    stale = result_headers()
    columns += [
        Column(name, results[name], "auto")
        for name in extra_columns(assessment.inventory.applications)
        if name not in stale
    ]
    columns += [
        mark_overridden(assessment, name, result_column(results, name, show, lang, result_header(name, lang)))
        for name, show in RESULT_COLUMNS
    ]
    book.data_sheet(i18n.sheet_name("applications", lang), columns, freeze_cols=2)


def criterion_labels(assessment: Assessment, lang: str) -> dict[str, str]:
    """Criterion id → the label a person reads: the field's label in `lang`, else the model's label."""
    labels: dict[str, str] = {}
    for criterion in assessment.model.fitness.criteria:
        if criterion.field in FIELDS_BY_NAME and (lang == "vi" or not criterion.label):
            labels[criterion.id] = i18n.field_label(criterion.field, lang)
        else:
            labels[criterion.id] = criterion.label or criterion.id
    return labels


def write_explanations(book: Book, assessment: Assessment) -> None:
    """Per application: each criterion's points, the cap, and the rules that decided the outcome."""
    lang = book.lang
    results = assessment.results.reset_index(drop=True)
    contributions = assessment.scores.contributions.reset_index(drop=True)
    labels = criterion_labels(assessment, lang)
    col = i18n.column_label
    columns = [
        Column(col("app_id", lang), results["app_id"]),
        Column(col("app_name", lang), results["name"]),
        result_column(results, "fitness", "score", lang, col("fitness", lang)),
        result_column(results, "band", "band", lang, col("band", lang)),
    ]
    columns += [
        Column(labels.get(str(name), str(name)), contributions[name], "score")
        for name in contributions.columns
        if name != "cap_adjustment"
    ]
    if "cap_adjustment" in contributions:
        columns.append(Column(col("cap_adjustment", lang), contributions["cap_adjustment"], "score"))
    for name, show in (
        ("caps", "text"), ("missing", "text"), ("confidence", "percent"),
        ("deployment", "deployment"), ("deployment_rule", "text"), ("deployment_reason", "text"),
        ("deployment_basis", "text"), ("deployment_kind", "kind"), ("strategy", "strategy"),
        ("strategy_rule", "text"), ("strategy_reason", "text"), ("strategy_basis", "text"), ("strategy_kind", "kind"),
        ("target_platform", "platform"), ("target_platform_rule", "text"), ("target_platform_reason", "text"),
    ):  # fmt: skip
        columns.append(result_column(results, name, show, lang, col(name, lang)))
    book.data_sheet(i18n.sheet_name("explanations", lang), columns, freeze_cols=2)
