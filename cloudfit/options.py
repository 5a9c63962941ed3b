"""Options of an assessment: what-if weights, the reference date, the planner.

Kept apart from the stages so the CLI, the UI and the planner share one
definition and one set of bounds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from cloudfit.errors import OptionsError


@dataclass(frozen=True)
class Pin:
    """An analyst's wish for one application: exactly `wave`, or `not_before` it."""

    wave: int
    not_before: bool = False


@dataclass(frozen=True)
class PlanOptions:
    """Planner settings; defaults suit a ministry-sized portfolio."""

    wave_max_apps: int = 20
    wave_max_days: float = 1500.0
    team_days_per_month: float = 300.0
    pilot_size: int = 10
    pins: Mapping[str, Pin] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if self.wave_max_apps < 1:
            raise OptionsError("wave_max_apps must be at least 1.")
        if self.wave_max_days <= 0:
            raise OptionsError("wave_max_days must be greater than 0.")
        if self.team_days_per_month <= 0:
            raise OptionsError("team_days_per_month must be greater than 0.")
        if self.pilot_size < 0:
            raise OptionsError("pilot_size cannot be negative (0 means no pilot wave).")
        for app_id, pin in self.pins.items():
            if pin.wave < 1:
                raise OptionsError(f"The pin of {app_id} names wave {pin.wave}; waves start at 1.")
        object.__setattr__(self, "pins", MappingProxyType(dict(sorted(self.pins.items()))))

    def to_dict(self) -> dict:
        return {
            "wave_max_apps": self.wave_max_apps,
            "wave_max_days": self.wave_max_days,
            "team_days_per_month": self.team_days_per_month,
            "pilot_size": self.pilot_size,
            "pins": {k: {"wave": p.wave, "not_before": p.not_before} for k, p in self.pins.items()},
        }


@dataclass(frozen=True)
class AssessOptions:
    """Everything besides the inventory and the model that shapes a result.

    `weights` overrides criterion weights by criterion id (the what-if
    sliders) without touching the model file. `as_of` is the date that
    date criteria (licence expiry, hardware refresh) are measured from; it
    is recorded in every export so a result can be reproduced.
    """

    weights: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    as_of: dt.date = field(default_factory=dt.date.today)
    plan: PlanOptions = field(default_factory=PlanOptions)

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", MappingProxyType(dict(sorted(self.weights.items()))))

    def to_dict(self) -> dict:
        return {"weights": dict(self.weights), "as_of": self.as_of.isoformat(), "plan": self.plan.to_dict()}
