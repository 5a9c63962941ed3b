"""The Model sheet: the scoring model and the options that made this result.

A reader can audit every number: the criteria with the weight in the file
and the weight actually used (what-if overrides), the caps, the band and
size thresholds, every constraint the engine enforces and every rule with
its kind (law or policy) and basis as in force on the assessment date, the
person-day drivers, the planner options and the reference date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cloudfit import i18n
from cloudfit.condition_text import condition_plain
from cloudfit.model_text import translated
from cloudfit.roadmap.book import Book, Column
from cloudfit.scoring.rules import ENGINE_CONSTRAINTS
from cloudfit.scoring_model.legal import basis_text
from cloudfit.vocabulary import BANDS

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

    from cloudfit.assessment import Assessment

WIDTHS = (26.0, 40.0, 16.0, 16.0, 50.0, 50.0, 14.0)


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

    def tx(text: Any) -> Any:
        return translated(text, lang, model)

    out.add("model.section.model", [key, value], [
        [i18n.t("model.name", lang), model.name],
        [i18n.t("model.title", lang), tx(model.title)],
        [i18n.t("model.version", lang), model.version],
        [i18n.t("model.file", lang), model.file_name or None],
        [i18n.t("model.checksum", lang), model.checksum or None],
        [i18n.t("model.as_of", lang), options.as_of.isoformat()],
    ], ["text", "text"])  # fmt: skip

    used = {**model.criterion_weights(), **options.weights}
    out.add("model.section.criteria",
            [col("key", lang), col("name", lang), col("weight", lang), col("weight_used", lang),
             col("field", lang), col("group", lang), col("missing_points", lang)],
            [[c.id, tx(c.label) or None, c.weight, used.get(c.id, c.weight), c.field, c.group, c.missing]
             for c in model.fitness.criteria],
            ["text", "text", "number", "number", "text", "text", "number"])  # fmt: skip

    as_of = options.as_of
    kind = lambda k: i18n.t(f"kind.{k}", lang)  # noqa: E731
    basis = lambda r: basis_text(r.kind, r.basis, r.cites, as_of) or None  # noqa: E731
    bands = model.fitness.bands
    words = bands.definitions
    out.add("model.section.bands", [col("band", lang), col("threshold", lang), col("definition", lang)],
            [[i18n.band_label(code, lang), getattr(bands, code) if code != "red" else 0,
              tx(getattr(words, code)) if words else None]
             for code in BANDS]
            + [[f"max {size}", None, i18n.band_label(band, lang)] for size, band in bands.max_for_effort.items()],
            ["text", "number", "text"])  # fmt: skip

    out.add("model.section.caps",
            [key, col("condition", lang), col("max", lang), col("band", lang), col("reason", lang),
             col("basis", lang), col("kind", lang)],
            [[c.id, condition_plain(c.when, lang), c.max, i18n.band_label(c.band, lang) or None, tx(c.reason), tx(basis(c)),
              kind(c.kind)] for c in model.fitness.caps],
            ["text", "text", "number", "text", "text", "text", "text"])  # fmt: skip

    out.add("model.section.constraints",
            [key, col("condition", lang), col("deployment", lang), col("strategy", lang), col("reason", lang),
             col("basis", lang), col("kind", lang)],
            [[c.id, condition_plain(c.when, lang), _joined(c.deployment), _joined(c.strategy), tx(c.reason), tx(basis(c)),
              kind(c.kind)] for c in (*ENGINE_CONSTRAINTS, *model.constraints)],
            ["text"] * 7)  # fmt: skip

    out.add("model.section.consistency_checks",
            [key, col("condition", lang), col("implied_level", lang), "", col("check", lang), col("basis", lang),
             col("kind", lang)],
            [[c.id, condition_plain(c.when, lang), c.implied_level, None, tx(c.message), tx(basis(c)), kind(c.kind)]
             for c in model.consistency_checks],
            ["text", "text", "number", "text", "text", "text", "text"])  # fmt: skip

    for section, rules in (
        ("model.section.deployment_rules", model.deployment.rules),
        ("model.section.strategy_rules", model.strategy.rules),
        ("model.section.follow_strategy", model.deployment.follow_strategy),
        ("model.section.target_platform_rules", model.target_platform.rules),
    ):
        out.add(section,
                [key, col("condition", lang), col("outcome", lang), "", col("reason", lang), col("basis", lang),
                 col("kind", lang)],
                [[r.id, condition_plain(r.when, lang), r.outcome, None, tx(r.reason), tx(basis(r)), kind(r.kind)] for r in rules],
                ["text"] * 7)  # fmt: skip

    effort = model.effort
    out.add("model.section.effort", [key, col("field", lang), col("weight", lang)],
            [[f.id, f.field, f.weight] for f in effort.factors]
            + [[f"size {s}", col("days", lang), getattr(effort.sizes, s)] for s in ("M", "L", "XL")],
            ["text", "text", "number"])  # fmt: skip
    out.add("model.section.effort_drivers",
            [key, col("field", lang), col("days", lang), col("scale", lang), col("source", lang)],
            [[f"base {k}", None, v, None, None] for k, v in effort.base_days.model_dump().items()]
            + [[f"multiplier {k}", None, v, None, None] for k, v in effort.strategy_multipliers.model_dump().items()]
            + [[d.id, d.field or condition_plain(d.when, lang), d.days, d.scale, tx(d.source)] for d in effort.drivers],
            ["text", "text", "number", "text", "text"])  # fmt: skip

    weights = model.priority.weights
    out.add("model.section.priority", [key, value],
            [[k, v] for k, v in weights.model_dump().items()]
            + [["zero_for", _joined(model.priority.zero_for)], ["quick_win", condition_plain(model.quick_win.when, lang)]],
            ["text", "auto"])  # fmt: skip

    plan = options.plan.to_dict()
    pins = plan.pop("pins")
    out.add("model.section.planner", [key, value],
            [[k, v] for k, v in plan.items()]
            + [[f"pin {app}", f"wave {p['wave']}" + (" (not before)" if p["not_before"] else "")]
               for app, p in pins.items()]
            + [[f"weight {k}", v] for k, v in options.weights.items()],
            ["text", "auto"])  # fmt: skip
