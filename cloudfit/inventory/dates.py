"""Date cells → dates: Excel serials, a bare year, dd/mm/yyyy (Vietnamese order) and friends.

Day-first is the reading of an ambiguous date such as 03/04/2025, as
Vietnamese inventories write it; such readings, a bare year and a month
with a year are counted as guesses and reported once per column.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from cloudfit.fields import Field
from cloudfit.finding_codes import display_value
from cloudfit.inventory.cells import Coerced, Guess, clean_strings, per_distinct

EXCEL_EPOCH = pd.Timestamp("1899-12-30")
SERIAL_RANGE = (20_000, 80_000)  # 1954-10-03 .. 2119-01-10
YEAR_RANGE = (1900, 2200)


def coerce_date(raw: pd.Series, spec: Field) -> Coerced:
    n = len(raw)
    text, other = clean_strings(raw)
    result = pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]")
    invalid = np.zeros(n, bool)
    guesses: list[Guess] = []
    if other.any():
        idx = np.flatnonzero(other)
        picked = raw[other]
        kinds = picked.map(type)
        is_date = kinds.isin((dt.date, dt.datetime, pd.Timestamp)).to_numpy()
        is_number = kinds.isin((int, float, np.int64, np.float64)).to_numpy()
        if is_date.any():
            result.iloc[idx[is_date]] = pd.to_datetime(picked[is_date], errors="coerce").to_numpy()
        if is_number.any():
            numbers = pd.to_numeric(picked[is_number], errors="coerce").to_numpy(dtype=float)
            dates, year_only = _from_numbers(numbers)
            result.iloc[idx[is_number]] = dates
            if year_only.any():
                first = int(idx[is_number][year_only][0])
                guesses.append(
                    Guess(
                        "year_only",
                        int(year_only.sum()),
                        first,
                        display_value(raw.iloc[first]),
                        str(result.iloc[first].date()),
                    )
                )
        invalid[idx] = result.iloc[idx].isna().to_numpy()
    present = text.notna().to_numpy()
    if present.any():
        idx = np.flatnonzero(present)
        parsed, found = per_distinct(text[present], _parse_dates)
        result.iloc[idx] = parsed
        invalid[idx] = np.isnat(parsed)
        for kind, mask in found:
            if mask.any():
                first = int(idx[mask][0])
                guesses.append(
                    Guess(kind, int(mask.sum()), first, str(text.iloc[first]), str(result.iloc[first].date()))
                )
    return Coerced(result, invalid, np.zeros(n, bool), _merge_guesses(guesses))


def _merge_guesses(guesses: list[Guess]) -> tuple[Guess, ...]:
    """One guess per kind (text and numeric cells may both hold, say, a bare year)."""
    merged: dict[str, Guess] = {}
    for guess in sorted(guesses, key=lambda g: g.position):
        seen = merged.get(guess.kind)
        merged[guess.kind] = (
            guess
            if seen is None
            else Guess(seen.kind, seen.count + guess.count, seen.position, seen.example, seen.result)
        )
    return tuple(merged.values())


def _from_numbers(numbers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Excel serial day numbers, or a bare year, as dates."""
    serial = (numbers >= SERIAL_RANGE[0]) & (numbers <= SERIAL_RANGE[1])
    year = (numbers >= YEAR_RANGE[0]) & (numbers <= YEAR_RANGE[1]) & (numbers == np.floor(numbers))
    days = pd.to_timedelta(np.where(serial, numbers, 0), unit="D")
    dates = np.where(serial, (EXCEL_EPOCH + days).to_numpy(), np.datetime64("NaT"))
    years = pd.to_datetime(
        pd.Series(np.where(year, numbers, np.nan)).astype("Int64").astype(str) + "-01-01",
        format="%Y-%m-%d",
        errors="coerce",
    ).to_numpy()
    return np.where(year, years, dates).astype("datetime64[ns]"), year


def _parse_dates(text: pd.Series) -> tuple[np.ndarray, list]:
    """dd/mm/yyyy (also with . or -), yyyy-mm-dd, mm/yyyy, a year, or an Excel serial typed as text."""
    text = text.str.replace(r"\s*[.\-/]\s*", "/", regex=True).str.replace(
        r"[T ]\d{1,2}:\d{2}.*$", "", regex=True
    )
    result = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    dmy = text.str.match(r"^\d{1,2}/\d{1,2}/\d{4}$").to_numpy()
    dmy2 = text.str.match(r"^\d{1,2}/\d{1,2}/\d{2}$").to_numpy()
    ymd = text.str.match(r"^\d{4}/\d{1,2}/\d{1,2}$").to_numpy()
    my = text.str.match(r"^\d{1,2}/\d{4}$").to_numpy()
    year = text.str.match(r"^\d{4}$").to_numpy()
    serial = text.str.match(r"^\d{5}(\.\d+)?$").to_numpy()
    for mask, fmt in ((dmy, "%d/%m/%Y"), (dmy2, "%d/%m/%y"), (ymd, "%Y/%m/%d"), (my, "%m/%Y"), (year, "%Y")):
        if mask.any():
            result[mask] = pd.to_datetime(text[mask], format=fmt, errors="coerce")
    if serial.any():
        numbers = pd.to_numeric(text[serial], errors="coerce").to_numpy(dtype=float)
        result[serial] = _from_numbers(numbers)[0]
    parts = text.str.extract(r"^(\d{1,2})/(\d{1,2})/").astype(float)
    swappable = (
        (dmy | dmy2)
        & (parts[0] <= 12).to_numpy()
        & (parts[1] <= 12).to_numpy()
        & (parts[0] != parts[1]).to_numpy()
    )
    ok = result.notna().to_numpy()
    found = [("day_month", swappable & ok), ("month_year", my & ok), ("year_only", year & ok)]
    return result.to_numpy(dtype="datetime64[ns]"), found
