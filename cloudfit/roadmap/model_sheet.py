"""The Model sheet: the scoring model and the options that made this result.

A reader can audit every number: the criteria with the weight in the file
and the weight actually used (what-if overrides), the caps, the band and
size thresholds, the constraints and rules with their legal basis, the
planner options and the reference date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cloudfit import i18n
from cloudfit.roadmap.book import Book, Column

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

    from cloudfit.assessment import Assessment

WIDTHS = (26.0, 40.0, 16.0, 16.0, 50.0, 50.0, 14.0)


def condition_text(condition: Any) -> str:
    """A model condition as one readable line: `security_level >= 4`, `all(...)`, `not(...)`."""
    if condition is None:
        return ""
    if condition.field is not None:
        return (
            f"{condition.field} {condition.op} {condition.value!r}"
            if condition.has_value
            else (f"{condition.field} {condition.op}")
        )
    if condition.all_ is not None:
        return "all(" + "; ".join(condition_text(c) for c in condition.all_) + ")"
    if condition.any_ is not None:
        return "any(" + "; ".join(condition_text(c) for c in condition.any_) + ")"
    return "not(" + condition_text(condition.not_) + ")"


def _joined(values: Any) -> str | None:
    return ", ".join(values) if values else None


class _Sections:
    """Small titled tables one under another on one sheet."""

    def __init__(self, book: Book, ws: Worksheet) -> None:
        self.book, self.ws, self.row = book, ws, 0

    def add(self, title_key: str, headers: list[str], rows: list[list[Any]], kinds: list[str]) -> None:
        self.ws.write_string(
            self.row, 0, i18n.t(title_key, self.book.lang), self.book.fmt(bold=True, font_size=12)
        )
        columns = [
            Column(header, [row[j] for row in rows], kind, width=WIDTHS[j])
            for j, (header, kind) in enumerate(zip(headers, kinds))
        ]
        self.row = (
            self.book.table(self.ws, columns, first_row=self.row + 1, freeze=False, autofilter=False) + 1
        )


def write_model(book: Book, assessment: Assessment) -> None:
    lang = book.lang
    model = assessment.model
    options = assessment.options
    col = i18n.column_label
    ws = book.sheet(i18n.sheet_name("model", lang))
    out = _Sections(book, ws)
    key, value = col("key", lang), col("value", lang)

    out.add("model.section.model", [key, value], [
        [i18n.t("model.name", lang), model.name],
        [i18n.t("model.title", lang), model.title],
        [i18n.t("model.version", lang), model.version],
        [i18n.t("model.file", lang), model.file_name or None],
        [i18n.t("model.checksum", lang), model.checksum or None],
        [i18n.t("model.as_of", lang), options.as_of.isoformat()],
    ], ["text", "text"])  # fmt: skip

    used = {**model.criterion_weights(), **options.weights}
    out.add("model.section.criteria",
            [col("key", lang), col("name", lang), col("weight", lang), col("weight_used", lang),
             col("field", lang), col("group", lang), col("missing_points", lang)],
            [[c.id, c.label or None, c.weight, used.get(c.id, c.weight), c.field, c.group, c.missing]
             for c in model.fitness.criteria],
            ["text", "text", "number", "number", "text", "text", "number"])  # fmt: skip

    bands = model.fitness.bands
    out.add("model.section.bands", [col("band", lang), col("threshold", lang)],
            [[i18n.band_label(code, lang), getattr(bands, code)]
             for code in ("yellow_red", "yellow", "yellow_green", "green")],
            ["text", "number"])  # fmt: skip

    out.add("model.section.caps", [key, col("condition", lang), col("max", lang), "", col("reason", lang)],
            [[c.id, condition_text(c.when), c.max, None, c.reason] for c in model.fitness.caps],
            ["text", "text", "number", "text", "text"])  # fmt: skip

    out.add("model.section.constraints",
            [key, col("condition", lang), col("deployment", lang), col("strategy", lang), col("reason", lang),
             col("basis", lang)],
            [[c.id, condition_text(c.when), _joined(c.deployment), _joined(c.strategy), c.reason, c.basis or None]
             for c in model.constraints],
            ["text"] * 6)  # fmt: skip

    for section, rules in (
        ("model.section.deployment_rules", model.deployment.rules),
        ("model.section.strategy_rules", model.strategy.rules),
    ):
        out.add(section,
                [key, col("condition", lang), col("outcome", lang), "", col("reason", lang), col("basis", lang)],
                [[r.id, condition_text(r.when), r.outcome, None, r.reason, r.basis or None] for r in rules],
                ["text"] * 6)  # fmt: skip

    effort = model.effort
    out.add("model.section.effort", [key, col("field", lang), col("weight", lang)],
            [[f.id, f.field, f.weight] for f in effort.factors]
            + [[f"size {s}", col("threshold", lang), getattr(effort.sizes, s)] for s in ("M", "L", "XL")]
            + [[f"person_days {s}", None, getattr(effort.person_days, s)] for s in ("S", "M", "L", "XL")]
            + [[f"multiplier {k}", None, v] for k, v in effort.strategy_multipliers.model_dump().items()],
            ["text", "text", "number"])  # fmt: skip

    weights = model.priority.weights
    out.add("model.section.priority", [key, value],
            [[k, v] for k, v in weights.model_dump().items()]
            + [["zero_for", _joined(model.priority.zero_for)], ["quick_win", condition_text(model.quick_win.when)]],
            ["text", "auto"])  # fmt: skip

    plan = options.plan.to_dict()
    pins = plan.pop("pins")
    out.add("model.section.planner", [key, value],
            [[k, v] for k, v in plan.items()]
            + [[f"pin {app}", f"wave {p['wave']}" + (" (not before)" if p["not_before"] else "")]
               for app, p in pins.items()]
            + [[f"weight {k}", v] for k, v in options.weights.items()],
            ["text", "auto"])  # fmt: skip
