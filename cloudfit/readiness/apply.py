"""Readiness in an assessment: the agencies' skills into the inventory, the gates into the plan.

Kept apart from `gates` (pure data) and `planning` (the planner adapter) so
that `cloudfit.assessment` needs one import when a readiness result is given.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd

from cloudfit.inventory.model import Inventory
from cloudfit.options import PlanOptions
from cloudfit.readiness.gates import gate_inputs, skills_answer_fill
from cloudfit.readiness.planning import gated_plan
from cloudfit.readiness.rating import ReadinessResult
from cloudfit.scoring import ScoreResult
from cloudfit.waves import WavePlan


def with_agency_skills(inventory: Inventory, readiness: ReadinessResult) -> Inventory:
    """The inventory with empty `team_cloud_skills` taken from each agency's answers (and a finding each)."""
    apps = inventory.applications
    skills, findings = skills_answer_fill(readiness, apps)
    if not findings:
        return inventory
    return replace(
        inventory,
        applications=apps.assign(team_cloud_skills=skills),
        findings=tuple(inventory.findings) + tuple(findings),
    )


def readiness_plan(
    inventory: Inventory,
    scores: ScoreResult,
    options: PlanOptions,
    readiness: ReadinessResult,
    **context: Any,
) -> WavePlan:
    """The wave plan with the readiness gates of every agency that owns applications.

    `context` goes to `plan_waves` as it is (applications, programme, as_of).
    """
    table = scores.table.reset_index(drop=True)
    apps = inventory.applications.reset_index(drop=True)
    gate_table = pd.DataFrame(
        {
            "app_id": table["app_id"],
            "owner_agency": apps["owner_agency"],
            "security_level": apps["security_level"],
            "deployment": table["deployment"],
            "quick_win": table["quick_win"],
        }
    )
    return gated_plan(
        scores.table,
        inventory.dependencies,
        options,
        gate_inputs(readiness, gate_table, options.pilot_size),
        **context,
    )
