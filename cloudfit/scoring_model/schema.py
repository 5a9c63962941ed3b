"""The shape of a scoring model file, as pydantic models.

Strict on purpose: a weight written as "10" (text) or a key spelled wrong is
an error, not a guess. Every text a person reads (`title`, `description`,
`label`, `reason`, `basis`, `source`, `message`, band `definitions`) may have a
Vietnamese sibling of the same name with `_vi` (`reason_vi`, `definitions_vi`);
left out, the English is shown (see `cloudfit.model_text`). What depends on
the field registry (does this field exist, does this operator fit it) is
checked afterwards in `checks.py`, so that one walk can name the exact key
path of every problem.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from cloudfit.scoring_model.programme import Programme

# Every number of a model is finite and bounded, so no weight, step or duration can overflow
# the scoring arithmetic (an infinite weight would turn every fitness into nonsense).
MAX_WEIGHT = 1_000.0
MAX_PERSON_DAYS = 100_000.0
MAX_STEP = 1e12
Weight = Annotated[float, Field(ge=0, le=MAX_WEIGHT, allow_inf_nan=False)]
Points = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
Score = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
Days = Annotated[float, Field(ge=0, le=MAX_PERSON_DAYS, allow_inf_nan=False)]
StepBound = Annotated[float, Field(ge=-MAX_STEP, le=MAX_STEP, allow_inf_nan=False)]
Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_.]*$", max_length=60)]
Text = Annotated[str, Field(min_length=1)]
Deployment = Literal["public", "hybrid", "private", "on_premises", "none"]
Strategy = Literal["rehost", "relocate", "replatform", "refactor", "repurchase", "retire", "retain"]
BandCode = Literal["red", "yellow_red", "yellow", "yellow_green", "green"]
SizeCode = Literal["S", "M", "L", "XL"]
RuleKind = Literal["law", "policy"]
Platform = Literal[
    "national_data_center",
    "ministry_or_provincial_dc",
    "certified_gov_cloud",
    "certified_public_cloud_vn",
    "saas",
    "current_hosting",
    "none",
]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _known_keys(cls, data: Any) -> Any:
        """Name the unknown key and list the allowed ones (pydantic alone only says 'extra')."""
        if isinstance(data, dict):
            allowed = [f.alias or name for name, f in cls.model_fields.items()]
            unknown = [str(k) for k in data if k not in allowed]
            if unknown:
                raise ValueError(f"unknown key {unknown[0]!r}; allowed keys here: {', '.join(allowed)}")
        return data


class Condition(_Part):
    """A test on one operand (`field`, `op`, `value`) or a combination (`all`, `any`, `not`)."""

    field: str | None = None
    op: str | None = None
    value: Any = None
    all_: list[Condition] | None = Field(None, alias="all", min_length=1)
    any_: list[Condition] | None = Field(None, alias="any", min_length=1)
    not_: Condition | None = Field(None, alias="not")

    @model_validator(mode="after")
    def _one_form(self) -> Condition:
        forms = [self.field is not None, self.all_ is not None, self.any_ is not None, self.not_ is not None]
        if sum(forms) != 1:
            raise ValueError(
                "a condition is exactly one of: {field, op, value}, {all: [...]}, {any: [...]}, {not: {...}}"
            )
        if self.field is not None and self.op is None:
            raise ValueError("a condition on a field needs 'op' (the operator)")
        if self.field is None and (self.op is not None or "value" in self.model_fields_set):
            raise ValueError("'op' and 'value' belong with 'field'")
        return self

    @property
    def has_value(self) -> bool:
        return "value" in self.model_fields_set


class Step(_Part):
    """One step of a numeric scale: values below `below` (and not an earlier step) score `points`."""

    below: StepBound | None = None
    points: Points


class Criterion(_Part):
    """An operand mapped to points 0-1, with a weight and the points a missing value gets."""

    id: Identifier
    field: str
    label: str = ""
    label_vi: str = ""
    group: str | None = None
    weight: Weight
    points: dict[Any, Points] | None = None
    steps: list[Step] | None = Field(None, min_length=1)
    measure: Literal["value", "age_years"] = "value"
    missing: Points


class Group(_Part):
    id: Identifier
    label: Text
    label_vi: str = ""


class Cap(_Part):
    """While `when` holds, fitness is at most `max`."""

    id: Identifier
    when: Condition
    max: Score
    band: BandCode | None = None  # the band `max` must land in (checked at load)
    reason: Text
    reason_vi: str = ""
    kind: RuleKind = "policy"
    basis: str = ""
    basis_vi: str = ""
    cites: list[str] = []


class BandDefinitions(_Part):
    """What each colour means, quoted from the source the model names."""

    red: Text
    yellow_red: Text
    yellow: Text
    yellow_green: Text
    green: Text


class Bands(_Part):
    """Lowest fitness of each readiness band above Red (World Bank five-colour scale).

    `max_for_effort` keeps a band honest: an application whose person-days
    fall in a size listed there gets at most that band, whatever its fitness.
    """

    yellow_red: Score
    yellow: Score
    yellow_green: Score
    green: Score
    definitions: BandDefinitions | None = None
    definitions_vi: BandDefinitions | None = None
    source: str = ""
    source_vi: str = ""
    max_for_effort: dict[SizeCode, BandCode] = {}


class Fitness(_Part):
    groups: list[Group] = Field(min_length=1)
    criteria: list[Criterion] = Field(min_length=1)
    caps: list[Cap] = []
    bands: Bands


class SizeThresholds(_Part):
    """Lowest person-days of each T-shirt size above S."""

    M: Days
    L: Days
    XL: Days


class StrategyMultipliers(_Part):
    rehost: Weight
    relocate: Weight
    replatform: Weight
    refactor: Weight
    repurchase: Weight
    retire: Weight
    retain: Weight


class Driver(_Part):
    """One source of person-days; its days are multiplied by the strategy's factor.

    scale `linear`: days x value; `log2`: days x log2(1 + value / unit) (each
    doubling of the volume adds the same work); `flag`: days where `when`
    holds; `per_value`: days by code of a category field. `missing` is the
    value (linear, log2) or the days (per_value) assumed when the field is empty.
    """

    id: Identifier
    label: str = ""
    label_vi: str = ""
    field: str | None = None
    scale: Literal["linear", "log2", "flag", "per_value"]
    days: Weight = 0.0
    unit: Annotated[float, Field(gt=0)] = 1.0
    values: dict[str, Weight] | None = None
    when: Condition | None = None
    missing: Weight = 0.0
    strategies: dict[Strategy, Weight] = {}
    source: Text
    source_vi: str = ""


class Effort(_Part):
    """Complexity score (factors) and person-days (base per strategy + drivers), sized S-XL."""

    factors: list[Criterion] = Field(min_length=1)
    sizes: SizeThresholds
    base_days: StrategyMultipliers
    strategy_multipliers: StrategyMultipliers
    drivers: list[Driver] = Field(min_length=1)


class Constraint(_Part):
    """While `when` holds, only the listed outcomes are possible; the first is used if the rules chose another."""

    id: Identifier
    when: Condition
    deployment: list[Deployment] | None = Field(None, min_length=1)
    strategy: list[Strategy] | None = Field(None, min_length=1)
    reason: Text
    reason_vi: str = ""
    kind: RuleKind = "policy"
    basis: str = ""
    basis_vi: str = ""
    cites: list[str] = []

    @model_validator(mode="after")
    def _restricts_something(self) -> Constraint:
        if self.deployment is None and self.strategy is None:
            raise ValueError("a constraint needs 'deployment' or 'strategy' (the outcomes it allows)")
        return self


class DeploymentRule(_Part):
    id: Identifier
    when: Condition | None = None
    outcome: Deployment
    reason: Text
    reason_vi: str = ""
    kind: RuleKind = "policy"
    basis: str = ""
    basis_vi: str = ""
    cites: list[str] = []


class StrategyRule(_Part):
    id: Identifier
    when: Condition | None = None
    outcome: Strategy
    reason: Text
    reason_vi: str = ""
    kind: RuleKind = "policy"
    basis: str = ""
    basis_vi: str = ""
    cites: list[str] = []


class DeploymentRules(_Part):
    """`rules` place the application; `follow_strategy` then adjusts moving strategies (e.g. SaaS).

    Retire (`none`) and retain (where it runs) are fixed by the engine.
    """

    rules: list[DeploymentRule] = Field(min_length=1)
    follow_strategy: list[DeploymentRule] = []


class PlatformRule(_Part):
    id: Identifier
    when: Condition | None = None
    outcome: Platform
    reason: Text
    reason_vi: str = ""
    kind: RuleKind = "policy"
    basis: str = ""
    basis_vi: str = ""
    cites: list[str] = []


class TargetPlatformRules(_Part):
    rules: list[PlatformRule] = Field(min_length=1)


class ConsistencyCheck(_Part):
    """A declared security level checked against what another input implies.

    Where `when` holds and the declared level is below `implied_level`, a
    warning finding is raised and the stricter level is used for scoring.
    """

    id: Identifier
    when: Condition
    implied_level: Annotated[int, Field(ge=1, le=5)]
    message: Text
    message_vi: str = ""
    kind: RuleKind
    basis: str = ""
    basis_vi: str = ""
    cites: list[str] = []


class StrategyRules(_Part):
    rules: list[StrategyRule] = Field(min_length=1)


class PriorityWeights(_Part):
    opportunity: Weight
    ease: Weight
    risk: Weight


class Priority(_Part):
    """priority = weighted mean of opportunity, ease (100 - effort) and safety (100 - risk)."""

    weights: PriorityWeights
    opportunity: list[Criterion] = Field(min_length=1)
    risk: list[Criterion] = Field(min_length=1)
    zero_for: list[Strategy] = []


class QuickWin(_Part):
    when: Condition


class ConfidenceShares(_Part):
    """How much each kind of input counts towards confidence (shares sum to 1)."""

    fitness: Weight
    effort: Weight
    decisions: Weight
    priority: Weight


def _value_criteria() -> list[Criterion]:
    """The default business-value axis: the declared business value, then criticality [OWN weights]."""
    return [
        Criterion(
            id="business_value",
            field="business_value",
            weight=60,
            points={"low": 0.0, "medium": 0.5, "high": 1.0},
            missing=0.5,
        ),
        Criterion(
            id="criticality",
            field="criticality",
            weight=40,
            points={"low": 0.0, "medium": 0.35, "high": 0.7, "mission_critical": 1.0},
            missing=0.5,
        ),
    ]


class TimeQuadrant(_Part):
    """Business value × technical fit (Gartner TIME): tolerate, invest, migrate, eliminate.

    Value is the weighted mean of `value` criteria (0-100); technical fit is
    the fitness. At or above a threshold counts as high. Optional: the
    defaults below apply when a model leaves the section out.
    """

    value: list[Criterion] = Field(default_factory=_value_criteria, min_length=1)
    value_threshold: Score = 50.0
    fit_threshold: Score = 60.0


def _graded_fields() -> list[str]:
    return [
        "security_level",
        "personal_data",
        "criticality",
        "business_value",
        "documentation",
        "source_code_access",
        "team_cloud_skills",
    ]


class Robustness(_Part):
    """What makes a decision fragile, and how the portfolio sensitivity table is drawn.

    A decision is fragile when its fitness is within `fragile_margin` points
    of a threshold that would change it, when a graded input one step off
    changes it, or when a number `number_share` away changes it. Optional,
    with these defaults.
    """

    fragile_margin: Score = 2.0
    number_share: Annotated[float, Field(ge=0, le=1)] = 0.1
    graded_fields: list[str] = Field(default_factory=_graded_fields)
    weight_spread: Annotated[float, Field(ge=0, lt=1)] = 0.2
    draws: Annotated[int, Field(ge=0, le=1000)] = 20
    seed: Annotated[int, Field(ge=0)] = 2030


class ScoringModel(_Part):
    """A validated scoring model. Build it with `load_model`, not directly."""

    name: Identifier
    version: str
    title: Text
    title_vi: str = ""
    description: str = ""
    description_vi: str = ""
    fitness: Fitness
    effort: Effort
    constraints: list[Constraint] = []
    deployment: DeploymentRules
    strategy: StrategyRules
    target_platform: TargetPlatformRules
    consistency_checks: list[ConsistencyCheck] = []
    priority: Priority
    quick_win: QuickWin
    confidence: ConfidenceShares
    time_quadrant: TimeQuadrant = Field(default_factory=TimeQuadrant)
    robustness: Robustness = Field(default_factory=Robustness)
    programme: Programme = Programme()

    _source_file: str = PrivateAttr(default="")
    _checksum: str = PrivateAttr(default="")

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> Any:
        """`version: 1.0` in YAML is a number; keep it as the text the analyst wrote."""
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        return value

    @property
    def source_file(self) -> str:
        """The YAML file this model was read from ('' when built in code)."""
        return self._source_file

    @property
    def file_name(self) -> str:
        """The model file's name without its folder: what outputs show (no server path leaks)."""
        return PurePath(self._source_file).name if self._source_file else ""

    @property
    def checksum(self) -> str:
        """SHA-256 of the model file's bytes ('' when built in code): names the exact model used."""
        return self._checksum

    def criterion_weights(self) -> dict[str, float]:
        """Fitness criterion id → weight, in model order (what the what-if sliders start from)."""
        return {c.id: c.weight for c in self.fitness.criteria}
