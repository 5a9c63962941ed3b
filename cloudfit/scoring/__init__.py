"""Scoring: fitness, effort, deployment model, strategy, priority and confidence, with explanations.

result = score(inventory.applications, load_model("default"))
result.table            # one row per application
result.explain("BKHCN-001")
"""

from cloudfit.scoring.engine import HEADLINE_COLUMNS, TABLE_COLUMNS, effective_weights, score
from cloudfit.scoring.result import ScoreResult
from cloudfit.scoring.rules import ENGINE_CONSTRAINTS

__all__ = [
    "ENGINE_CONSTRAINTS",
    "HEADLINE_COLUMNS",
    "TABLE_COLUMNS",
    "ScoreResult",
    "effective_weights",
    "score",
]
