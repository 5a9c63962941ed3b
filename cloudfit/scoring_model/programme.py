"""The `programme` section of a scoring model: the deadline and what comes before the first wave.

Optional in a model file: a model without it gets the defaults below,
which follow Decision 1121/QĐ-TTg (11 June 2025): at least 70% of existing
systems converted to cloud by 2030. Foundation durations are cloudfit's
own estimates (policy): how long a ministry typically needs to procure
cloud services, onboard a platform, connect it to the government data
network and have the system's security level re-approved.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from cloudfit.platforms import TARGET_PLATFORMS

Months = Annotated[int, Field(ge=0, le=60)]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _known_keys(cls, data: Any) -> Any:
        if isinstance(data, dict):
            allowed = list(cls.model_fields)
            unknown = [str(k) for k in data if k not in allowed]
            if unknown:
                raise ValueError(f"unknown key {unknown[0]!r}; allowed keys here: {', '.join(allowed)}")
        return data


class FoundationTask(_Part):
    """One piece of groundwork for a platform; the tasks of a platform run one after another."""

    task: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
    months: Months


class Freeze(_Part):
    """Calendar months (1-12, every year) in which an agency, or every agency, must not migrate."""

    agency: str = "all"
    months: list[Annotated[int, Field(ge=1, le=12)]] = Field(min_length=1)
    reason: str = ""


def _tasks(*pairs: tuple[str, int]) -> list[FoundationTask]:
    return [FoundationTask(task=task, months=months) for task, months in pairs]


# [OWN] estimates of a ministry's lead times; procurement only where a provider is contracted.
DEFAULT_FOUNDATIONS: dict[str, list[FoundationTask]] = {
    "national_data_center": _tasks(("ndc_onboarding", 3), ("connectivity", 2), ("security_approval", 2)),
    "ministry_or_provincial_dc": _tasks(("landing_zone", 2), ("connectivity", 1), ("security_approval", 2)),
    "certified_gov_cloud": _tasks(
        ("procurement", 3), ("landing_zone", 2), ("connectivity", 1), ("security_approval", 2)
    ),
    "certified_public_cloud_vn": _tasks(("procurement", 3), ("landing_zone", 1), ("security_approval", 1)),
    "saas": _tasks(("procurement", 3), ("security_approval", 1)),
}


DEFAULT_BASIS = "Decision 1121/QĐ-TTg (2025): at least 70% of existing systems converted to cloud by 2030"
DEFAULT_BASIS_VI = "Quyết định 1121/QĐ-TTg (2025): ít nhất 70% hệ thống hiện có được chuyển đổi lên điện toán đám mây đến năm 2030"


class Programme(_Part):
    """Deadline, target share, foundations per target platform and freeze periods."""

    deadline: dt.date = dt.date(2030, 12, 31)
    target_share: Annotated[float, Field(gt=0, le=1)] = 0.7
    basis: str = DEFAULT_BASIS
    basis_vi: str = ""  # the default basis reads in Vietnamese without it (`model_text`)
    foundations: dict[str, list[FoundationTask]] = Field(default_factory=lambda: dict(DEFAULT_FOUNDATIONS))
    freezes: list[Freeze] = []

    @field_validator("deadline", mode="before")
    @classmethod
    def _date_text(cls, value: Any) -> Any:
        """A deadline quoted in the YAML ('2030-12-31') is read as the date it names."""
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"deadline must be a date written YYYY-MM-DD, not {value!r}") from None
        return value

    @field_validator("foundations")
    @classmethod
    def _known_platforms(cls, value: dict[str, list[FoundationTask]]) -> dict[str, list[FoundationTask]]:
        unknown = [p for p in value if p not in TARGET_PLATFORMS]
        if unknown:
            raise ValueError(f"unknown platform {unknown[0]!r}; platforms: {', '.join(TARGET_PLATFORMS)}")
        return value
