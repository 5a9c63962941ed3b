"""Declarative conditions evaluated as boolean masks over all applications at once.

A condition never runs code from the model file: it is a tree of
(field, operator, value) tests joined by `all`, `any` and `not`, each test
a numpy comparison. A test on a missing value is False (a missing security
level is not "at least 4"); `is_missing` and `not` are how a model speaks
about unknowns.
"""

from __future__ import annotations

import numpy as np

from cloudfit.scoring.inputs import Inputs
from cloudfit.scoring_model.schema import Condition


def _codes_of(inputs: Inputs, name: str, values: object) -> np.ndarray:
    allowed = inputs.operand(name).allowed
    items = values if isinstance(values, list) else [values]
    return np.array([allowed.index(v) for v in items], dtype=np.int64)


def _leaf(cond: Condition, inputs: Inputs) -> np.ndarray:
    name, op, value = cond.field or "", cond.op or "", cond.value
    if op == "is_missing":
        return ~inputs.known(name)
    if op == "is_known":
        return inputs.known(name)
    kind = inputs.operand(name).kind
    if kind == "bool":
        return inputs.codes(name) == (1 if op == "is_true" else 0)
    if kind == "category":
        codes = inputs.codes(name)
        table = np.zeros(len(inputs.operand(name).allowed) + 1, dtype=bool)  # last slot: code -1, missing
        table[_codes_of(inputs, name, value)] = True
        hit = table[codes]
        return hit if op in ("eq", "in") else ~hit & (codes >= 0)
    x = inputs.numbers(name)
    if op == "within_months":
        return x <= value
    if op == "beyond_months":
        return x > value
    if op == "between":
        return (x >= value[0]) & (x <= value[1])
    if op == "in":
        return np.isin(x, np.asarray(value, dtype=np.float64))
    if op == "ne":
        return (x != value) & ~np.isnan(x)
    return {"eq": np.equal, "lt": np.less, "le": np.less_equal, "gt": np.greater, "ge": np.greater_equal}[op](
        x, value
    )


def evaluate(cond: Condition | None, inputs: Inputs) -> np.ndarray:
    """Boolean mask, one element per application; no condition means always true."""
    if cond is None:
        return np.ones(inputs.n, dtype=bool)
    if cond.all_ is not None:
        out = np.ones(inputs.n, dtype=bool)
        for child in cond.all_:
            out &= evaluate(child, inputs)
        return out
    if cond.any_ is not None:
        out = np.zeros(inputs.n, dtype=bool)
        for child in cond.any_:
            out |= evaluate(child, inputs)
        return out
    if cond.not_ is not None:
        return ~evaluate(cond.not_, inputs)
    return _leaf(cond, inputs)
