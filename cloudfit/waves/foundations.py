"""The foundation phase: per target platform in use, the groundwork before its first application.

Landing zone or National Data Center onboarding, connectivity to the
government data network, procurement of cloud services, security-level
re-approval: the scoring model declares each platform's tasks and their
months (`programme.foundations`), the planner settings may override any of
them ("platform.task"). A platform's tasks run one after another from the
plan's start; platforms run in parallel. No application starts before the
foundations of its platforms are done.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from cloudfit.errors import OptionsError
from cloudfit.scoring_model.programme import FoundationTask
from cloudfit.waves.calendar import first_days, last_days

COLUMNS = ("platform", "task", "months", "start_month", "end_month", "start_date", "end_date")


def foundation_tasks(
    model: Mapping[str, list[FoundationTask]], overrides: Mapping[str, int]
) -> dict[str, list[tuple[str, int]]]:
    """The model's tasks per platform with the planner's overrides applied."""
    tasks = {platform: [(t.task, t.months) for t in items] for platform, items in model.items()}
    for key, months in overrides.items():
        platform, _, task = key.partition(".")
        names = [name for name, _ in tasks.get(platform, [])]
        if task not in names:
            known = ", ".join(f"{p}.{n}" for p, items in tasks.items() for n, _ in items)
            raise OptionsError(
                f"foundation_months names {key!r}, which the model does not declare; known: {known}."
            )
        tasks[platform] = [(name, months if name == task else m) for name, m in tasks[platform]]
    return tasks


def foundation_months(tasks: dict[str, list[tuple[str, int]]], platforms: list[str]) -> np.ndarray:
    """Total months of groundwork per platform (0 when the model declares none)."""
    return np.array([sum(m for _, m in tasks.get(p, [])) for p in platforms], dtype=np.int64)


def foundation_table(tasks: dict[str, list[tuple[str, int]]], used: list[str], start: int) -> pd.DataFrame:
    """One row per task of each platform in use, dated from the plan's start month."""
    rows = []
    for platform in used:
        month = start
        for task, months in tasks.get(platform, []):
            if months <= 0:
                continue
            rows.append((platform, task, months, month, month + months - 1))
            month += months
    frame = pd.DataFrame(rows, columns=["platform", "task", "months", "start", "end"])
    return pd.DataFrame(
        {
            "platform": frame["platform"].astype(object),
            "task": frame["task"].astype(object),
            "months": frame["months"].astype(np.int64),
            "start_month": (frame["start"] - start + 1).astype(np.int64),
            "end_month": (frame["end"] - start + 1).astype(np.int64),
            "start_date": pd.Series(first_days(frame["start"].to_numpy()), dtype=object),
            "end_date": pd.Series(last_days(frame["end"].to_numpy()), dtype=object),
        }
    )
