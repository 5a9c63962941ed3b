"""What data is worth collecting: which missing fields could change an application's result.

For every field an application leaves empty, the application is scored
again with that field set to each value it could take (every allowed code,
yes and no, security levels 1-5). If any value changes the deployment model
or the strategy, collecting that field could change the recommendation; if
none does, the field is not worth chasing for that application. Each
(field, value) pair adds the applications that lack the field to one
stacked run of the engine's decision flow (`run_flow`, what `score()`
decides with), so the cost grows with the number of fields and values, not
with applications times criteria.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cloudfit import formatting as fmt
from cloudfit import i18n
from cloudfit.fields import FIELDS
from cloudfit.scoring import effective_weights
from cloudfit.scoring.flow import run_flow
from cloudfit.scoring.inputs import Inputs
from cloudfit.scoring_model import ScoringModel

SECURITY_LEVELS = (1, 2, 3, 4, 5)
SKIPPED = ("criticality",)  # ranks priority only; never decides deployment or strategy in the models


def candidate_values(model: ScoringModel | None = None) -> dict[str, tuple[object, ...]]:
    """The fields tried and the values each could take (categories, yes/no, the security level).

    A category takes only the codes the model's fitness criteria give points to, where they name some.
    """
    scored: dict[str, set] = {}
    for criterion in model.fitness.criteria if model is not None else ():
        if criterion.points:
            scored.setdefault(criterion.field, set()).update(map(str, criterion.points))
    values: dict[str, tuple[object, ...]] = {}
    for spec in FIELDS:
        if spec.name in SKIPPED:
            continue
        if spec.kind == "category":
            known = scored.get(spec.name)
            values[spec.name] = tuple(c for c in spec.allowed if known is None or c in known)
        elif spec.kind == "bool":
            values[spec.name] = (True, False)
        elif spec.name == "security_level":
            values[spec.name] = SECURITY_LEVELS
    return values


@dataclass(frozen=True)
class CollectAdvice:
    """Per field and per application, where a missing value could change the recommendation."""

    fields: (
        pd.DataFrame
    )  # field, missing, could_change, deployment, strategy (by could_change, then field order)
    applications: pd.DataFrame  # app_id, deployment_fields, strategy_fields ("; "-joined field names or None)

    def counts(self) -> dict[str, int]:
        """field → number of applications whose result collecting it could change (only fields that matter)."""
        useful = self.fields[self.fields["could_change"] > 0]
        return {str(f): int(n) for f, n in zip(useful["field"], useful["could_change"], strict=True)}


def what_to_collect(
    applications: pd.DataFrame,
    model: ScoringModel,
    *,
    weights: Mapping[str, float] | None = None,
    as_of: dt.date | None = None,
) -> CollectAdvice:
    """Rescore with each missing field set to each of its values; report what could change.

    All the trials (every missing field of every application, at every value) are stacked into
    one table and scored in one run.
    """
    as_of = as_of or dt.date.today()
    apps = applications.reset_index(drop=True)
    n = len(apps)
    blocks: list[tuple[str, object, np.ndarray]] = []
    for name, values in candidate_values(model).items():
        if name in apps:
            missing = np.flatnonzero(apps[name].isna().to_numpy())
            blocks += [(name, value, missing) for value in values if len(missing)]
    rows_of = np.concatenate([np.arange(n), *(block[2] for block in blocks)]) if blocks else np.arange(n)
    arrays = Inputs(apps, as_of).convert()
    arrays["interfaces"] = np.zeros(n)  # scored without the dependency table, as the trials always were
    trials = {name: values[rows_of] for name, values in arrays.items()}
    start = n
    for name, value, missing in blocks:
        trials[name][start : start + len(missing)] = _converted(name, value, as_of)
        start += len(missing)
    flow = run_flow(model, Inputs.of_arrays(trials, len(rows_of), as_of), effective_weights(model, weights))
    deployment, strategy = flow.deployment.outcome, flow.strategy.outcome
    by_deployment = {name: np.zeros(n, bool) for name, _, _ in blocks}
    by_strategy = {name: np.zeros(n, bool) for name, _, _ in blocks}
    start = n
    for name, _, missing in blocks:
        stop = start + len(missing)
        by_deployment[name][missing] |= deployment[start:stop] != deployment[missing]
        by_strategy[name][missing] |= strategy[start:stop] != strategy[missing]
        start = stop
    rows = []
    for name in candidate_values(model):
        if name not in apps:
            continue
        changes_dep = by_deployment.get(name, np.zeros(n, bool))
        changes_strat = by_strategy.get(name, np.zeros(n, bool))
        by_deployment[name], by_strategy[name] = changes_dep, changes_strat
        rows.append(
            {
                "field": name,
                "missing": int(apps[name].isna().sum()),
                "could_change": int((changes_dep | changes_strat).sum()),
                "deployment": int(changes_dep.sum()),
                "strategy": int(changes_strat.sum()),
            }
        )
    fields = pd.DataFrame(rows, columns=["field", "missing", "could_change", "deployment", "strategy"])
    fields["order"] = np.arange(len(fields))
    fields = (
        fields.sort_values(
            ["could_change", "deployment", "order"], ascending=[False, False, True], kind="stable"
        )
        .drop(columns="order")
        .reset_index(drop=True)
    )
    return CollectAdvice(
        fields,
        pd.DataFrame(
            {
                "app_id": apps["app_id"].to_numpy(dtype=object),
                "deployment_fields": _joined(by_deployment, n),
                "strategy_fields": _joined(by_strategy, n),
            }
        ),
    )


def _converted(name: str, value: object, as_of: dt.date) -> object:
    """One candidate value as the decision flow reads it (a code, 1/0 or a number)."""
    return Inputs(pd.DataFrame({name: pd.Series([value], dtype=object)}), as_of).converted(name)[0]


def empty_advice(applications: pd.DataFrame) -> CollectAdvice:
    """No field advice: every application listed with nothing to collect."""
    return CollectAdvice(
        pd.DataFrame(columns=["field", "missing", "could_change", "deployment", "strategy"]),
        pd.DataFrame(
            {
                "app_id": applications["app_id"].to_numpy(dtype=object),
                "deployment_fields": None,
                "strategy_fields": None,
            }
        ),
    )


def _joined(masks: dict[str, np.ndarray], n: int) -> np.ndarray:
    """Per application, the names of the fields whose mask is set, joined with '; ' (None when none)."""
    out = np.full(n, None, dtype=object)
    for name, mask in masks.items():
        hit = np.flatnonzero(mask)
        out[hit] = [name if current is None else f"{current}; {name}" for current in out[hit]]
    return out


def collect_lines(advice: CollectAdvice, total: int, limit: int = 5, lang: str = "en") -> list[str]:
    """The portfolio advice as sentences ("collect the security level of 120 applications: ...")."""
    lines = []
    for record in advice.fields[advice.fields["could_change"] > 0].head(limit).to_dict("records"):
        lines.append(
            i18n.t("collect.line", lang).format(
                field=i18n.field_label(record["field"], lang),
                missing=fmt.number(record["missing"], lang),
                total=fmt.number(total, lang),
                deployment=fmt.number(record["deployment"], lang),
                strategy=fmt.number(record["strategy"], lang),
            )
        )
    return lines
