"""What data is worth collecting: which missing fields could change an application's result.

For every field an application leaves empty, the application is scored
again with that field set to each value it could take (every allowed code,
yes and no, security levels 1-5). If any value changes the deployment model
or the strategy, collecting that field could change the recommendation; if
none does, the field is not worth chasing for that application. Each
(field, value) pair is one vectorised scoring run over only the
applications that lack the field, so the cost grows with the number of
fields and values, not with applications times criteria.
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
from cloudfit.scoring import score
from cloudfit.scoring_model import ScoringModel

SECURITY_LEVELS = (1, 2, 3, 4, 5)
SKIPPED = ("criticality",)  # ranks priority only; never decides deployment or strategy in the models


def candidate_values() -> dict[str, tuple[object, ...]]:
    """The fields tried and the values each could take (categories, yes/no, the security level)."""
    values: dict[str, tuple[object, ...]] = {}
    for spec in FIELDS:
        if spec.name in SKIPPED:
            continue
        if spec.kind == "category":
            values[spec.name] = spec.allowed
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
    """Rescore with each missing field set to each of its values; report what could change."""
    as_of = as_of or dt.date.today()
    apps = applications.reset_index(drop=True)
    base = score(apps, model, weights=weights, as_of=as_of).table
    n = len(apps)
    rows = []
    by_deployment: dict[str, np.ndarray] = {}
    by_strategy: dict[str, np.ndarray] = {}
    for name, values in candidate_values().items():
        if name not in apps:
            continue
        missing = apps[name].isna().to_numpy()
        changes_dep = np.zeros(n, bool)
        changes_strat = np.zeros(n, bool)
        if missing.any():
            subset = apps[missing]
            for value in values:
                trial = subset.copy()
                trial[name] = pd.Series([value] * len(trial), index=trial.index, dtype=apps[name].dtype)
                table = score(trial, model, weights=weights, as_of=as_of).table
                changes_dep[missing] |= (
                    table["deployment"].to_numpy() != base["deployment"].to_numpy()[missing]
                )
                changes_strat[missing] |= table["strategy"].to_numpy() != base["strategy"].to_numpy()[missing]
        by_deployment[name], by_strategy[name] = changes_dep, changes_strat
        rows.append(
            {
                "field": name,
                "missing": int(missing.sum()),
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
