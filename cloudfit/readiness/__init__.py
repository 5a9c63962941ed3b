"""Agency readiness: the questionnaire, ratings per agency × theme, actions and gates on the wave plan.

    questionnaire = load_questionnaire()                      # scoring_models/readiness/default.yaml
    result = read_readiness(questionnaire, "answers.xlsx")    # ratings, action plans, findings
    readiness_json(result, lang="vi")
    assess(inventory, model, options, readiness=result)       # the gates on the wave plan

The applications half of the toolkit never depends on this package; the
gates (`cloudfit.readiness.gates`) turn a result into planner inputs.
"""

from cloudfit.readiness.questionnaire import Questionnaire, load_questionnaire
from cloudfit.readiness.rating import AgencyReadiness, Given, ReadinessResult, ThemeRating, rate
from cloudfit.readiness.reader import read_readiness
from cloudfit.readiness.report import readiness_json

__all__ = [
    "AgencyReadiness",
    "Given",
    "Questionnaire",
    "ReadinessResult",
    "ThemeRating",
    "load_questionnaire",
    "rate",
    "read_readiness",
    "readiness_json",
]
