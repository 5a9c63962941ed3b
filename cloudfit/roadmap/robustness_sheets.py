"""The Robustness and Sensitivity sheets: how close each decision is to changing, and what changes it.

Both read `Assessment.robustness` and `Assessment.results` (the TIME
quadrant), the same values the app and the JSON show; see docs/robustness.md.
"""

from __future__ import annotations

import string
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from cloudfit import i18n
from cloudfit.roadmap.applications import result_column
from cloudfit.roadmap.book import Book, Column

if TYPE_CHECKING:
    from cloudfit.assessment import Assessment

_OUTCOME_LABELS = {
    "band": i18n.band_label,
    "deployment": i18n.deployment_label,
    "strategy": i18n.strategy_label,
}


def value_text(values: pd.Series, lang: str) -> pd.Series:
    """Flip values as a person reads them: Yes/No for answers, whole numbers without '.0'."""
    yes, no = i18n.t("bool.true", lang), i18n.t("bool.false", lang)

    def text(v: object) -> str:
        if isinstance(v, bool):
            return yes if v else no
        if isinstance(v, float) and v.is_integer():
            return f"{v:.0f}"
        return str(v)

    return values.map(text)


def flip_texts(flips: pd.DataFrame, lang: str) -> pd.Series:
    """Each flip as one sentence ('Deployment model: Public cloud if Security level = 2'), built
    column-wise from the pieces of the language's template."""
    if flips.empty:
        return pd.Series([], dtype=object)
    outcome = pd.Series("", index=flips.index, dtype=object)
    for decision, label in _OUTCOME_LABELS.items():
        mine = flips["decision"] == decision
        codes = flips.loc[mine, "outcome"]
        outcome[mine] = codes.map({code: label(code, lang) for code in pd.unique(codes)})
    parts = {
        "decision": flips["decision"].map({d: i18n.column_label(d, lang) for d in _OUTCOME_LABELS}),
        "outcome": outcome,
        "field": flips["field"].map({f: i18n.field_label(f, lang) for f in pd.unique(flips["field"])}),
        "value": value_text(flips["value"], lang),
    }
    text = pd.Series("", index=flips.index, dtype=object)
    for literal, name, _, _ in string.Formatter().parse(i18n.t("robustness.flip", lang)):
        text = text + literal
        if name:
            text = text + parts[name].astype(str)
    return text


def _joined(flips: pd.DataFrame, n: int, lang: str) -> list[str | None]:
    """Per application, its flips as sentences joined by '; ' (None when it has none)."""
    out: list[str | None] = [None] * n
    if flips.empty:
        return out
    texts = flip_texts(flips, lang).tolist()
    rows = flips["row"].to_numpy()  # sorted: one run of rows per application
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]]).tolist()
    for a, b in zip(starts, [*starts[1:], len(rows)]):
        out[int(rows[a])] = "; ".join(texts[a:b])
    return out


def write_robustness(book: Book, assessment: Assessment) -> None:
    """Per application: fragile, the margin behind each decision, the changes that flip it, TIME quadrant."""
    lang = book.lang
    col = i18n.column_label
    results = assessment.results.reset_index(drop=True)
    robust = assessment.robustness
    table = robust.table.reset_index(drop=True)
    flips = robust.flips
    step = flips["one_step"].to_numpy(dtype=bool) if len(flips) else np.zeros(0, dtype=bool)
    quadrant = results["time_quadrant"].map(
        {q: i18n.t(f"time.{q}", lang) for q in pd.unique(results["time_quadrant"])}
    )
    columns = [
        Column(col("app_id", lang), results["app_id"]),
        Column(col("app_name", lang), results["name"]),
        result_column(results, "fitness", "score", lang, col("fitness", lang)),
        result_column(results, "band", "band", lang, col("band", lang)),
        result_column(results, "deployment", "deployment", lang, col("deployment", lang)),
        result_column(results, "strategy", "strategy", lang, col("strategy", lang)),
        Column(col("fragile", lang), table["fragile"], "bool"),
        Column(col("band_margin", lang), table["band_margin_distance"], "score"),
        Column(col("deployment_margin", lang), table["deployment_margin_distance"], "score"),
        Column(col("deployment_margin_rule", lang), table["deployment_margin_rule"]),
        Column(col("strategy_margin", lang), table["strategy_margin_distance"], "score"),
        Column(col("strategy_margin_rule", lang), table["strategy_margin_rule"]),
        Column(col("flips", lang), _joined(flips.loc[step], len(results), lang), width=60),
        Column(
            col("other_flips", lang),
            np.bincount(flips.loc[~step, "row"].to_numpy(dtype=np.int64), minlength=len(results)),
            "int",
        ),
        Column(col("time_quadrant", lang), quadrant),
        Column(col("business_value_score", lang), results["business_value_score"], "score"),
    ]
    book.data_sheet(i18n.sheet_name("robustness", lang), columns, freeze_cols=2)


def sensitivity_rows(assessment: Assessment, lang: str) -> pd.DataFrame:
    """The sensitivity table as a person reads it: one row per change, one column per decision."""
    settings = assessment.model.robustness
    sensitivity = assessment.robustness.sensitivity
    keys = list(dict.fromkeys(k for shares in sensitivity.values() for k in shares))

    def label(key: str) -> str:
        if key == "weights":
            return i18n.t("robustness.weights", lang).format(
                spread=settings.weight_spread, draws=settings.draws, seed=settings.seed
            )
        if key == "any_input":
            return i18n.t("robustness.any_input", lang)
        return i18n.t("robustness.input", lang).format(field=i18n.field_label(key, lang))

    frame = pd.DataFrame({"change": [label(k) for k in keys]})
    for decision, shares in sensitivity.items():
        frame[decision] = [shares.get(k) for k in keys]
    return frame


def write_sensitivity(book: Book, assessment: Assessment) -> None:
    """The portfolio's sensitivity table: the share of decisions each kind of change flips."""
    lang = book.lang
    frame = sensitivity_rows(assessment, lang)
    ws = book.sheet(i18n.sheet_name("sensitivity", lang))
    columns = [Column(i18n.column_label("change", lang), frame["change"], width=48)]
    columns += [
        Column(i18n.column_label(d, lang), frame[d], "percent", width=18)
        for d in frame.columns
        if d != "change"
    ]
    next_row = book.table(ws, columns, freeze=False, autofilter=False)
    ws.write_string(next_row + 1, 0, i18n.t("robustness.note", lang), book.fmt(italic=True))
