"""Deciding the whole inventory again with one input changed, many times, through the engine's flow.

The inputs are converted to arrays once (`convert`); a pass takes rows of
them, replaces one field and runs `run_flow`, the decisions part of
`score()` (no priority, confidence, labels or findings, which no decision
reads).

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

from cloudfit.robustness.changes import DecisiveField, named_fields, reads_effort, reads_platform
from cloudfit.scoring import ScoreResult, effective_weights
from cloudfit.scoring.flow import Flow, run_flow
from cloudfit.scoring.inputs import Inputs
from cloudfit.scoring_model.schema import ScoringModel
from cloudfit.scoring_model.vocabulary import INVENTORY_OPERANDS
from cloudfit.vocabulary import BANDS, DEPLOYMENTS, STRATEGIES

DECISIONS: tuple[str, ...] = ("band", "deployment", "strategy")
VOCABULARY: dict[str, tuple[str, ...]] = {"band": BANDS, "deployment": DEPLOYMENTS, "strategy": STRATEGIES}
CHUNK_ROWS = 100_000  # rows scored in one call when passes are stacked (bounds the memory)


def _class_key(start: np.ndarray | None, column: pd.Series | None, field: DecisiveField) -> np.ndarray:
    """One integer (-1 or more) per row standing for what `field` contributes to the decisions;
    `start` is `changes.current` of the field when it is moved (read once for the passes too)."""
    kind = field.kind
    if kind == "threshold":
        return np.where(np.isnan(start), -1, np.searchsorted(field.boundaries, start, side="right")).astype(
            np.int64
        )
    if kind in ("code", "bool", "value"):
        group_of = np.array(
            [next(g for g, grp in enumerate(field.groups) if v in grp) for v in field.values] + [-1],
            dtype=np.int64,
        )
        return group_of[start]
    if column is None:
        return np.zeros(len(start), dtype=np.int64)
    values = column.astype(object).where(column.notna(), None)
    codes, _ = pd.factorize(values, use_na_sentinel=True)
    return codes.astype(np.int64)


def packed(keys: Sequence[np.ndarray]) -> np.ndarray:
    """One int64 per row that orders the rows as their keys do, the first key first: what
    np.unique(axis=0) would sort by, at the cost of a sort of plain integers. Where the packed
    number would overflow, it is replaced by its rank first (same order)."""
    code = np.zeros(len(keys[0]), dtype=np.int64)
    for key in keys:
        radix = int(key.max(initial=-1)) + 2
        if int(code.max(initial=0)) >= (1 << 62) // radix:
            code = np.unique(code, return_inverse=True)[1].reshape(-1).astype(np.int64)
        code = code * radix + (key + 1)
    return code


@dataclass(frozen=True)
class Classes:
    """Representatives of the applications: their converted inputs (one row per class) and each row's class."""

    arrays: dict[str, np.ndarray]  # `Inputs.convert` of the representatives, plus the interfaces
    first: np.ndarray  # class → the row of its representative
    inverse: np.ndarray  # application row → class
    counts: np.ndarray  # applications per class

    @property
    def size(self) -> int:
        return len(self.first)


def convert(
    applications: pd.DataFrame, interfaces: np.ndarray, as_of: dt.date, model: ScoringModel
) -> dict[str, np.ndarray]:
    """Every input of every application as the arrays the flow reads, converted once for all passes.

    A text field is read only by a condition that names it, so those the model never names are
    left out: telling a filled text from a blank one costs a Python call per cell.
    """
    named = named_fields(model)
    inputs = Inputs(applications, as_of)
    arrays = {
        name: inputs.converted(name)
        for name, operand in INVENTORY_OPERANDS.items()
        if operand.kind != "text" or name in named
    }
    arrays["interfaces"] = interfaces
    return arrays


def classes(
    applications: pd.DataFrame,
    arrays: Mapping[str, np.ndarray],
    fields: Sequence[DecisiveField],
    starts: Mapping[str, np.ndarray],
) -> Classes:
    """Group applications whose decisive inputs cannot be told apart by the model
    (`starts`: `changes.current` of every field, by name)."""
    n = len(applications)
    narrow = applications.reset_index(drop=True)
    keys = [_class_key(starts[f.name], narrow.get(f.name), f) for f in fields]
    if not keys or n == 0:
        first, inverse = np.arange(min(n, 1)), np.zeros(n, dtype=np.int64)
    else:
        _, first, inverse = np.unique(packed(keys), return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1).astype(np.int64)
    counts = np.bincount(inverse, minlength=len(first))
    return Classes({k: v[first] for k, v in arrays.items()}, first, inverse, counts)


def each_row(arrays: dict[str, np.ndarray]) -> Classes:
    """Every application its own class: the fallback when classes would not be exact."""
    rows = np.arange(len(arrays["interfaces"]), dtype=np.int64)
    return Classes(arrays, rows, rows, np.ones(len(rows), dtype=np.int64))


def outcomes(flow: Flow) -> dict[str, np.ndarray]:
    """The decisions (codes into BANDS, DEPLOYMENTS, STRATEGIES) and scores a robustness pass reads."""
    return {
        "band": flow.band,
        "deployment": flow.deployment.outcome,
        "strategy": flow.strategy.outcome,
        "fitness": flow.fitness.fitness,
        "complexity_score": flow.effort.score,
    }


def scored_outcomes(result: ScoreResult) -> dict[str, np.ndarray]:
    """`outcomes` as the score table shows them."""
    table = result.table
    out = {d: pd.Index(VOCABULARY[d]).get_indexer(table[d]).astype(np.int64) for d in DECISIONS}
    return {**out, **{k: table[k].to_numpy(dtype=float) for k in ("fitness", "complexity_score")}}


def same_decisions(expanded: Mapping[str, np.ndarray], actual: Mapping[str, np.ndarray]) -> bool:
    """The decisions and fitness agree row for row."""
    return all(np.array_equal(expanded[d], actual[d]) for d in (*DECISIONS, "fitness"))


def lean(model: ScoringModel) -> ScoringModel:
    """The model without work no decision reads: one priority criterion each, one effort factor
    unless a rule reads the effort, and only the last target-platform rule unless an effort driver
    reads the platform. Band, deployment and strategy stay exactly the same."""
    update: dict = {
        "priority": model.priority.model_copy(
            update={"opportunity": model.priority.opportunity[:1], "risk": model.priority.risk[:1]}
        )
    }
    factors = getattr(model.effort, "factors", None)
    if factors and not reads_effort(model):
        update["effort"] = model.effort.model_copy(update={"factors": factors[:1]})
    platform = model.target_platform
    if platform.rules and not reads_platform(model):
        update["target_platform"] = platform.model_copy(update={"rules": platform.rules[-1:]})
    return model.model_copy(update=update)


@dataclass(frozen=True)
class Pass:
    """The rows to score and, optionally, one field replaced on them (values as `Inputs.converted` gives them)."""

    rows: np.ndarray
    field: DecisiveField | None = None
    values: np.ndarray | None = None


def whole(cls: Classes) -> Pass:
    return Pass(np.arange(cls.size))


def converted(field: DecisiveField, values: np.ndarray, as_of: dt.date) -> np.ndarray:
    """New values of one field (codes, yes/no, numbers, blanks as None or NaN) as the flow reads them."""
    dtype = object if field.kind in ("code", "bool") else float
    column = pd.Series(values, dtype=dtype)
    return Inputs(pd.DataFrame({field.name: column}), as_of).converted(field.name)


def decisions(
    arrays: Mapping[str, np.ndarray],
    model: ScoringModel,
    weights: Mapping[str, float],
    as_of: dt.date,
) -> dict[str, np.ndarray]:
    """The decisions of applications given as converted arrays (all of one length), under checked weights."""
    n = len(arrays["interfaces"])
    return outcomes(run_flow(model, Inputs.of_arrays(arrays, n, as_of), weights))


def run(
    arrays: Mapping[str, np.ndarray],
    passes: Sequence[Pass],
    model: ScoringModel,
    weights: Mapping[str, float] | None,
    as_of: dt.date,
) -> list[dict[str, np.ndarray]]:
    """Decide each pass's rows with its field replaced; the passes are stacked into calls of
    about `CHUNK_ROWS` rows, so the whole inventory costs a few vectorised calls."""
    used = effective_weights(model, weights)
    out: list[dict[str, np.ndarray]] = []
    start = 0
    while start < len(passes):
        stop, size = start, 0
        while stop < len(passes) and (stop == start or size + len(passes[stop].rows) <= CHUNK_ROWS):
            size += len(passes[stop].rows)
            stop += 1
        part = passes[start:stop]
        rows = np.concatenate([p.rows for p in part])
        stacked = {k: v[rows] for k, v in arrays.items()}
        offsets = np.cumsum([0, *(len(p.rows) for p in part)])
        for i, p in enumerate(part):
            if p.field is not None:
                stacked[p.field.name][offsets[i] : offsets[i + 1]] = p.values
        table = decisions(stacked, model, used, as_of)
        out += [{k: v[offsets[i] : offsets[i + 1]] for k, v in table.items()} for i in range(len(part))]
        start = stop
    return out
