"""Deployment after the strategy, and the target platform.

The deployment rules place an application before its strategy is known;
once it is, the placement must agree with it:

- retire: no deployment (`none`), the application is on the decommission list;
- retain: it stays where it runs (on premises, or the cloud it already runs
  on), unless that cloud is one a constraint forbids (e.g. a level-4 system
  on a public cloud keeps the constraint's outcome: it has to leave);
- moving strategies: the model's `deployment.follow_strategy` rules may
  re-place it (e.g. a SaaS replacement), within what the constraints allow.

The target platform (National Data Center, a ministry or provincial data
centre, a certified government cloud, …) then comes from the model's
`target_platform` rules, first match wins.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from cloudfit.scoring.conditions import evaluate
from cloudfit.scoring.inputs import Inputs
from cloudfit.scoring.rules import Decider, Decision, decide, decider_of
from cloudfit.scoring_model.schema import ScoringModel
from cloudfit.vocabulary import DEPLOYMENTS, STRATEGIES, TARGET_PLATFORMS

RETIRED = Decider(
    "hard.retired",
    "rule",
    "Retired: switched off after its data is archived; nothing is deployed and it is on the decommission list.",
    "The meaning of 'retire' in the 7 Rs: the application does not move anywhere.",
    None,
    reason_vi="Loại bỏ: dừng hệ thống sau khi lưu trữ dữ liệu; không triển khai ở đâu và nằm trong danh sách "
    "dừng vận hành.",
    basis_vi='Ý nghĩa của "loại bỏ" (retire) trong mô hình 7R: ứng dụng không được chuyển đi đâu.',
)
RETAINED = Decider(
    "hard.retained",
    "rule",
    "Retained: it stays where it runs today (its current hosting); nothing moves.",
    "The meaning of 'retain' in the 7 Rs: the application keeps its current hosting.",
    None,
    reason_vi="Giữ nguyên: tiếp tục vận hành tại nơi hiện nay (hạ tầng hiện tại); không chuyển đổi.",
    basis_vi='Ý nghĩa của "giữ nguyên" (retain) trong mô hình 7R: ứng dụng giữ hạ tầng hiện tại.',
)


def current_place(inputs: Inputs) -> np.ndarray:
    """Deployment code of where the application runs now: a cloud it is on, else on premises."""
    hosting = inputs.operand("hosting").allowed
    codes = inputs.codes("hosting")
    table = np.full(len(hosting) + 1, DEPLOYMENTS.index("on_premises"), dtype=np.int64)
    table[hosting.index("private_cloud")] = DEPLOYMENTS.index("private")
    table[hosting.index("public_cloud")] = DEPLOYMENTS.index("public")
    return table[codes]


def follow_strategy(model: ScoringModel, inputs: Inputs, dep: Decision, strategy: np.ndarray) -> Decision:
    """The deployment decision made to agree with the strategy (see the module docstring)."""
    outcome, decider = dep.outcome.copy(), dep.decider.copy()
    allowed = dep.allowed
    base = len(dep.deciders)
    rules = model.deployment.follow_strategy
    moving = ~np.isin(strategy, [STRATEGIES.index("retire"), STRATEGIES.index("retain")])
    taken = ~moving
    for k, rule in enumerate(rules):
        code = DEPLOYMENTS.index(rule.outcome)
        m = ~taken & evaluate(rule.when, inputs) & (((allowed >> code) & 1) == 1)
        outcome[m], decider[m] = code, base + k
        taken |= m
    retain = strategy == STRATEGIES.index("retain")
    here = current_place(inputs)
    forbidden_cloud = (here != DEPLOYMENTS.index("on_premises")) & (((allowed >> here) & 1) == 0)
    moved = retain & (here != outcome) & ~forbidden_cloud
    outcome[moved], decider[moved] = here[moved], base + len(rules) + 1
    retire = strategy == STRATEGIES.index("retire")
    outcome[retire], decider[retire] = DEPLOYMENTS.index("none"), base + len(rules)
    deciders = (*dep.deciders, *(decider_of(r, "rule") for r in rules), RETIRED, RETAINED)
    return replace(dep, outcome=outcome, decider=decider, deciders=deciders)


def target_platform(model: ScoringModel, inputs: Inputs) -> Decision:
    """Where each application lands: the model's target-platform rules, first match wins."""
    return decide("target_platform", TARGET_PLATFORMS, (), model.target_platform.rules, inputs)
