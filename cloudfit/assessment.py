"""The façade: inventory + scoring model + options → one immutable `Assessment`.

The UI, the CLI and the exporters all read an `Assessment`; none of them
recomputes scores or waves. `rescore` and `replan` reuse whatever a change
of weights or planner settings leaves valid, which keeps the what-if
sliders fast.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from cloudfit import background
from cloudfit.background import Alongside
from cloudfit.cost import CostModel, CostResult, estimate_costs, load_cost_model
from cloudfit.decisions import Decisions
from cloudfit.findings import Finding
from cloudfit.gcpause import without_gc
from cloudfit.inventory.model import Inventory
from cloudfit.options import AssessOptions, PlanOptions
from cloudfit.robustness import Robustness, assess_robustness
from cloudfit.scoring import ScoreResult, score
from cloudfit.scoring_model import ScoringModel
from cloudfit.time_quadrant import time_quadrants
from cloudfit.waves import WavePlan, plan_waves
from cloudfit.waves.deadline import Deadline

if TYPE_CHECKING:
    from cloudfit.collect import CollectAdvice
    from cloudfit.readiness import ReadinessResult


@dataclass(frozen=True)
class Assessment:
    """One result: scores with their reasons, move groups, waves, findings."""

    inventory: Inventory
    model: ScoringModel
    options: AssessOptions
    scores: ScoreResult
    plan: WavePlan
    readiness: ReadinessResult | None = None
    cost_model: CostModel | None = None  # None: the bundled default cost model
    # Reviewers' overrides and statuses, laid over the computed values (`cloudfit.decisions`).
    decisions: Decisions | None = None

    @cached_property
    def results(self) -> pd.DataFrame:
        """One row per assessed application: its inventory fields, scores, group and wave."""
        apps = self.inventory.applications.reset_index(drop=True)
        table = self.scores.table.reset_index(drop=True).drop(columns=["app_id"])
        assigned = self.plan.assignments.reset_index(drop=True).drop(columns=["app_id"])
        return pd.concat([apps, table, assigned, self.time_view], axis=1)

    @cached_property
    def time_view(self) -> pd.DataFrame:
        """Business value, technical fit and the TIME quadrant of every application."""
        return time_quadrants(self.inventory.applications, self.scores.table["fitness"], self.model)

    @cached_property
    def robustness(self) -> Robustness:
        """Margins, flips, the fragile flag and the sensitivity table: computed once, on first use,
        so the app, the workbook and the JSON read the same values."""
        return assess_robustness(*self._late_arguments("robustness"))

    def start_late_work(self, minimum: int | None = None) -> Callable[[bool], None]:
        """Start in a forked child one slow analysis that a writer reads only late, from `minimum`
        applications (default `background.WORTH_A_PROCESS`): the robustness analysis, the largest;
        above `background.TOO_LARGE_FOR_A_PROCESS`, where its memory would be held twice, the
        deadline's "what it takes" instead, and the robustness analysis runs here at once. The
        function returned works out the other late analyses here while the child runs, then waits
        for it and keeps its result (`finish(False)`), or stops it (`finish(True)`, on an error)."""
        minimum = background.WORTH_A_PROCESS if minimum is None else minimum
        size, deadline = len(self.inventory.applications), self.plan.deadline
        if size < minimum:
            return _nothing_late
        if size <= background.TOO_LARGE_FOR_A_PROCESS:
            if "robustness" in self.__dict__:
                return _nothing_late
            pending = Alongside(assess_robustness, *self._late_arguments("robustness"))
            cached, name = self.__dict__, "robustness"  # where the cached property keeps its value
        else:
            # now, before the writer's tables are held: their memory peaks then do not add up
            # (at 100,000 applications the process peaked at 1.8 GB this way, 2.0 GB the other)
            self.robustness  # noqa: B018
            if deadline is None or "capacity_needed" in deadline.__dict__:
                return _nothing_late
            pending = Alongside(_capacity_needed, deadline)
            cached, name = deadline.__dict__, "capacity_needed"

        def finish(cancel: bool = False) -> None:
            if cancel:
                pending.cancel()
                return
            self.collect  # noqa: B018 - worked out here while the child runs
            if name == "robustness" and deadline is not None:
                deadline.capacity_needed  # noqa: B018 - likewise
            cached[name] = pending.result()

        return finish

    def _late_arguments(self, name: str) -> tuple:
        weights = dict(self.options.weights) if self.options.weights is not None else None
        apps, as_of = self.inventory.applications, self.options.as_of
        if name == "collect":
            return apps, self.model, weights, as_of
        scores = replace(self.scores, details=None, findings=())  # only its tables are read
        return apps, self.model, scores, weights, as_of, self.inventory.dependencies

    @property
    def findings(self) -> tuple[Finding, ...]:
        read = self.readiness.findings if self.readiness is not None else ()
        return (
            tuple(self.inventory.findings)
            + tuple(self.scores.findings)
            + tuple(read)
            + tuple(self.plan.findings)
            + self.imported_findings
        )

    @cached_property
    def collect(self) -> CollectAdvice:
        """Which missing fields could change each application's deployment or strategy."""
        return advice_to_collect(*self._late_arguments("collect"))

    @cached_property
    def imported_findings(self) -> tuple[Finding, ...]:
        """Decisions carried in the file (wave, 7R, lifecycle) that differ from the computed ones."""
        from cloudfit.formats.decisions import compare_imported

        return compare_imported(self.results)

    @cached_property
    def costs(self) -> CostResult:
        """What each application and the plan cost, under the assessment's cost model."""
        return estimate_costs(self, self.cost_model or load_cost_model("default"))

    def explanation(self, app_id: str) -> dict:
        """Why this application got its scores and costs: criteria, caps, rules, missing inputs, cost drivers."""
        why = self.scores.explain(app_id)
        position = int(np.flatnonzero(self.scores.table["app_id"].to_numpy() == app_id)[0])
        why["cost"] = self.costs.drivers(position, position + 1)[0]
        return why


@without_gc
def assess(
    inventory: Inventory,
    model: ScoringModel,
    options: AssessOptions | None = None,
    readiness: ReadinessResult | None = None,
    cost_model: CostModel | None = None,
) -> Assessment:
    """Score every application and plan the migration waves (gated by the agencies' readiness,
    if given); costs follow on demand."""
    options = options or AssessOptions()
    if readiness is not None:
        from cloudfit.readiness.apply import with_agency_skills

        inventory = with_agency_skills(inventory, readiness)
    scores = score(
        inventory.applications,
        model,
        weights=options.weights,
        as_of=options.as_of,
        dependencies=inventory.dependencies,
    )
    return assemble(inventory, model, options, scores, readiness, cost_model)


def assemble(
    inventory: Inventory,
    model: ScoringModel,
    options: AssessOptions,
    scores: ScoreResult,
    readiness: ReadinessResult | None = None,
    cost_model: CostModel | None = None,
) -> Assessment:
    """Plan the waves for scores already computed with `options.weights` and `options.as_of`.

    The UI caches scores per weight setting and plans per planner setting;
    this keeps the two steps apart without scoring twice.
    """
    context = {
        "applications": inventory.applications,
        "programme": model.programme,
        "as_of": options.as_of,
        "external_links": inventory.external_links,
    }
    if readiness is None:
        plan = plan_waves(scores.table, inventory.dependencies, options.plan, **context)
    else:
        from cloudfit.readiness.apply import readiness_plan

        plan = readiness_plan(inventory, scores, options.plan, readiness, **context)
    return Assessment(inventory, model, options, scores, plan, readiness, cost_model)


def rescore(assessment: Assessment, weights: dict[str, float]) -> Assessment:
    """The same inventory and model with other weights (scores and plan redone)."""
    options = replace(assessment.options, weights=weights)
    return assess(
        assessment.inventory, assessment.model, options, assessment.readiness, assessment.cost_model
    )


def replan(assessment: Assessment, plan: PlanOptions) -> Assessment:
    """The same scores with other planner settings: only the waves are redone."""
    options = replace(assessment.options, plan=plan)
    replanned = assemble(
        assessment.inventory,
        assessment.model,
        options,
        assessment.scores,
        assessment.readiness,
        assessment.cost_model,
    )
    return _carry(assessment, replanned, SCORE_CACHES)


def with_cost_model(assessment: Assessment, cost_model: CostModel) -> Assessment:
    """The same assessment priced under another cost model: nothing is rescored or re-planned."""
    return _carry(assessment, replace(assessment, cost_model=cost_model), ("results", *SCORE_CACHES))


# Cached views that depend on the scores alone, so a new plan or new prices keep them.
SCORE_CACHES = ("robustness", "time_view")


def _carry(source: Assessment, target: Assessment, names: tuple[str, ...]) -> Assessment:
    """`target` with the cached properties `names` that `source` has already computed."""
    for name in names:
        if name in source.__dict__:
            target.__dict__[name] = source.__dict__[name]
    return target


def advice_to_collect(
    applications: pd.DataFrame, model: ScoringModel, weights: dict[str, float] | None, as_of: dt.date
) -> CollectAdvice:
    """`Assessment.collect`: empty when the model cannot rescore the inventory (an assessment
    assembled from scores computed elsewhere, whose model lacks points for some of its codes)."""
    from cloudfit.collect import empty_advice, what_to_collect

    try:
        return what_to_collect(applications, model, weights=weights, as_of=as_of)
    except KeyError:
        return empty_advice(applications)


def _capacity_needed(deadline: Deadline) -> float | None:
    return deadline.capacity_needed


def _nothing_late(cancel: bool = False) -> None:
    """`start_late_work`'s `finish` when no child was started."""
