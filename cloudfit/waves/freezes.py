"""Freeze periods: months in which an agency (or every agency) must not migrate.

Tax deadlines, exam season, year-end closing: the scoring model may
declare freezes for everyone (`programme.freezes`), the planner settings
add their own. A freeze names an agency or an agency group (a province
freezes all its departments); `all` or no agency freezes everyone.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cloudfit.options import Freeze
from cloudfit.scoring_model.programme import Freeze as ModelFreeze
from cloudfit.text import fold_key
from cloudfit.waves.calendar import mask_of

EVERYONE = ("", "all", "*")


@dataclass(frozen=True)
class FreezeRule:
    agency: str | None
    mask: int
    reason: str


def freeze_rules(model: list[ModelFreeze], options: tuple[Freeze, ...]) -> list[FreezeRule]:
    rules = [
        FreezeRule(None if f.agency in EVERYONE else f.agency, mask_of(f.months), f.reason) for f in model
    ]
    rules += [
        FreezeRule(None if (f.agency or "") in EVERYONE else f.agency, mask_of(f.months), f.reason)
        for f in options
    ]
    return rules


def freeze_masks(agencies: np.ndarray, groups: np.ndarray, rules: list[FreezeRule]) -> np.ndarray:
    """The freeze mask of each application: every rule naming everyone, its agency or its group."""
    masks = np.zeros(len(agencies), dtype=np.int64)
    if any(rule.agency is not None for rule in rules):
        folded_agency, folded_group = _folded(agencies), _folded(groups)
    for rule in rules:
        if rule.agency is None:
            masks |= rule.mask
        else:
            key = fold_key(rule.agency)
            masks[(folded_agency == key) | (folded_group == key)] |= rule.mask
    return masks


def _folded(names: np.ndarray) -> np.ndarray:
    codes, uniques = pd.factorize(pd.Series(names, dtype=object).fillna(""))
    return np.array([fold_key(str(u)) for u in uniques] + [""], dtype=object)[codes]
