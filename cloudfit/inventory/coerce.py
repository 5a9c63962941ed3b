"""Raw cells → canonical values, one whole column at a time.

Each field kind has one vectorised coercer (pandas string methods and
`Series.map` over the distinct values; no Python loop over the cells). A
value that cannot be understood becomes missing and is flagged, so the
caller can write a warning naming the allowed values; the row is never
rejected here. Readings that involve a guess (a number taken out of text,
"1.200" in a decimal field, a year standing for a date, day/month order)
are counted so they can be reported once per column. Dates are read in
`cloudfit.inventory.dates`; what all coercers share is in `cloudfit.inventory.cells`.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd
from pandas.api.extensions import take

from cloudfit.fields import COUPLING_SYNONYMS, COUPLINGS, FIELDS_BY_NAME, NO_WORDS, YES_WORDS, Field
from cloudfit.finding_codes import display_value
from cloudfit.inventory.cells import Coerced, Guess, as_text, clean_strings, per_distinct
from cloudfit.inventory.dates import coerce_date
from cloudfit.text import fold_key

_NUMBER = (
    r"(?P<neg>[-−–]\s*)?"
    r"(?P<num>\d{1,3}(?:[ \u00a0'’]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)"
)
_THOUSANDS = r"^\d{1,3}(?:[.,]\d{3})+$"
_LETTERS = r"[^\W\d_]"
_VERSION = re.compile(r"_\d[0-9a-z_]*$")  # a trailing version in a folded key: 'windows_server_2012_r2'

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
    positions, distinct = pd.factorize(text.to_numpy(dtype=object))  # blanks: -1
    codes = {}
    unversioned = set()
    for value in distinct.tolist():
        key = fold_key(value) or value
        code = lookup.get(key)
        if code is None and versions:
            code = lookup.get(_VERSION.sub("", key))
            if code is not None:
                unversioned.add(value)
        codes[value] = code
    values = _spread(codes, positions, text)
    invalid = present & values.isna().to_numpy()
    guesses = ()
    if unversioned:
        mask = text.isin(unversioned).to_numpy()
        first = int(np.flatnonzero(mask)[0])
        guesses = (
            Guess("version_ignored", int(mask.sum()), first, str(text.iloc[first]), str(values.iloc[first])),
        )
    return Coerced(values, invalid, np.zeros(len(text), bool), guesses)


def _spread(codes: dict, positions: np.ndarray, text: pd.Series) -> pd.Series:
    """`text.map(codes)`, taken by each cell's position among the keys (in the dict's order; -1 when blank).

    The same values and dtype as `map`, without hashing every cell a second time.
    """
    if not codes:
        return text.map(codes)
    return pd.Series(take(pd.Series(codes).to_numpy(), positions, allow_fill=True), index=text.index)


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
    positions, distinct = pd.factorize(text.to_numpy(dtype=object))  # blanks: -1
    codes = {value: lookup.get(fold_key(value) or value) for value in distinct.tolist()}
    values = _spread(codes, positions, text)
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
        parsed, bad, found_guesses = per_distinct(text[present], lambda t: _parse_numbers(t, spec))
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
    infinite = np.isinf(values)
    invalid |= infinite
    values[infinite] = np.nan
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
    overflow = has_number & ~np.isfinite(
        parsed
    )  # too many digits for a float: flagged, never emptied silently
    bad = ~has_number | ambiguous_rest | (many & ~grouped) | overflow
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


_COERCERS = {
    "id": _coerce_text,
    "text": _coerce_text,
    "list": _coerce_text,
    "category": _coerce_category,
    "bool": _coerce_bool,
    "int": _coerce_number,
    "float": _coerce_number,
    "date": coerce_date,
}
