"""What every coercer shares: cleaned text, the result of one column, and the guesses it made."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cloudfit.finding_codes import display_value

_SPACES_RE = re.compile(r"[\s\u200b\ufeff]+")


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
    distinct = uniques.tolist()
    is_text = np.array([isinstance(v, str) for v in distinct], dtype=bool)
    cleaned = np.full(len(distinct), None, dtype=object)
    if is_text.any():
        cleaned[is_text] = [_clean(v) for v in distinct if isinstance(v, str)]
    found = codes >= 0
    values = np.full(len(codes), None, dtype=object)
    values[found] = cleaned[codes[found]]
    other = found.copy()
    other[found] = ~is_text[codes[found]]
    return pd.Series(values, index=raw.index, dtype=object), other


def _clean(text: str) -> str | None:
    """One cell's text cleaned; most cells are clean already, which the first test sees without copying
    (printable excludes every space but ' ' and the zero-width characters)."""
    if (
        text.isprintable()
        and text[:1] != " "
        and text[-1:] != " "
        and "  " not in text
        and (text.isascii() or unicodedata.is_normalized("NFC", text))
    ):
        return text or None
    return _SPACES_RE.sub(" ", unicodedata.normalize("NFC", text)).strip() or None


def per_distinct(text: pd.Series, parse):
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
