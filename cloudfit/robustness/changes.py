"""The inputs that decide band, deployment and strategy, and the values each can be moved to.

A scoring model is data, so the decisive inputs are read from it: every
inventory field that a fitness criterion, a cap, a constraint (the engine's
legal layer included) or a deployment or strategy rule reads, plus the effort
factors when a rule reads the effort. Each field is moved in these ways:

- category: to every other code (a blank to every code);
- yes/no: to the other answer (a blank to both);
- whole number with a short range (security level 1-5): to every other value;
- other numbers: to the nearest value across the next threshold the model
  uses for that field (a criterion's step, a condition's value), up and
  down; a blank number has no neighbour and is not moved;
- dates and years are not moved (their thresholds move with the as-of date).

A change is *one step* (what makes a decision fragile) when it moves a
graded field (`robustness.graded_fields`) to a neighbouring code or value,
or a number by at most `robustness.number_share` of its value. Yes/no
answers and unordered codes (architecture, hosting) are facts rather than
grades: their flips are listed but do not make a decision fragile.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from cloudfit.fields import FIELDS
from cloudfit.scoring import ENGINE_CONSTRAINTS
from cloudfit.scoring_model.checks import condition_fields
from cloudfit.scoring_model.schema import ScoringModel
from cloudfit.scoring_model.vocabulary import INVENTORY_OPERANDS, Operand, is_year_field

# Model sections that cannot change band, deployment or strategy.
_NOT_DECISIVE = frozenset({"priority", "quick_win", "confidence", "time_quadrant", "robustness", "effort"})
_EFFORT_VALUES = frozenset({"complexity_score", "effort_score", "effort_size"})
SHORT_RANGE = 10  # whole numbers spanning at most this many values are moved value by value
FAR = 1_000_000.0  # the distance of a change from a blank (any known value is nearer)


def _walk(node: Any) -> Iterator[dict]:
    """Every dict in a dumped model that names a field (criteria and condition leaves)."""
    if isinstance(node, dict):
        if isinstance(node.get("field"), str):
            yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _decisive_nodes(model: ScoringModel) -> list[dict]:
    dump = model.model_dump(by_alias=True)
    nodes = [n for key, part in dump.items() if key not in _NOT_DECISIVE for n in _walk(part)]
    nodes += [n for c in ENGINE_CONSTRAINTS for n in _walk(c.model_dump(by_alias=True))]
    if any(n["field"] in _EFFORT_VALUES for n in nodes):
        nodes += list(_walk(dump["effort"]))
    return nodes


def named_fields(model: ScoringModel) -> frozenset[str]:
    """Every field the model (the engine's constraints included) names anywhere: all a condition,
    criterion or driver can read."""
    nodes = [*_walk(model.model_dump(by_alias=True))]
    nodes += [n for c in ENGINE_CONSTRAINTS for n in _walk(c.model_dump(by_alias=True))]
    return frozenset(n["field"] for n in nodes)


# How plausible a flip's change is, most plausible first (the order of each application's flips).
PLAUSIBILITY: tuple[str, ...] = ("one_step", "fill_unknown", "further_step", "other_fact", "legal_jump")


def plausibility(
    fields: list[DecisiveField],
    legal: frozenset[str],
    field: np.ndarray,
    distance: np.ndarray,
    one_step: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Per flip, its class (index into PLAUSIBILITY) and size within the class (smaller is nearer).

    One step of a graded input or a number first; then a blank filled in; then
    a graded input or number moved further (by steps; a number past one step
    counts as two); then a fact answered otherwise (yes/no, unordered codes);
    last a change that brings in a legal constraint (e.g. a state-secret
    classification), which no slip in an inventory makes.
    """
    # per field first, then looked up per flip (millions of flips, a few dozen fields)
    threshold = np.array([f.kind == "threshold" for f in fields], dtype=bool)[field]
    law = np.array([f.name in legal for f in fields], dtype=bool)[field]
    blank = distance >= FAR
    ordinal = np.array(
        [(f.graded and f.kind in ("code", "value")) or f.kind == "threshold" for f in fields], dtype=bool
    )[field]
    cls = np.select([law, one_step, blank, ordinal], [4, 0, 1, 2], default=3)
    size = np.where(cls == 2, np.where(threshold, 2.0, distance), 0.0)
    return cls.astype(np.int64), size


def legal_fields(model: ScoringModel) -> frozenset[str]:
    """Fields whose value brings in a constraint of kind `law` (the engine's or the model's)."""
    return frozenset(
        name
        for c in (*ENGINE_CONSTRAINTS, *model.constraints)
        if c.kind == "law"
        for name in condition_fields(c.when)
    )


def reads_effort(model: ScoringModel) -> bool:
    """Whether a decision depends on the effort factors (a constraint or rule reads the complexity or effort)."""
    dump = model.model_dump(by_alias=True)
    return any(
        n["field"] in _EFFORT_VALUES
        for key, part in dump.items()
        if key not in _NOT_DECISIVE
        for n in _walk(part)
    )


def reads_platform(model: ScoringModel) -> bool:
    """Whether a decision depends on the target platform: only the person-days come after it (and
    the band's effort ceiling after them), so only an effort driver can read it."""
    return any(n["field"] == "target_platform" for n in _walk(model.effort.model_dump(by_alias=True)))


def _resolution(operand: Operand) -> float:
    return 1.0 if operand.kind == "int" else 0.01


def _leaf_boundaries(node: dict, operand: Operand) -> list[float]:
    """The smallest values at which a condition on a number changes its answer."""
    op, value, res = node.get("op"), node.get("value"), _resolution(operand)
    if op in ("ge", "lt"):
        return [float(value)]
    if op in ("gt", "le"):
        return [float(value) + res]
    if op in ("eq", "ne"):
        return [float(value), float(value) + res]
    if op == "in":
        return [b for v in value for b in (float(v), float(v) + res)]
    if op == "between":
        return [float(value[0]), float(value[1]) + res]
    return []


def _answer(node: dict, value: Any) -> Any:
    """What one criterion or condition makes of `value`: its points, or whether it holds."""
    op, target = node.get("op"), node.get("value")
    if node.get("points") is not None:
        return node["points"].get(value, node["points"].get(str(value)))
    if node.get("steps") is not None:
        if node.get("measure") == "age_years":
            return None
        limits = [s["below"] for s in node["steps"][:-1]]
        return node["steps"][int(np.searchsorted(np.array(limits, float), float(value), side="right"))][
            "points"
        ]
    tests = {
        "eq": lambda v: v == target, "ne": lambda v: v != target,
        "in": lambda v: v in target, "not_in": lambda v: v not in target,
        "is_true": lambda v: v is True, "is_false": lambda v: v is False,
        "ge": lambda v: v >= target, "gt": lambda v: v > target,
        "le": lambda v: v <= target, "lt": lambda v: v < target,
        "between": lambda v: target[0] <= v <= target[1],
    }  # fmt: skip
    if op in tests:
        return tests[op](value)
    return None if op in ("is_missing", "is_known") else value  # anything else: tell every value apart


def _groups(values: tuple, nodes: list[dict]) -> tuple[tuple, ...]:
    """`values` grouped by what the model makes of them: values alike everywhere are tried once."""
    seen: dict[tuple, list] = {}
    for value in values:
        seen.setdefault(tuple(repr(_answer(node, value)) for node in nodes), []).append(value)
    return tuple(tuple(group) for group in seen.values())


@dataclass(frozen=True)
class DecisiveField:
    """One decisive input: how it is moved, whether it is graded, its value groups and thresholds."""

    name: str
    operand: Operand
    kind: str  # code, bool, value (short whole-number range), threshold, or fixed (never moved)
    graded: bool
    values: tuple = ()  # every code or value, in order (code, bool, value)
    groups: tuple[tuple, ...] = ()  # `values` the model treats alike
    boundaries: np.ndarray = field(default_factory=lambda: np.zeros(0))  # thresholds (threshold)


def _kind(operand: Operand) -> str:
    if operand.kind not in ("category", "bool", "int", "float") or is_year_field(operand):
        return "fixed"
    if operand.kind in ("category", "bool"):
        return "code" if operand.kind == "category" else "bool"
    lo, hi = operand.minimum, operand.maximum
    if operand.kind == "int" and lo is not None and hi is not None and hi - lo <= SHORT_RANGE:
        return "value"
    return "threshold"


def decisive_fields(model: ScoringModel) -> list[DecisiveField]:
    """The inventory fields that can change a band, deployment or strategy, in registry order.

    Dates, years and text are among them when the model reads them, as `fixed`: never moved.
    """
    nodes = _decisive_nodes(model)
    graded = set(model.robustness.graded_fields)
    out = []
    for spec in FIELDS:
        operand = INVENTORY_OPERANDS[spec.name]
        mine = [n for n in nodes if n["field"] == spec.name]
        if not mine:
            continue
        kind = _kind(operand)
        values: tuple = ()
        if kind == "code":
            values = operand.allowed
        elif kind == "bool":
            values = (False, True)
        elif kind == "value":
            values = tuple(range(int(operand.minimum or 0), int(operand.maximum or 0) + 1))
        bounds: list[float] = []
        if kind == "threshold":
            for node in mine:
                bounds += [s["below"] for s in node.get("steps") or [] if s.get("below") is not None]
                bounds += _leaf_boundaries(node, operand)
            if operand.minimum is not None:
                bounds = [b for b in bounds if b > operand.minimum]
        groups = _groups(values, mine) if kind in ("code", "value") else tuple((v,) for v in values)
        out.append(
            DecisiveField(
                spec.name,
                operand,
                kind,
                spec.name in graded,
                values,
                groups,
                np.unique(np.array(bounds, float)),
            )
        )
    return out


def positions(field: DecisiveField, column: pd.Series | None, n: int) -> np.ndarray:
    """Per row, the index of the current value in `field.values` (-1 when blank or not a value)."""
    if column is None:
        return np.full(n, -1, dtype=np.int64)
    if field.kind == "bool":
        return column.astype("boolean").to_numpy(dtype=np.int64, na_value=-1)
    if field.kind == "value":
        x = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        lo = field.values[0]
        at = np.where(np.isnan(x), -1, x - lo)
        return np.where((at >= 0) & (at < len(field.values)) & (at == np.floor(at)), at, -1).astype(np.int64)
    return pd.Index(field.values, dtype=object).get_indexer(column.astype(object)).astype(np.int64)


def neutral(field: DecisiveField, column: pd.Series | None, n: int) -> np.ndarray:
    """A column as the plain array a pass writes into: objects (codes, yes/no) or floats."""
    if column is None:
        return np.full(n, np.nan) if field.kind in ("value", "threshold") else np.full(n, None, dtype=object)
    if field.kind in ("value", "threshold"):
        return pd.to_numeric(column, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return column.astype(object).where(column.notna(), None).to_numpy(dtype=object)


def current(field: DecisiveField, column: pd.Series | None, n: int) -> np.ndarray:
    """What every change of `field` starts from, read once per field: the index into `field.values`
    (-1 when blank; codes, yes/no, short ranges) or the number (NaN when blank; other kinds too)."""
    if field.kind in ("code", "bool", "value"):
        return positions(field, column, n)
    if field.kind == "threshold":
        return neutral(field, column, n)
    return np.full(n, np.nan)


def _nearest(field: DecisiveField) -> np.ndarray:
    """(value index, target group) → the group member nearest the value (the first of equals); the
    last row is a blank's. A lookup table, so no pass computes distances to every member per row."""
    table = np.empty((len(field.values) + 1, len(field.groups)), dtype=np.int64)
    for g, group in enumerate(field.groups):
        members = np.array([field.values.index(v) for v in group], dtype=np.int64)
        for at in [*range(len(field.values)), -1]:
            table[at, g] = members[np.argmin(np.abs(members - at))]
    return table


@dataclass(frozen=True)
class Move:
    """One change tried on every application (rows where it does not apply hold anything)."""

    to: np.ndarray  # the new value: index into `field.values` (codes, yes/no, values) or the number
    applies: np.ndarray  # bool: the change applies to the row
    distance: np.ndarray  # how far the new value is from the current one (FAR from a blank)
    one_step: np.ndarray  # bool: the change is one step (see the module docstring)


@dataclass(frozen=True)
class Change:
    """One pass over a field: every application moved `shift` groups on, or across a threshold.

    Codes and values are grouped (`DecisiveField.groups`); with k groups,
    shift s moves an application in group g to group (g + s) mod k, so the
    k - 1 shifts try every other group once and each pass moves every known
    application. A blank is moved to group s - 1 (shift k moves blanks only).
    A number moves `up` or `down` across its nearest threshold.
    """

    field: DecisiveField
    shift: int = 0
    direction: str = ""

    def move(self, start: np.ndarray, number_share: float, nearest: np.ndarray | None = None) -> Move:
        """The change from `start` (`current` of the field); `nearest` is `_nearest` of a grouped field."""
        f = self.field
        if f.kind in ("code", "bool", "value"):
            return self._grouped(start, _nearest(f) if nearest is None else nearest)
        x = start
        known = ~np.isnan(x)
        b = f.boundaries
        if self.direction == "up":
            at = np.searchsorted(b, x, side="right")
            ok = known & (at < len(b))
            new = np.where(ok, b[np.minimum(at, len(b) - 1)], np.nan)
        else:
            at = np.searchsorted(b, x, side="right") - 1
            ok = known & (at >= 0)
            new = np.where(ok, b[np.maximum(at, 0)] - _resolution(f.operand), np.nan)
            if f.operand.minimum is not None:
                ok &= new >= f.operand.minimum
        distance = np.where(ok, np.abs(new - x), FAR)
        one_step = ok & (distance <= number_share * np.abs(x))
        return Move(new, ok, distance, one_step)

    def _grouped(self, current: np.ndarray, nearest: np.ndarray) -> Move:
        f = self.field
        k = len(f.groups)
        group_of = np.array([next(g for g, grp in enumerate(f.groups) if v in grp) for v in f.values] + [-1])
        own = group_of[current]
        known = current >= 0
        target = np.where(known, (own + self.shift) % k, self.shift - 1)
        applies = np.where(known, self.shift < k, True)
        to = nearest[current, target]
        distance = np.where(known, np.abs(to - current), FAR).astype(float)
        one_step = applies & known & (distance == 1) & f.graded & (f.kind != "bool")
        return Move(to, applies, distance, one_step)


def moves(field: DecisiveField, start: np.ndarray, number_share: float) -> list[Move]:
    """Every change of `field` (`changes`) from `start` (`current`: the column read once for all)."""
    nearest = _nearest(field) if field.kind in ("code", "bool", "value") else None
    return [c.move(start, number_share, nearest) for c in changes(field)]


def changes(field: DecisiveField) -> list[Change]:
    """The passes that move `field`: one per shift between its groups, or up and down a threshold."""
    if field.kind in ("code", "bool", "value"):
        return [Change(field, shift=s) for s in range(1, len(field.groups) + 1)]
    if field.kind == "threshold" and len(field.boundaries):
        return [Change(field, direction="down"), Change(field, direction="up")]
    return []
