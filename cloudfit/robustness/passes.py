"""Rescoring the whole inventory with one column changed, many times, through `score()` only.

Applications whose decisive inputs fall in the same classes (the same code,
the same yes/no, the same value of a short whole-number range, the same
interval between a number's thresholds, the same date or year) get the same
band, deployment and strategy under any change tried, so each pass scores
one representative per class and the result is spread back to every member.
That is checked, not assumed: the representatives' own scores must give
every application its actual decisions, otherwise each application is its
own class.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cloudfit.robustness.changes import DecisiveField, neutral, positions, reads_effort
from cloudfit.scoring import ScoreResult, score
from cloudfit.scoring_model.schema import ScoringModel

DECISIONS: tuple[str, ...] = ("band", "deployment", "strategy")
READ = (*DECISIONS, "fitness", "effort_score")
CHUNK_ROWS = 100_000  # rows scored in one call when passes are stacked (bounds the memory)


def _class_key(column: pd.Series | None, field: DecisiveField, n: int) -> np.ndarray:
    """One integer per row standing for what `field` contributes to the decisions."""
    if column is None:
        return np.zeros(n, dtype=np.int64)
    kind = field.kind
    if kind == "threshold":
        x = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        return np.where(np.isnan(x), -1, np.searchsorted(field.boundaries, x, side="right")).astype(np.int64)
    if kind in ("code", "bool", "value"):
        group_of = np.array(
            [next(g for g, grp in enumerate(field.groups) if v in grp) for v in field.values] + [-1],
            dtype=np.int64,
        )
        return group_of[positions(field, column, n)]
    values = column.astype(object).where(column.notna(), None)
    codes, _ = pd.factorize(values, use_na_sentinel=True)
    return codes.astype(np.int64)


@dataclass(frozen=True)
class Classes:
    """Representatives of the applications: `frame` (one row per class) and each row's class."""

    frame: pd.DataFrame
    first: np.ndarray  # class → the row of its representative
    inverse: np.ndarray  # application row → class
    counts: np.ndarray  # applications per class


def classes(applications: pd.DataFrame, fields: Sequence[DecisiveField]) -> Classes:
    """Group applications whose decisive inputs cannot be told apart by the model."""
    names = [f.name for f in fields if f.name in applications.columns]
    narrow = applications[names].reset_index(drop=True)
    n = len(narrow)
    keys = [_class_key(narrow.get(f.name, None), f, n) for f in fields]
    if not keys or n == 0:
        first, inverse = np.arange(min(n, 1)), np.zeros(n, dtype=np.int64)
    else:
        _, first, inverse = np.unique(np.column_stack(keys), axis=0, return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1).astype(np.int64)
    counts = np.bincount(inverse, minlength=len(first))
    return Classes(narrow.iloc[first].reset_index(drop=True), first, inverse, counts)


def each_row(applications: pd.DataFrame) -> Classes:
    """Every application its own class: the fallback when classes would not be exact."""
    n = len(applications)
    rows = np.arange(n, dtype=np.int64)
    return Classes(applications.reset_index(drop=True), rows, rows, np.ones(n, dtype=np.int64))


def outcomes(result: ScoreResult) -> dict[str, np.ndarray]:
    """The decisions and scores a robustness pass reads from a score table."""
    return {name: result.table[name].to_numpy() for name in READ}


def same_decisions(expanded: Mapping[str, np.ndarray], actual: Mapping[str, np.ndarray]) -> bool:
    """The decisions and fitness agree row for row."""
    return all(
        np.array_equal(expanded[d].astype(object), actual[d].astype(object)) for d in (*DECISIONS, "fitness")
    )


def lean(model: ScoringModel) -> ScoringModel:
    """The model without work no decision reads: one priority criterion each, and one effort
    factor unless a rule reads the effort. Band, deployment and strategy stay exactly the same."""
    update: dict = {
        "priority": model.priority.model_copy(
            update={"opportunity": model.priority.opportunity[:1], "risk": model.priority.risk[:1]}
        )
    }
    factors = getattr(model.effort, "factors", None)
    if factors and not reads_effort(model):
        update["effort"] = model.effort.model_copy(update={"factors": factors[:1]})
    return model.model_copy(update=update)


@dataclass(frozen=True)
class Pass:
    """The rows of the frame to score and, optionally, one column replaced on them."""

    rows: np.ndarray
    field: DecisiveField | None = None
    values: np.ndarray | None = None


def whole(frame: pd.DataFrame) -> Pass:
    return Pass(np.arange(len(frame)))


def run(
    frame: pd.DataFrame,
    passes: Sequence[Pass],
    model: ScoringModel,
    weights: Mapping[str, float] | None,
    as_of: dt.date,
    dependencies: pd.DataFrame | None = None,
) -> list[dict[str, np.ndarray]]:
    """Score each pass's rows of `frame` with its column replaced; the passes are stacked into
    calls of about `CHUNK_ROWS` rows, so the whole inventory costs a few vectorised calls."""
    out: list[dict[str, np.ndarray]] = []
    start = 0
    while start < len(passes):
        stop, size = start, 0
        while stop < len(passes) and (stop == start or size + len(passes[stop].rows) <= CHUNK_ROWS):
            size += len(passes[stop].rows)
            stop += 1
        part = passes[start:stop]
        stacked = frame.iloc[np.concatenate([p.rows for p in part])].reset_index(drop=True)
        offsets = np.cumsum([0, *(len(p.rows) for p in part)])
        for f in {p.field.name: p.field for p in part if p.field is not None}.values():
            column = neutral(f, stacked.get(f.name), len(stacked))
            for i, p in enumerate(part):
                if p.field is not None and p.field.name == f.name:
                    column[offsets[i] : offsets[i + 1]] = p.values
            stacked[f.name] = column
        table = outcomes(score(stacked, model, weights=weights, as_of=as_of, dependencies=dependencies))
        out += [{k: v[offsets[i] : offsets[i + 1]] for k, v in table.items()} for i in range(len(part))]
        start = stop
    return out
