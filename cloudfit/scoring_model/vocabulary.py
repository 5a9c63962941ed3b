"""What a scoring model may name: outcomes, computed values, operators.

One table of operands (inventory fields plus the values the engine computes
on the way) tells both the loader (is this condition valid here?) and the
engine (how to read this field) the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from cloudfit.fields import FIELDS
from cloudfit.vocabulary import BANDS, DEPLOYMENTS, EFFORT_SIZES, STRATEGIES, TARGET_PLATFORMS

# Rule and constraint ids with this prefix belong to the engine's fixed legal layer.
RESERVED_PREFIX = "hard."


@dataclass(frozen=True)
class Operand:
    """Something a condition or a criterion can read: a field or a computed value."""

    name: str
    kind: str  # category, bool, int, float, date, text
    allowed: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    computed: bool = False


def _inventory_operands() -> dict[str, Operand]:
    out: dict[str, Operand] = {}
    for f in FIELDS:
        kind = "text" if f.kind in ("id", "text", "list") else f.kind
        out[f.name] = Operand(f.name, kind, f.allowed, f.minimum, f.maximum)
    return out


INVENTORY_OPERANDS: Mapping[str, Operand] = MappingProxyType(_inventory_operands())
COMPUTED_OPERANDS: Mapping[str, Operand] = MappingProxyType(
    {
        # dependencies plus dependants in the inventory's dependency table
        "interfaces": Operand("interfaces", "int", minimum=0, computed=True),
        "fitness": Operand("fitness", "float", minimum=0, maximum=100, computed=True),
        # the weighted share of fitness criteria whose input is known (0-1): how much evidence the fitness has
        "fitness_known": Operand("fitness_known", "float", minimum=0, maximum=1, computed=True),
        "band": Operand("band", "category", BANDS, computed=True),
        # how hard the application is to change (the effort factors), known before the strategy
        "complexity_score": Operand("complexity_score", "float", minimum=0, maximum=100, computed=True),
        # the person-days restated on 0-100 (cloudfit.scoring.effort.effort_score_of)
        "effort_score": Operand("effort_score", "float", minimum=0, maximum=100, computed=True),
        "effort_size": Operand("effort_size", "category", EFFORT_SIZES, computed=True),
        "deployment": Operand("deployment", "category", DEPLOYMENTS, computed=True),
        "strategy": Operand("strategy", "category", STRATEGIES, computed=True),
        "person_days": Operand("person_days", "float", minimum=0, computed=True),
        "target_platform": Operand("target_platform", "category", TARGET_PLATFORMS, computed=True),
        "priority": Operand("priority", "float", minimum=0, maximum=100, computed=True),
    }
)

# Which computed values exist when each part of a model is evaluated. The flow:
# consistency checks → fitness → complexity score → deployment → strategy →
# deployment after strategy → target platform → person-days → size and effort
# score → band → priority → quick win. Size, effort score and band come after
# the strategy because they read the person-days, which depend on it.
_EARLY = ("interfaces",)
_FITNESS = ("fitness", "fitness_known")
STAGE_COMPUTED: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "consistency": _EARLY,
        "fitness": _EARLY,
        "caps": _EARLY,
        "effort": _EARLY,
        "constraints": (*_EARLY, "deployment"),
        "deployment": (*_EARLY, *_FITNESS, "complexity_score"),
        "strategy": (*_EARLY, *_FITNESS, "complexity_score", "deployment"),
        "follow_strategy": (*_EARLY, *_FITNESS, "complexity_score", "deployment", "strategy"),
        "target_platform": (*_EARLY, *_FITNESS, "complexity_score", "deployment", "strategy"),
        "drivers": (*_EARLY, *_FITNESS, "complexity_score", "deployment", "strategy", "target_platform"),
        "priority": tuple(COMPUTED_OPERANDS),
        "quick_win": tuple(COMPUTED_OPERANDS),
    }
)

# Operators by operand kind; value shape: none, code, codes, number, numbers, pair.
_MISSING_OPS = {"is_missing": "none", "is_known": "none"}
OPERATORS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "category": MappingProxyType(
            {"eq": "code", "ne": "code", "in": "codes", "not_in": "codes", **_MISSING_OPS}
        ),
        "bool": MappingProxyType({"is_true": "none", "is_false": "none", **_MISSING_OPS}),
        "int": MappingProxyType(
            {
                "eq": "number",
                "ne": "number",
                "lt": "number",
                "le": "number",
                "gt": "number",
                "ge": "number",
                "between": "pair",
                "in": "numbers",
                **_MISSING_OPS,
            }
        ),
        "float": MappingProxyType(
            {
                "eq": "number",
                "ne": "number",
                "lt": "number",
                "le": "number",
                "gt": "number",
                "ge": "number",
                "between": "pair",
                **_MISSING_OPS,
            }
        ),
        "date": MappingProxyType({"within_months": "number", "beyond_months": "number", **_MISSING_OPS}),
        "text": MappingProxyType(dict(_MISSING_OPS)),
    }
)


def operands_for(stage: str) -> dict[str, Operand]:
    """Inventory fields plus the computed values available at `stage`."""
    out = dict(INVENTORY_OPERANDS)
    out.update({name: COMPUTED_OPERANDS[name] for name in STAGE_COMPUTED[stage]})
    return out


def is_year_field(operand: Operand) -> bool:
    """Whole-number fields holding a calendar year (measured as an age)."""
    return operand.kind == "int" and operand.name.startswith("year_")
