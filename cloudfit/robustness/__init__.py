"""Robustness of each decision: margins, the smallest input changes that flip it, and sensitivity.

    robustness = assess_robustness(applications, model, scores, weights, as_of)
    robustness.table         # per application: fragile, and the margin behind each decision
    robustness.flips         # per application and decision: the nearest value of each input that flips it
    robustness.sensitivity   # decision → {weights, any_input, <field>: share of applications flipped}

Everything goes through the engine's own decision flow (`run_flow`, what
`score()` decides with): for each decisive input and each value tried (see
`changes`), the whole inventory is decided once more with that column
changed; the per-application answers are then read off the arrays.
An application is **fragile** when one of its decisions (band, deployment,
strategy) changes under a one-step change of a graded input or a number
within `robustness.number_share` of its value, or sits less than
`robustness.fragile_margin` fitness points from a threshold behind it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from cloudfit.gcpause import without_gc
from cloudfit.robustness.changes import DecisiveField, current, decisive_fields, legal_fields
from cloudfit.robustness.flips import Found, flip_passes, smallest
from cloudfit.robustness.margins import band_margins, forced, leaves
from cloudfit.robustness.passes import (
    DECISIONS,
    Classes,
    Pass,
    classes,
    convert,
    decisions,
    each_row,
    lean,
    run,
    same_decisions,
    scored_outcomes,
    whole,
)
from cloudfit.scoring import ScoreResult, effective_weights
from cloudfit.scoring.engine import interface_counts
from cloudfit.scoring_model.schema import ScoringModel

__all__ = ["DECISIONS", "MARGIN_COLUMNS", "Robustness", "assess_robustness"]

DRAW_ROWS = 1_000  # applications (a seeded sample) rescored per weight draw
MARGIN_PARTS = ("distance", "field", "threshold", "rule")
MARGIN_COLUMNS: tuple[str, ...] = tuple(f"{d}_margin_{p}" for d in DECISIONS for p in MARGIN_PARTS)


@dataclass(frozen=True)
class Robustness:
    """Robustness of every decision, aligned row for row with the score table."""

    table: pd.DataFrame  # fragile, then MARGIN_COLUMNS
    flips: (
        pd.DataFrame
    )  # FLIP_COLUMNS, by row, each row's most plausible first; one_step: the change is one step
    sensitivity: dict[str, dict[str, float]]

    def flip_lists(self, start: int = 0, stop: int | None = None) -> list[list[dict[str, Any]]]:
        """`applications[].flips` of rows `start` to `stop`: {decision, field, value, outcome} each."""
        stop = len(self.table) if stop is None else min(stop, len(self.table))
        rows = self.flips["row"].to_numpy()
        lo, hi = np.searchsorted(rows, [start, stop])
        part = self.flips.iloc[lo:hi]
        items = [
            {"decision": d, "field": f, "value": v, "outcome": o}
            for d, f, v, o in zip(
                part["decision"].tolist(),
                part["field"].tolist(),
                part["value"].tolist(),
                part["outcome"].tolist(),
            )
        ]
        cuts = np.searchsorted(part["row"].to_numpy(), np.arange(start, stop + 1))
        return [items[a:b] for a, b in zip(cuts[:-1].tolist(), cuts[1:].tolist())]

    def margin_dicts(self, start: int = 0, stop: int | None = None) -> list[dict[str, Any]]:
        """`applications[].margins` of rows `start` to `stop`: decision → the threshold behind it, or None."""
        part = self.table.iloc[start:stop]
        columns = []
        for d in DECISIONS:
            values = zip(*(part[f"{d}_margin_{p}"].tolist() for p in MARGIN_PARTS))
            columns.append(
                [
                    None
                    if distance != distance
                    else dict(zip(MARGIN_PARTS, (distance, fld, threshold, rule)))
                    for distance, fld, threshold, rule in values
                ]
            )
        return [dict(zip(DECISIONS, row)) for row in zip(*columns)]


def _score_margins(
    model: ScoringModel,
    cls: Classes,
    base: Mapping[str, np.ndarray],
    actual: Mapping[str, np.ndarray],
    weights: Mapping[str, float] | None,
    as_of: dt.date,
) -> dict[str, dict[str, np.ndarray]]:
    """Deployment and strategy: the nearest score threshold whose crossing changes the decision."""
    n = len(cls.inverse)
    out = {
        d: {
            "distance": np.full(n, np.nan),
            "field": np.full(n, None, dtype=object),
            "threshold": np.full(n, np.nan),
            "rule": np.full(n, None, dtype=object),
        }
        for d in DECISIONS[1:]
    }
    for leaf in leaves(model):
        holds = leaf.holds(base[leaf.field])
        # the decisions with the condition answered otherwise: only the rows where it holds need
        # the model forcing it false, and only the others the model forcing it true
        opposite = {d: base[d].copy() for d in out}
        for answer, rows in ((True, np.flatnonzero(~holds)), (False, np.flatnonzero(holds))):
            if len(rows):
                result = run(cls.arrays, [Pass(rows)], forced(model, leaf, answer), weights, as_of)[0]
                for d in out:
                    opposite[d][rows] = result[d]
        distance = np.round(np.abs(actual[leaf.field].astype(float) - leaf.threshold), 2)
        for d, margin in out.items():
            behind = (opposite[d] != base[d])[cls.inverse]
            nearer = behind & ~(margin["distance"] <= distance)
            margin["distance"][nearer] = distance[nearer]
            margin["field"][nearer] = leaf.field
            margin["threshold"][nearer] = leaf.threshold
            margin["rule"][nearer] = leaf.rule
    return out


def _weight_shares(
    model: ScoringModel,
    cls: Classes,
    base: Mapping[str, np.ndarray],
    weights: Mapping[str, float] | None,
    as_of: dt.date,
) -> dict[str, float]:
    """Mean share of applications whose decisions change when every weight moves by up to ±spread."""
    settings = model.robustness
    if settings.draws == 0:
        return {}
    rng = np.random.default_rng(settings.seed)
    own = effective_weights(model, weights)
    factors = rng.uniform(1 - settings.weight_spread, 1 + settings.weight_spread, (settings.draws, len(own)))
    n = len(cls.inverse)
    if n > DRAW_ROWS:
        picked, counts = np.unique(cls.inverse[rng.choice(n, DRAW_ROWS, replace=False)], return_counts=True)
    else:
        picked, counts = np.arange(len(cls.counts)), cls.counts
    arrays = {k: v[picked] for k, v in cls.arrays.items()}
    flipped = {d: 0.0 for d in DECISIONS}
    for draw in factors:
        drawn = effective_weights(model, dict(zip(own, np.array(list(own.values())) * draw)))
        result = decisions(arrays, model, drawn, as_of)
        for d in DECISIONS:
            flipped[d] += float(counts[result[d] != base[d][picked]].sum())
    return {d: round(float(flipped[d] / (settings.draws * counts.sum())), 4) for d in DECISIONS}


@without_gc
def assess_robustness(
    applications: pd.DataFrame,
    model: ScoringModel,
    scores: ScoreResult,
    weights: Mapping[str, float] | None = None,
    as_of: dt.date | None = None,
    dependencies: pd.DataFrame | None = None,
) -> Robustness:
    """Margins, flips, the fragile flag and the sensitivity table of scores computed with these settings."""
    as_of = as_of or dt.date.today()
    apps = applications.reset_index(drop=True)
    n = len(apps)
    fields = decisive_fields(model)
    actual = scored_outcomes(scores)
    model = lean(model)
    arrays = convert(apps, interface_counts(apps, dependencies), as_of, model)
    starts = {f.name: current(f, apps.get(f.name), n) for f in fields}
    cls = classes(apps, arrays, fields, starts)
    base = run(cls.arrays, [whole(cls)], model, weights, as_of)[0] if n else actual
    if not same_decisions({k: v[cls.inverse] for k, v in base.items()}, actual):
        cls, base = each_row(arrays), actual  # the model reads more than its conditions show

    found = flip_passes(cls, base, fields, starts, model, weights, as_of)
    capped = (
        scores.contributions["cap_adjustment"].to_numpy() < 0
        if "cap_adjustment" in scores.contributions
        else np.zeros(n, dtype=bool)
    )
    band = band_margins(model, actual["fitness"].astype(float), capped)
    margins = {
        "band": {
            "distance": band["distance"].to_numpy(),
            "field": np.where(band["distance"].notna(), "fitness", None).astype(object),
            "threshold": band["threshold"].to_numpy(),
            "rule": np.full(n, None, dtype=object),
        },
        **_score_margins(model, cls, base, actual, weights, as_of),
    }
    table = pd.DataFrame({f"{d}_margin_{p}": margins[d][p] for d in DECISIONS for p in MARGIN_PARTS})
    near = np.zeros(n, dtype=bool)
    for d in DECISIONS:
        near |= table[f"{d}_margin_distance"].to_numpy() < model.robustness.fragile_margin
    fragile = near.copy()
    fragile[found.row[found.stepped]] = True
    table.insert(0, "fragile", fragile)
    return Robustness(
        table,
        smallest(found, fields, legal_fields(model)),
        _sensitivity(found, fields, n, model, cls, base, weights, as_of),
    )


def _sensitivity(
    found: Found,
    fields: list[DecisiveField],
    n: int,
    model: ScoringModel,
    cls: Classes,
    base: Mapping[str, np.ndarray],
    weights: Mapping[str, float] | None,
    as_of: dt.date,
) -> dict[str, dict[str, float]]:
    """Decision → share of applications flipped: by the weight draws, by any one-step input, by each input."""
    steppable = [
        i for i, f in enumerate(fields) if (f.graded and f.kind in ("code", "value")) or f.kind == "threshold"
    ]
    by_weights = _weight_shares(model, cls, base, weights, as_of) if n else {}
    step = found.stepped
    row, decision, field = found.row[step], found.decision[step].astype(np.int64), found.field[step]
    k = len(fields)
    # applications flipped one step off: per decision, and per decision and field (one key each)
    any_input = np.bincount(np.unique(decision * n + row) // max(n, 1), minlength=len(DECISIONS))
    by_field = np.bincount(
        np.unique((decision * k + field) * n + row) // max(n, 1), minlength=len(DECISIONS) * k
    )
    out: dict[str, dict[str, float]] = {}
    for j, d in enumerate(DECISIONS):
        shares: dict[str, float] = {}
        if d in by_weights:
            shares["weights"] = by_weights[d]
        shares["any_input"] = round(int(any_input[j]) / n, 4) if n else 0.0
        for i in steppable:
            shares[fields[i].name] = round(int(by_field[j * k + i]) / n, 4) if n else 0.0
        out[d] = shares
    return out
