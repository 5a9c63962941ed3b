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
class Freeze:
    """Calendar months (1-12, every year) in which `agency` (None: every agency) must not migrate."""

    months: tuple[int, ...]
    agency: str | None = None
    reason: str = ""


WORKSTREAM_MODES = ("agency", "group", "national")


@dataclass(frozen=True)
class PlanOptions:
    """Planner settings; defaults suit a ministry-sized portfolio.

    `team_days_per_month` is the national programme team that runs the
    pilot; every workstream (one per agency, per agency group, or one
    national stream) has `agency_days_per_month`, and a wave takes no
    more work than that team does in `wave_max_months` (about a quarter). `start` and `deadline`
    are months (day 1); None takes the next quarter after the assessment
    date and the scoring model's deadline. `keep_together` lists loose
    links (consumer, provider) that must not be split, i.e. move as if
    tight. `foundation_months` overrides the model's durations by
    "platform.task".
    """

    wave_max_apps: int = 20
    wave_max_days: float = 1500.0
    team_days_per_month: float = 300.0
    pilot_size: int = 10
    pins: Mapping[str, Pin] = field(default_factory=lambda: MappingProxyType({}))
    start: dt.date | None = None
    deadline: dt.date | None = None
    workstreams: str = "agency"
    agency_days_per_month: float = 60.0
    wave_max_months: int = 3
    national_apps_per_month: int | None = None
    keep_together: tuple[tuple[str, str], ...] = ()
    freezes: tuple[Freeze, ...] = ()
    foundation_months: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    agency_groups: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

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
        self._check_calendar()
        object.__setattr__(
            self, "keep_together", tuple(sorted({(str(a), str(b)) for a, b in self.keep_together}))
        )
        object.__setattr__(
            self, "foundation_months", MappingProxyType(dict(sorted(self.foundation_months.items())))
        )
        object.__setattr__(self, "agency_groups", MappingProxyType(dict(sorted(self.agency_groups.items()))))

    def _check_calendar(self) -> None:
        if self.workstreams not in WORKSTREAM_MODES:
            raise OptionsError(
                f"workstreams must be one of {', '.join(WORKSTREAM_MODES)}, not {self.workstreams!r}."
            )
        if self.wave_max_months < 1:
            raise OptionsError("wave_max_months must be at least 1.")
        if self.agency_days_per_month <= 0:
            raise OptionsError("agency_days_per_month must be greater than 0.")
        if self.national_apps_per_month is not None and self.national_apps_per_month < 1:
            raise OptionsError(
                "national_apps_per_month must be at least 1 (leave it out for no national cap)."
            )
        for name in ("start", "deadline"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, value.replace(day=1))
        for freeze in self.freezes:
            if not freeze.months or any(not 1 <= m <= 12 for m in freeze.months):
                raise OptionsError(f"A freeze names months {list(freeze.months)}; months are 1 to 12.")
        for key, months in self.foundation_months.items():
            if "." not in key or not 0 <= months <= 60:
                raise OptionsError(
                    f"foundation_months {key!r}: {months}; write 'platform.task' with 0 to 60 months."
                )

    def to_dict(self) -> dict:
        return {
            "wave_max_apps": self.wave_max_apps,
            "wave_max_days": self.wave_max_days,
            "team_days_per_month": self.team_days_per_month,
            "pilot_size": self.pilot_size,
            "pins": {k: {"wave": p.wave, "not_before": p.not_before} for k, p in self.pins.items()},
            "start": self.start.isoformat() if self.start else None,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "workstreams": self.workstreams,
            "agency_days_per_month": self.agency_days_per_month,
            "wave_max_months": self.wave_max_months,
            "national_apps_per_month": self.national_apps_per_month,
            "keep_together": [list(pair) for pair in self.keep_together],
            "freezes": [
                {"agency": f.agency, "months": list(f.months), "reason": f.reason} for f in self.freezes
            ],
            "foundation_months": dict(self.foundation_months),
            "agency_groups": dict(self.agency_groups),
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
