"""Months as integers (year * 12 + month - 1) and the dates, quarters and fiscal years planners brief in.

Vietnam's fiscal year is the calendar year, so a wave's fiscal year is the
year it starts in. Freeze periods are 12-bit masks over calendar months
(bit 0 = January), so "is this month frozen" is one shift and one and.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

FULL_YEAR = (1 << 12) - 1


def month_of(day: dt.date) -> int:
    """The month index of a date."""
    return day.year * 12 + day.month - 1


def first_day(month: int) -> dt.date:
    return dt.date(month // 12, month % 12 + 1, 1)


def last_day(month: int) -> dt.date:
    return first_day(month + 1) - dt.timedelta(days=1)


def default_start(as_of: dt.date) -> dt.date:
    """The first month of the quarter after `as_of`: a plan starts on a quarter, never mid-quarter."""
    quarter_start = as_of.month - (as_of.month - 1) % 3
    return first_day(as_of.year * 12 + quarter_start - 1 + 3)


def quarter_label(month: int) -> str:
    """'2027 Q3' for a month of July-September 2027."""
    return f"{month // 12} Q{month % 12 // 3 + 1}"


def first_days(months: np.ndarray) -> np.ndarray:
    """ISO first days of month indexes, as strings."""
    return _iso(np.asarray(months, dtype=np.int64), 0)


def last_days(months: np.ndarray) -> np.ndarray:
    """ISO last days of month indexes, as strings."""
    return _iso(np.asarray(months, dtype=np.int64), 1)


def _iso(months: np.ndarray, after: int) -> np.ndarray:
    """Dates as text, formatted once per distinct month (a plan has a few hundred, links a million)."""
    distinct, inverse = np.unique(months, return_inverse=True)
    base = (distinct - 1970 * 12 + after).astype("datetime64[M]").astype("datetime64[D]")
    return (base - np.timedelta64(after, "D")).astype(str).astype(object)[inverse.reshape(-1)]


def quarter_labels(months: np.ndarray) -> np.ndarray:
    months = np.asarray(months, dtype=np.int64)
    return np.char.add(
        np.char.add((months // 12).astype(str), " Q"), (months % 12 // 3 + 1).astype(str)
    ).astype(object)


def frozen(mask: int, month: int) -> bool:
    return bool(mask >> (month % 12) & 1)


def mask_of(months: tuple[int, ...] | list[int]) -> int:
    """Calendar months 1-12 as a 12-bit mask."""
    mask = 0
    for m in months:
        mask |= 1 << (m - 1)
    return mask


def next_open(month: int, mask: int) -> int:
    """The first month from `month` on that `mask` does not freeze."""
    if mask == FULL_YEAR:
        return month
    while frozen(mask, month):
        month += 1
    return month


def work_end(start: int, months: int, mask: int) -> int:
    """The month in which `months` months of work, starting at `start`, end when frozen months pause it."""
    if mask == 0 or mask == FULL_YEAR:
        return start + months - 1
    month, done = start, 0
    while True:
        if not frozen(mask, month):
            done += 1
            if done == months:
                return month
        month += 1


def month_names(mask: int) -> list[int]:
    """The calendar months (1-12) a mask freezes."""
    return [m + 1 for m in range(12) if mask >> m & 1]
