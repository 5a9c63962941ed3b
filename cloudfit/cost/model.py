"""Cost models: YAML files in `scoring_models/costs/`, read safely and validated.

A cost model is data, like a scoring model: day rates, unit prices per
target platform, the figures that estimate today's run cost, and the
scenarios. Every number must be finite and non-negative, so a typo cannot
turn a budget into nonsense.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

from cloudfit.errors import ModelError
from cloudfit.vocabulary import DEPLOYMENTS, STRATEGIES

COSTS_DIR = Path(__file__).resolve().parents[2] / "scoring_models" / "costs"
_MAX_BYTES = 200_000
_MAX_AMOUNT = 1e9  # million VND: a quadrillion đồng is beyond any plausible price


def _sane(value: float) -> float:
    if not math.isfinite(value) or value < 0 or value > _MAX_AMOUNT:
        raise ValueError(f"must be a finite number from 0 to {_MAX_AMOUNT:g}")
    return value


Amount = Annotated[float, AfterValidator(_sane)]


def _share(value: float) -> float:
    if not math.isfinite(value) or not 0 <= value <= 1:
        raise ValueError("must be a share from 0 to 1")
    return value


Share = Annotated[float, AfterValidator(_share)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DayRates(_Strict):
    in_house: Amount
    vendor: Amount


class Defaults(_Strict):
    servers: Amount
    data_gb: Amount
    users: Amount


class CurrentCost(_Strict):
    server_price: Amount
    server_life_years: Annotated[float, AfterValidator(_sane)]
    power_space_per_server_year: Amount
    storage_per_tb_year: Amount
    os_licence_per_server_year: dict[str, Amount]
    database_licence_per_year: dict[str, Amount]
    operations_fte_per_server: Amount
    operations_fte_cost_year: Amount


class Sizing(_Strict):
    vcpu_per_server: Amount
    memory_gb_per_server: Amount
    storage_overhead: Amount
    rightsizing: dict[str, Amount]


class PlatformPrices(_Strict):
    vcpu_month: Amount = 0.0
    memory_gb_month: Amount = 0.0
    storage_gb_month: Amount = 0.0
    user_month: Amount = 0.0
    minimum_month: Amount = 0.0


class OnceCosts(_Strict):
    data_transfer_per_tb: Amount
    dual_running_months: dict[str, Amount]
    licence_change: dict[str, Amount]
    archive_per_tb_year: Amount
    retire_within_months: Annotated[int, AfterValidator(lambda v: v if 1 <= v <= 60 else _bad_months(v))]


class Scenario(_Strict):
    once: Amount
    run: Amount


class CostModel(_Strict):
    """One cost model file; amounts in million VND."""

    name: str
    version: str
    title: str
    title_vi: str = ""
    prices_dated: str
    day_rates: DayRates
    vendor_share: dict[str, Share]
    defaults: Defaults
    current: CurrentCost
    sizing: Sizing
    platforms: dict[str, PlatformPrices]
    platform_by_deployment: dict[str, str]
    operations_remaining: dict[str, Share]
    once: OnceCosts
    database_licence_kept_for: tuple[str, ...]
    scenarios: dict[str, Scenario]

    def with_changes(self, changes: dict[str, Any]) -> CostModel:
        """A copy with some values changed by dotted path (the app's what-if inputs), validated."""
        data = self.model_dump()
        for path, value in changes.items():
            node = data
            *parents, leaf = path.split(".")
            for key in parents:
                node = node[key]
            if leaf not in node:
                raise ModelError(f"The cost model has no value {path!r}.")
            node[leaf] = value
        return _validated(data, f"cost model {self.name!r} (changed)")


def _bad_months(value: int) -> int:
    raise ValueError("must be from 1 to 60 months")


def _check(model: CostModel) -> list[str]:
    """Cross-key checks pydantic cannot express: codes and platforms that must exist."""
    problems = []
    for key in ("vendor_share", "operations_remaining"):
        unknown = sorted(set(getattr(model, key)) - set(STRATEGIES))
        if unknown:
            problems.append(f"{key}: unknown strategies {unknown}; allowed: {', '.join(STRATEGIES)}")
    for key in ("dual_running_months", "licence_change"):
        unknown = sorted(set(getattr(model.once, key)) - set(STRATEGIES))
        if unknown:
            problems.append(f"once.{key}: unknown strategies {unknown}; allowed: {', '.join(STRATEGIES)}")
    unknown = sorted(set(model.database_licence_kept_for) - set(STRATEGIES))
    if unknown:
        problems.append(f"database_licence_kept_for: unknown strategies {unknown}")
    unknown = sorted(set(model.sizing.rightsizing) - set(STRATEGIES))
    if unknown:
        problems.append(f"sizing.rightsizing: unknown strategies {unknown}")
    for deployment, platform in model.platform_by_deployment.items():
        if deployment not in DEPLOYMENTS:
            problems.append(f"platform_by_deployment.{deployment}: not a deployment model")
        if platform not in model.platforms:
            problems.append(f"platform_by_deployment.{deployment}: no prices for platform {platform!r}")
    if "saas" not in model.platforms:
        problems.append("platforms: a `saas` entry (user_month, minimum_month) is required for repurchase")
    if "expected" not in model.scenarios:
        problems.append("scenarios: an `expected` scenario is required")
    return problems


def _validated(data: Any, where: str) -> CostModel:
    if not isinstance(data, dict):
        raise ModelError(f"The {where} must be a map of keys (name, day_rates, platforms, …).")
    try:
        model = CostModel.model_validate(data)
    except ValidationError as error:
        lines = [
            f"  - {'.'.join(str(p) for p in e['loc'])}: {e['msg'].removeprefix('Value error, ')}"
            for e in error.errors(include_url=False)[:12]
        ]
        raise ModelError(f"The {where} is invalid:\n" + "\n".join(lines)) from None
    problems = _check(model)
    if problems:
        raise ModelError(f"The {where} is invalid:\n" + "\n".join(f"  - {p}" for p in problems))
    return model


def list_cost_models() -> list[str]:
    """Names of the bundled cost models, sorted."""
    return sorted(p.stem for p in COSTS_DIR.glob("*.yaml"))


def load_cost_model(name_or_path: str | Path = "default") -> CostModel:
    """A bundled cost model by name, or a cost model file by path, validated."""
    text = str(name_or_path)
    if isinstance(name_or_path, str) and not text.endswith((".yaml", ".yml")) and "/" not in text:
        return _bundled(text)
    path = Path(name_or_path)
    if not path.is_file():
        raise ModelError(f"Cost model file {path.name} does not exist.")
    return _read(path)


@lru_cache(maxsize=8)
def _bundled(name: str) -> CostModel:
    """A bundled model, read once per process (models are immutable)."""
    path = COSTS_DIR / f"{name}.yaml"
    if not path.is_file():
        raise ModelError(
            f"There is no bundled cost model named {name!r}. Bundled cost models: "
            f"{', '.join(list_cost_models())}; or give the path of a .yaml file."
        )
    return _read(path)


def _read(path: Path) -> CostModel:
    from cloudfit.safeload import load_text, read_bounded

    text = read_bounded(path, ModelError, "Cost model", _MAX_BYTES)
    try:
        data = load_text(text, source=f"Cost model {path.name}", error=ModelError)
    except yaml.YAMLError as error:
        raise ModelError(f"Cost model {path.name} is not valid YAML text: {error}".splitlines()[0]) from None
    return _validated(data, f"cost model {path.name}")
