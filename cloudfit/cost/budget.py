"""The budget by fiscal year (Vietnam's fiscal year is the calendar year), per agency and scenario.

It follows the plan's dates: an application's one-off cost is spread
evenly over the months of its move; it runs at today's cost up to the
month its move ends and at the target's cost after. Dual running is the
one-off `dual_running` driver, so no month is paid twice. Months are
counted as integers (year × 12 + month − 1), one array per column.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from cloudfit.cost.model import CostModel

BUDGET_COLUMNS = ("year", "agency", "migration_once", "run_current", "run_target", "scenario")


def month_index(day: dt.date | pd.Timestamp) -> int:
    """Months since year 0 of the month holding `day`."""
    return int(day.year) * 12 + int(day.month) - 1


def default_start(as_of: dt.date) -> dt.date:
    """The first month of the quarter after `as_of`: when a plan made that day can begin."""
    quarter_start = (as_of.month - 1) // 3 * 3 + 1
    month = quarter_start + 3
    return dt.date(as_of.year + (month > 12), (month - 1) % 12 + 1, 1)


def move_months(
    results: pd.DataFrame, waves: pd.DataFrame, as_of: dt.date, model: CostModel
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per application: the first and last month (indexes) of its move, and whether it moves at all.

    Waves with `start_date`/`end_date` give their dates; waves with only
    month numbers count from the default start after `as_of`. A retirement
    with no wave is done within the model's `retire_within_months`.
    """
    n = len(results)
    start = month_index(default_start(as_of))
    first = np.zeros(n, dtype=np.int64)
    last = np.zeros(n, dtype=np.int64)
    moved = np.zeros(n, dtype=bool)
    if not waves.empty and "wave" in results:
        if "start_date" in waves and "end_date" in waves:
            begins = pd.to_datetime(waves["start_date"])
            ends = pd.to_datetime(waves["end_date"])
            wave_first = (begins.dt.year * 12 + begins.dt.month - 1).to_numpy(dtype=np.int64)
            wave_last = (ends.dt.year * 12 + ends.dt.month - 1).to_numpy(dtype=np.int64)
        else:
            wave_first = start + waves["start_month"].to_numpy(dtype=np.int64) - 1
            wave_last = start + waves["end_month"].to_numpy(dtype=np.int64) - 1
        number = waves["wave"].to_numpy(dtype=np.int64)
        wave = pd.to_numeric(results["wave"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        planned = np.isfinite(wave)
        position = pd.Index(number).get_indexer(wave[planned].astype(np.int64))
        found = position >= 0
        rows = np.flatnonzero(planned)[found]
        first[rows] = wave_first[position[found]]
        last[rows] = wave_last[position[found]]
        moved[rows] = True
    retire = results["strategy"].eq("retire").to_numpy() & ~moved
    first[retire] = start
    last[retire] = start + model.once.retire_within_months - 1
    moved |= retire
    return first, last, moved


def budget(
    costs: pd.DataFrame, first: np.ndarray, last: np.ndarray, moved: np.ndarray, model: CostModel
) -> pd.DataFrame:
    """Rows of `BUDGET_COLUMNS`: per scenario, fiscal year and agency, in million VND.

    The years run from the first month of any move to the later of the last
    move and five years after the first; an inventory with no move gets the
    five years from the plan's start.
    """
    if costs.empty:
        return pd.DataFrame(columns=list(BUDGET_COLUMNS))
    begin = int(first[moved].min()) if moved.any() else int(first.min())
    year0 = begin // 12
    year_n = max(int(last[moved].max()) // 12 if moved.any() else year0, year0 + 4)
    years = np.arange(year0, year_n + 1)
    year_first = years * 12  # (Y,)
    year_last = year_first + 11
    f = first[:, None]
    lst = last[:, None]
    span = (last - first + 1)[:, None].astype(float)
    overlap = np.clip(np.minimum(lst, year_last) - np.maximum(f, year_first) + 1, 0, 12)
    once_share = np.where(moved[:, None], overlap / span, 0.0)
    months_current = np.where(moved[:, None], np.clip(lst - year_first + 1, 0, 12), 12)
    months_target = 12 - months_current
    current = costs["current_annual"].to_numpy(dtype=float)[:, None] / 12
    target = costs["target_annual"].to_numpy(dtype=float)[:, None] / 12
    once = costs["migration_once"].to_numpy(dtype=float)[:, None]
    per_app = {
        "migration_once": once * once_share,
        "run_current": current * months_current,
        "run_target": target * months_target,
    }
    agency = costs["owner_agency"].fillna("").astype(str).to_numpy()
    codes, agencies = pd.factorize(agency, sort=True)
    # Sums per agency are linear, so each part is summed once and the scenarios scale the sums.
    summed = {
        key: pd.DataFrame(matrix).groupby(codes).sum().to_numpy().ravel() for key, matrix in per_app.items()
    }
    frames = []
    for scenario, factors in model.scenarios.items():
        frame = pd.DataFrame(
            {
                "year": np.tile(years, len(agencies)),
                "agency": np.repeat(np.asarray(agencies, dtype=object), len(years)),
                "migration_once": summed["migration_once"] * factors.once,
                "run_current": summed["run_current"],
                "run_target": summed["run_target"] * factors.run,
            }
        )
        frame["scenario"] = scenario
        frames.append(frame.sort_values(["year", "agency"], kind="stable"))
    table = pd.concat(frames, ignore_index=True)
    for key in per_app:
        table[key] = table[key].round(2)
    return table[list(BUDGET_COLUMNS)]
