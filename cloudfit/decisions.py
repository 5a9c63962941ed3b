"""Reviewers' decisions laid over an `Assessment`: overrides and review statuses.

Scoring stays pure; a decision never changes how a value is computed.
`apply_decisions` re-plans the assessment on the final values of the
approved overrides (`cloudfit.decided`), so the roadmap shows what was
decided, and attaches a `Decisions` record, which keeps for every
overridden field the computed value next to the final one, who decided,
when and why. The JSON result, the roadmap workbook and the app
read both from here, so they cannot disagree. Where decisions come from (the
workspace database, a roadmap workbook read back) is not this module's
business.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from cloudfit.errors import CloudfitError
from cloudfit.vocabulary import DEPLOYMENTS, OVERRIDE_FIELDS, STRATEGIES

if TYPE_CHECKING:
    from cloudfit.assessment import Assessment

OVERRIDE_COLUMNS: tuple[str, ...] = (
    "app_id", "field", "computed", "final", "reason", "user", "at", "status", "needs_rereview",
)  # fmt: skip
_JSON_KEYS = OVERRIDE_COLUMNS[2:]
# Decisions a legal constraint (kind: law) may make; an override cannot change them (`cloudfit.decided`).
LAW_BOUND: tuple[str, ...] = ("deployment", "strategy")
LOG_COLUMNS: tuple[str, ...] = ("at", "user", "action", "agency", "target", "before", "after", "reason")


class DecisionError(CloudfitError):
    """An override or review that cannot be accepted as given."""


@dataclass(frozen=True)
class Override:
    """A reviewer's final value of one field of one application, with the reason.

    `status` is `approved` (in force) or `pending` (waiting for a second
    person; shown but not applied). `needs_rereview`: the application's
    inputs changed since the override was made.
    """

    app_id: str
    field: str
    value: Any
    reason: str
    user: str
    at: str
    status: str = "approved"
    needs_rereview: bool = False


def parse_value(field_name: str, value: object) -> Any:
    """The override value in the type of its field; `DecisionError` says what is allowed."""
    if field_name not in OVERRIDE_FIELDS:
        raise DecisionError(
            f"'{field_name}' cannot be overridden; choose one of: {', '.join(OVERRIDE_FIELDS)}."
        )
    text = "" if value is None else str(value).strip()
    if not text:
        raise DecisionError(f"Give a value for {field_name}.")
    if field_name == "deployment":
        if text not in DEPLOYMENTS:
            raise DecisionError(f"Deployment '{text}' is not one of: {', '.join(DEPLOYMENTS)}.")
        return text
    if field_name == "strategy":
        if text not in STRATEGIES:
            raise DecisionError(f"Strategy '{text}' is not one of: {', '.join(STRATEGIES)}.")
        return text
    if field_name == "wave":
        try:
            wave = float(text)
        except ValueError:
            wave = math.nan
        if not wave.is_integer() or wave < 1:
            raise DecisionError(f"Wave '{text}' must be a whole number from 1.")
        return int(wave)
    if field_name == "person_days":
        try:
            days = float(text)
        except ValueError:
            days = math.nan
        if not math.isfinite(days) or days < 0:
            raise DecisionError(f"Person-days '{text}' must be a number of 0 or more.")
        return days
    return text[:200]


def check_reason(reason: str | None) -> str:
    """The justification, required: an override without a reason cannot be defended in an audit."""
    text = (reason or "").strip()
    if len(text) < 3:
        raise DecisionError("An override needs a justification: say why the computed value is wrong.")
    return text


@dataclass(frozen=True)
class Decisions:
    """Overrides (computed next to final values), review statuses and the history behind them."""

    overrides: pd.DataFrame
    review: Mapping[str, str] = field(default_factory=dict)
    log: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(LOG_COLUMNS)))

    def by_app(self) -> dict[str, dict[str, dict[str, Any]]]:
        """The JSON `override` object of every overridden application (field → computed, final, ...)."""
        out: dict[str, dict[str, dict[str, Any]]] = {}
        for row in self.overrides.to_dict("records"):
            fields = out.setdefault(row["app_id"], {})
            shown = fields.get(row["field"])
            if shown is not None and shown["status"] == "approved" and row["status"] != "approved":
                continue  # the override in force is shown; one waiting for approval is in the sheet
            fields[row["field"]] = {key: row[key] for key in _JSON_KEYS}
        return out


def _computed(results: pd.DataFrame, app_id: str, field_name: str) -> Any:
    if field_name not in results.columns:
        return None
    value = results.loc[app_id, field_name]
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    return value


def apply_decisions(
    assessment: Assessment,
    overrides: Iterable[Override],
    review: Mapping[str, str] | None = None,
    log: pd.DataFrame | None = None,
) -> Assessment:
    """The assessment re-planned on the approved final values, decisions attached.

    Overrides of unknown applications are dropped. The review status of an application with an approved override is
    `overridden`; otherwise the given status, or `not_reviewed`.
    """
    from cloudfit.decided import plan_decided

    overrides = list(overrides)
    results = assessment.results.drop_duplicates("app_id").set_index("app_id")
    rows = []
    for item in overrides:
        if item.app_id not in results.index:
            continue
        rows.append(
            {
                "app_id": item.app_id,
                "field": item.field,
                "computed": _computed(results, item.app_id, item.field),
                "final": item.value,
                "reason": item.reason,
                "user": item.user,
                "at": item.at,
                "status": item.status,
                "needs_rereview": bool(item.needs_rereview),
            }
        )
    table = pd.DataFrame(rows, columns=list(OVERRIDE_COLUMNS))
    table = table.sort_values(["app_id", "field"], kind="stable").reset_index(drop=True)
    statuses = {app: status for app, status in (review or {}).items() if app in results.index}
    for app in table.loc[table["status"] == "approved", "app_id"]:
        statuses[app] = "overridden"
    decisions = Decisions(table, dict(sorted(statuses.items())), _log(log))
    return plan_decided(assessment, overrides, decisions)


def _log(log: pd.DataFrame | None) -> pd.DataFrame:
    if log is None:
        return pd.DataFrame(columns=list(LOG_COLUMNS))
    return log.reindex(columns=list(LOG_COLUMNS)).reset_index(drop=True)
