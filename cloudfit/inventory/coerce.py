"""Raw cells → canonical values, one whole column at a time.

Each field kind has one vectorised coercer (pandas string methods and
`Series.map` over the distinct values; no Python loop over the cells). A
value that cannot be understood becomes missing and is flagged, so the
caller can write a warning naming the allowed values; the row is never
rejected here. Readings that involve a guess (a number taken out of text,
"1.200" in a decimal field, a year standing for a date, day/month order)
are counted so they can be reported once per column.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from cloudfit.fields import COUPLING_SYNONYMS, COUPLINGS, FIELDS_BY_NAME, NO_WORDS, YES_WORDS, Field
from cloudfit.inventory.codes import display_value
from cloudfit.text import fold_key

_SPACES = r"[\s\u200b\ufeff]+"
_NUMBER = (
    r"(?P<neg>[-−–]\s*)?"
    r"(?P<num>\d{1,3}(?:[ \u00a0'’]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)"
)
_THOUSANDS = r"^\d{1,3}(?:[.,]\d{3})+$"
_LETTERS = r"[^\W\d_]"
_VERSION = re.compile(r"_\d[0-9a-z_]*$")  # a trailing version in a folded key: 'windows_server_2012_r2'

EXCEL_EPOCH = pd.Timestamp("1899-12-30")
SERIAL_RANGE = (20_000, 80_000)  # 1954-10-03 .. 2119-01-10
YEAR_RANGE = (1900, 2200)
MAX_WHOLE = 2.0**53  # larger "whole numbers" are not exact in a float and do not fit Int64 safely
# Unit words after a number: regex on the lower-cased text → factor to the field's unit.
UNIT_FACTORS: dict[str, tuple[tuple[str, float], ...]] = {
    "GB": ((r"\bpb\b", 1024.0**2), (r"\btb\b", 1024.0), (r"\bgb\b", 1.0), (r"\bmb\b", 1 / 1024)),
    "million VND": (
        (r"tỷ|\bty\b|\bti\b", 1000.0),
        (r"triệu|\btrieu\b|\btr\b|trđ", 1.0),
        (r"đồng|\bdong\b|\bvnd\b|vnđ|\bđ\b", 1e-6),
    ),
}


@dataclass(frozen=True)
class Guess:
    """A reading that involved a guess, counted over one column."""

    kind: str
    count: int
    position: int
    example: str
    result: str


@dataclass(frozen=True)
class Coerced:
    """One column after coercion: canonical values plus masks of what went wrong."""

    values: pd.Series
    invalid: np.ndarray
    out_of_range: np.ndarray
    guesses: tuple[Guess, ...] = field(default=())


GUESS_TEXT = {
    "number_in_text": "values with words around the number were read as the number",
    "thousands": "values such as '1.200' were read with the dot or comma as a thousands separator",
    "year_only": "a year alone was read as 1 January of that year",
    "month_year": "a month and year were read as the first day of that month",
    "day_month": "dates were read as day/month/year (Vietnamese order)",
    "version_ignored": "version numbers after a known name were ignored",
}


def clean_strings(raw: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Cleaned text (NFC, odd spaces folded, stripped; None when blank) and the mask of non-text cells.

    The work is done once per distinct value: inventories repeat values a lot.
    """
    codes, uniques = pd.factorize(raw.astype(object).to_numpy(), use_na_sentinel=True)
    distinct = pd.Series(uniques, dtype=object)
    try:
        normal = distinct.str.normalize("NFC")
    except AttributeError:  # no text at all in the column
        normal = pd.Series([np.nan] * len(distinct), dtype=object)
    is_text = normal.notna().to_numpy()
    cleaned = np.full(len(distinct), None, dtype=object)
    if is_text.any():
        text = normal[is_text].str.replace(_SPACES, " ", regex=True).str.strip()
        cleaned[is_text] = text.where(text != "", None).to_numpy(dtype=object)
    found = codes >= 0
    values = np.full(len(codes), None, dtype=object)
    values[found] = cleaned[codes[found]]
    other = found.copy()
    other[found] = ~is_text[codes[found]]
    return pd.Series(values, index=raw.index, dtype=object), other


def _per_distinct(text: pd.Series, parse):
    """Run a vectorised parser once per distinct text and spread its arrays back to every cell."""
    codes, uniques = pd.factorize(text.to_numpy(dtype=object))
    parsed, *masks = parse(pd.Series(uniques, dtype=object))
    spread = [mask[codes] for mask in masks[:-1]]
    guesses = [(kind, mask[codes]) for kind, mask in masks[-1]]
    return (np.asarray(parsed)[codes], *spread, guesses)


def as_text(raw: pd.Series) -> pd.Series:
    """Every cell as cleaned text (numbers and dates as a person reads them), None when blank."""
    text, other = clean_strings(raw)
    if other.any():
        text = text.copy()
        text[other] = raw[other].map(display_value).to_numpy()
    return text


def coerce_column(raw: pd.Series, spec: Field) -> Coerced:
    """Coerce one column of raw cells to the canonical values of `spec`'s kind."""
    coercer = _COERCERS[spec.kind]
    return coercer(raw.reset_index(drop=True), spec)


def allowed_text(spec: Field) -> str:
    """What a valid value of `spec` looks like, for the action of a warning."""
    if spec.kind == "category":
        return ", ".join(spec.allowed)
    if spec.kind == "bool":
        return "yes/no (also có/không, x for yes)"
    if spec.kind == "int":
        return f"a whole number{_bounds_text(spec, ' ')}"
    if spec.kind == "float":
        return f"a number{_bounds_text(spec, ' ')} (e.g. 1200 or 1,5)"
    if spec.kind == "date":
        return "a date such as 31/12/2026 (day/month/year) or 2026-12-31"
    return "text"


def bounds_text(spec: Field) -> str:
    return _bounds_text(spec, "") or "in range"


def _bounds_text(spec: Field, prefix: str) -> str:
    low, high = spec.minimum, spec.maximum
    if low is not None and high is not None:
        return f"{prefix}from {low:g} to {high:g}"
    if low is not None:
        return f"{prefix}of at least {low:g}"
    if high is not None:
        return f"{prefix}of at most {high:g}"
    return ""


# --- text-like kinds ---------------------------------------------------------------


def _coerce_text(raw: pd.Series, spec: Field) -> Coerced:
    values = as_text(raw)
    none = np.zeros(len(values), bool)
    return Coerced(values, none, none)


def _coerce_lookup(raw: pd.Series, lookup: dict, *, versions: bool = False) -> Coerced:
    """Map each distinct folded value through `lookup`; with `versions`, 'Ubuntu 20.04' falls back to 'ubuntu'."""
    text = as_text(raw)
    present = text.notna().to_numpy()
    codes = {}
    unversioned = set()
    for value in pd.unique(text[present]):
        key = fold_key(value) or value
        code = lookup.get(key)
        if code is None and versions:
            code = lookup.get(_VERSION.sub("", key))
            if code is not None:
                unversioned.add(value)
        codes[value] = code
    values = text.map(codes)
    invalid = present & values.isna().to_numpy()
    guesses = ()
    if unversioned:
        mask = text.isin(unversioned).to_numpy()
        first = int(np.flatnonzero(mask)[0])
        guesses = (
            Guess("version_ignored", int(mask.sum()), first, str(text.iloc[first]), str(values.iloc[first])),
        )
    return Coerced(values, invalid, np.zeros(len(text), bool), guesses)


def _coerce_category(raw: pd.Series, spec: Field) -> Coerced:
    found = _coerce_lookup(raw, _category_lookup(spec.name), versions=True)
    values = found.values.astype(object).where(found.values.notna(), None)
    return Coerced(values, found.invalid, found.out_of_range, found.guesses)


def _coerce_bool(raw: pd.Series, spec: Field) -> Coerced:
    found = _coerce_lookup(raw, _bool_lookup())
    return Coerced(found.values.astype("boolean"), found.invalid, found.out_of_range)


@lru_cache(maxsize=64)
def _category_lookup(name: str) -> dict[str, str]:
    spec = FIELDS_BY_NAME[name]
    return _keyed({**{code: code for code in spec.allowed}, **dict(spec.synonyms)})


@lru_cache(maxsize=1)
def _bool_lookup() -> dict[str, bool]:
    return _keyed({**{word: False for word in NO_WORDS}, **{word: True for word in YES_WORDS}})


@lru_cache(maxsize=1)
def coupling_lookup() -> dict[str, str]:
    return _keyed({**{code: code for code in COUPLINGS}, **dict(COUPLING_SYNONYMS)})


def _keyed(words: dict) -> dict:
    """Keys folded; a word that folds to nothing (like '-') is kept as written."""
    return {fold_key(word) or word: value for word, value in words.items() if word}


def coerce_coupling(raw: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """tight/loose from English or Vietnamese words; blank is loose; the mask marks words not understood."""
    text = as_text(raw.reset_index(drop=True))
    lookup = coupling_lookup()
    present = text.notna().to_numpy()
    codes = {value: lookup.get(fold_key(value) or value) for value in pd.unique(text[present])}
    values = text.map(codes)
    invalid = present & values.isna().to_numpy()
    return values.fillna("loose").astype(object), invalid


# --- numbers -------------------------------------------------------------------------


def _coerce_number(raw: pd.Series, spec: Field) -> Coerced:
    n = len(raw)
    text, other = clean_strings(raw)
    values = np.full(n, np.nan)
    invalid = np.zeros(n, bool)
    guesses: list[Guess] = []
    if other.any():
        picked = raw[other]
        is_number = picked.map(type).isin((int, float, np.int64, np.float64)).to_numpy()
        idx = np.flatnonzero(other)
        values[idx[is_number]] = pd.to_numeric(picked[is_number], errors="coerce").to_numpy(dtype=float)
        invalid[idx[~is_number]] = True
    present = text.notna().to_numpy()
    if present.any():
        parsed, bad, found_guesses = _per_distinct(text[present], lambda t: _parse_numbers(t, spec))
        idx = np.flatnonzero(present)
        values[idx] = parsed
        invalid[idx[bad]] = True
        guesses = [
            Guess(
                kind,
                int(mask.sum()),
                int(idx[mask][0]),
                str(text.iloc[idx[mask][0]]),
                display_value(float(parsed[mask][0])),
            )
            for kind, mask in found_guesses
            if mask.any()
        ]
    if spec.kind == "int":
        with np.errstate(invalid="ignore"):
            fractional = ~np.isnan(values) & (
                (np.abs(values - np.round(values)) > 1e-9) | (np.abs(values) > MAX_WHOLE)
            )
        invalid |= fractional
        values[fractional] = np.nan
    out = _outside(values, spec)
    values[out] = np.nan
    series = pd.Series(values)
    series = series.round().astype("Int64") if spec.kind == "int" else series.astype("float64")
    return Coerced(series, invalid, out, tuple(guesses))


def _outside(values: np.ndarray, spec: Field) -> np.ndarray:
    out = np.zeros(len(values), bool)
    with np.errstate(invalid="ignore"):
        if spec.minimum is not None:
            out |= values < spec.minimum
        if spec.maximum is not None:
            out |= values > spec.maximum
    return out


def _parse_numbers(text: pd.Series, spec: Field) -> tuple[np.ndarray, np.ndarray, list]:
    """Numbers in text with either thousands convention, a percent sign, or unit words around them."""
    lower = text.str.lower()
    found = lower.str.extract(_NUMBER)
    has_number = found["num"].notna().to_numpy()
    num = found["num"].fillna("0").str.replace(r"[ \u00a0'’]", "", regex=True)
    rest = lower.str.replace(_NUMBER, " ", n=1, regex=True)
    ambiguous_rest = rest.str.contains(r"\d").to_numpy()
    dots = num.str.count(r"\.").to_numpy()
    commas = num.str.count(",").to_numpy()
    last_dot = num.str.rfind(".").to_numpy()
    last_comma = num.str.rfind(",").to_numpy()
    digits_after = num.str.len().to_numpy() - np.maximum(last_dot, last_comma) - 1
    zero_lead = num.str.match(r"0[.,]").to_numpy()
    grouped = num.str.match(_THOUSANDS).to_numpy()
    both = (dots > 0) & (commas > 0)
    single = (dots + commas) == 1
    many = ~both & ((dots + commas) > 1)
    thousands_guess = single & (digits_after == 3) & ~zero_lead
    no_sep = num.str.replace(r"[.,]", "", regex=True)
    choices = [
        both & (last_dot > last_comma),
        both,
        many | thousands_guess,
        single & (commas == 1),
    ]
    cleaned = np.select(
        choices,
        [
            num.str.replace(",", "", regex=False),
            num.str.replace(".", "", regex=False).str.replace(",", "."),
            no_sep,
            num.str.replace(",", ".", regex=False),
        ],
        default=num,
    )
    parsed = pd.to_numeric(pd.Series(cleaned, index=text.index), errors="coerce").to_numpy(dtype=float)
    parsed = np.where(found["neg"].notna().to_numpy(), -parsed, parsed)
    bad = ~has_number | ambiguous_rest | (many & ~grouped)
    percent = rest.str.contains("%", regex=False).to_numpy()
    if spec.kind == "int":
        bad |= percent
    else:
        parsed = np.where(percent, parsed / 100.0, parsed)
    rest_letters = rest.str.replace("%", " ", regex=False)
    unit_found = np.zeros(len(text), bool)
    for pattern, factor in UNIT_FACTORS.get(spec.unit, ()):
        hit = rest_letters.str.contains(pattern, regex=True).to_numpy() & ~unit_found
        parsed = np.where(hit, parsed * factor, parsed)
        unit_found |= hit
    worded = rest_letters.str.contains(_LETTERS, regex=True).to_numpy() & ~unit_found & ~bad
    parsed = np.where(bad, np.nan, parsed)
    guesses = [("number_in_text", worded)]
    if spec.kind == "float":
        guesses.append(("thousands", thousands_guess & ~both & ~bad))
    return parsed, bad, guesses


# --- dates -------------------------------------------------------------------------------


def _coerce_date(raw: pd.Series, spec: Field) -> Coerced:
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
        parsed, found = _per_distinct(text[present], _parse_dates)
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


_COERCERS = {
    "id": _coerce_text,
    "text": _coerce_text,
    "list": _coerce_text,
    "category": _coerce_category,
    "bool": _coerce_bool,
    "int": _coerce_number,
    "float": _coerce_number,
    "date": _coerce_date,
}
