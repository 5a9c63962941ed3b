"""The flips: every change tried (`changes`) decided again, and per application the nearest that flips.

At national scale the passes find millions of flips, most of them farther
than another flip of the same input. So each field's passes update arrays
over the applications (the nearest flip so far, `Found`), and the table's
Python values (codes, numbers, outcome names) are made only for the flips
kept: building them for every flip found, in a DataFrame, cost more than
deciding them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cloudfit.robustness.changes import DecisiveField, Move, moves, plausibility
from cloudfit.robustness.passes import DECISIONS, VOCABULARY, Classes, Pass, converted, packed, run
from cloudfit.scoring_model.schema import ScoringModel

FLIP_COLUMNS = ("row", "decision", "field", "value", "outcome", "one_step")


@dataclass(frozen=True)
class Found:
    """Per application, decision and field that flips it: the nearest change that does (the earliest
    pass among equally near ones), and whether any one-step change of the field flips it."""

    row: np.ndarray  # application row
    decision: np.ndarray  # index into DECISIONS
    field: np.ndarray  # index into the decisive fields
    distance: np.ndarray  # how far the nearest change is (`Move.distance`)
    pass_: np.ndarray  # the pass of the nearest change: index into `fields_of`
    one_step: np.ndarray  # the nearest change is one step
    stepped: np.ndarray  # some one-step change flips it (what makes the decision fragile)
    to: np.ndarray  # the new value of the nearest change (`Move.to`, as float)
    outcome: np.ndarray  # the decision's outcome after it (code into VOCABULARY)
    fields_of: tuple[DecisiveField, ...]  # per pass, its field


def _plain_values(field: DecisiveField, to: np.ndarray) -> list:
    """The values tried as JSON-ready Python values: codes, booleans, whole numbers, numbers."""
    if field.kind in ("code", "bool", "value"):
        return np.array(field.values, dtype=object)[to.astype(np.int64)].tolist()
    if field.operand.kind == "int":
        return to.astype(np.int64).tolist()
    return np.round(to, 2).tolist()


def _pass_values(
    field: DecisiveField, move: Move, at: np.ndarray, table: np.ndarray | None, as_of: dt.date
) -> np.ndarray:
    """The new values at rows `at` as the flow reads them (`table`: a grouped field's values converted)."""
    if table is not None:
        return table[move.to[at]]
    return converted(field, move.to[at], as_of)


def flip_passes(
    cls: Classes,
    base: Mapping[str, np.ndarray],
    fields: list[DecisiveField],
    starts: Mapping[str, np.ndarray],
    model: ScoringModel,
    weights: Mapping[str, float] | None,
    as_of: dt.date,
) -> Found:
    """Decide every change of every decisive field again (from `starts`: `changes.current` of each
    field, by name); keep where a decision changes."""
    share = model.robustness.number_share
    plan = [(i, f, m) for i, f in enumerate(fields) for m in moves(f, starts[f.name], share)]
    tables = {  # a grouped field's few values, converted once for all its passes
        f.name: converted(f, np.array(f.values, dtype=object), as_of)
        for f in fields
        if f.kind in ("code", "bool", "value")
    }
    passes = []
    for _, f, m in plan:
        scored = np.flatnonzero(m.applies[cls.first])  # representatives the change applies to
        passes.append(Pass(scored, f, _pass_values(f, m, cls.first[scored], tables.get(f.name), as_of)))
    results = run(cls.arrays, passes, model, weights, as_of)
    parts: dict[str, list[np.ndarray]] = {k: [] for k in _COLUMNS}
    for i in range(len(fields)):
        mine = [p for p, (k, _, _) in enumerate(plan) if k == i]
        for j, d in enumerate(DECISIONS):
            nearest = _nearest_flips(mine, plan, passes, results, cls, base[d], d)
            rows = np.flatnonzero(nearest["pass_"] >= 0)
            parts["row"].append(rows)
            parts["decision"].append(np.full(len(rows), j, dtype=np.int8))
            parts["field"].append(np.full(len(rows), i, dtype=np.int16))
            for k, v in nearest.items():
                parts[k].append(v[rows])
    columns = {k: np.concatenate(v) if v else np.zeros(0, dtype=_COLUMNS[k]) for k, v in parts.items()}
    return Found(**columns, fields_of=tuple(f for _, f, _ in plan))


_COLUMNS = {
    "row": np.int64, "decision": np.int8, "field": np.int16, "distance": float, "pass_": np.int16,
    "one_step": bool, "stepped": bool, "to": float, "outcome": np.int8,
}  # fmt: skip


def _nearest_flips(
    mine: list[int],
    plan: list[tuple[int, DecisiveField, Move]],
    passes: list[Pass],
    results: list[dict[str, np.ndarray]],
    cls: Classes,
    base: np.ndarray,
    decision: str,
) -> dict[str, np.ndarray]:
    """Per application, the nearest of the passes `mine` (one field's) that changes `decision`.

    Kept pass by pass in arrays over the applications, so only one flip per
    application, decision and field is ever listed (the nearest: no sort of all flips found).
    """
    n = len(cls.inverse)
    out = {
        "distance": np.full(n, np.inf),
        "pass_": np.full(n, -1, dtype=np.int16),
        "one_step": np.zeros(n, dtype=bool),
        "stepped": np.zeros(n, dtype=bool),
        "to": np.full(n, np.nan),
        "outcome": np.zeros(n, dtype=np.int8),
    }
    before = base[cls.inverse]
    for p in mine:
        move = plan[p][2]
        outcome = base.copy()
        outcome[passes[p].rows] = results[p][decision]
        outcome = outcome[cls.inverse]
        flips = np.flatnonzero((outcome != before) & move.applies)  # a small share of the rows
        out["stepped"][flips] |= move.one_step[flips]
        nearer = flips[move.distance[flips] < out["distance"][flips]]  # equally near: the earlier pass stays
        out["distance"][nearer] = move.distance[nearer]
        out["pass_"][nearer] = p
        out["one_step"][nearer] = move.one_step[nearer]
        out["to"][nearer] = move.to[nearer]
        out["outcome"][nearer] = outcome[nearer]
    return out


def smallest(found: Found, fields: list[DecisiveField], legal: frozenset[str]) -> pd.DataFrame:
    """Per application, decision and field, the flip nearest the current value; each application's
    flips most plausible first (`changes.plausibility`), then by input (one change together) and decision."""
    if not len(found.row):
        return pd.DataFrame({k: pd.Series(dtype=object) for k in FLIP_COLUMNS}).astype({"row": np.int64})
    field = found.field.astype(np.int64)
    cls, size = plausibility(fields, legal, field, found.distance, found.one_step)
    size_rank = np.zeros(len(size), dtype=np.int64)  # sizes are compared within a class: only class 2 has any
    further = cls == 2
    size_rank[further] = np.unique(size[further], return_inverse=True)[1].reshape(-1)
    # by row, class, size, field, decision: one packed integer sorts faster than five keys
    kept = np.argsort(packed([found.row, cls, size_rank, field, found.decision.astype(np.int64)]))
    return pd.DataFrame(
        {
            "row": found.row[kept],
            "decision": np.array(DECISIONS, dtype=object)[found.decision[kept]],
            "field": np.array([f.name for f in fields], dtype=object)[found.field[kept]],
            "value": _values(found, kept),
            "outcome": _outcomes(found, kept),
            "one_step": found.one_step[kept],
        }
    )


def _values(found: Found, kept: np.ndarray) -> np.ndarray:
    """The new values of the flips `kept`, pass by pass, as Python values."""
    out = np.empty(len(kept), dtype=object)
    passes = found.pass_[kept]
    by_pass = np.argsort(passes, kind="stable")
    cuts = np.searchsorted(passes[by_pass], np.arange(len(found.fields_of) + 1))
    for p, (lo, hi) in enumerate(zip(cuts[:-1].tolist(), cuts[1:].tolist())):
        if lo == hi:
            continue
        at = by_pass[lo:hi]
        out[at] = np.array([*_plain_values(found.fields_of[p], found.to[kept[at]]), None], dtype=object)[:-1]
    return out


def _outcomes(found: Found, kept: np.ndarray) -> np.ndarray:
    """The new outcomes of the flips `kept`, as their names."""
    out = np.empty(len(kept), dtype=object)
    decisions = found.decision[kept]
    for j, d in enumerate(DECISIONS):
        at = np.flatnonzero(decisions == j)
        out[at] = np.array(VOCABULARY[d], dtype=object)[found.outcome[kept[at]]]
    return out
