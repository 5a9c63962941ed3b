"""Cell text is cleaned the same way whether it takes the fast path (already clean) or not."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from cloudfit.inventory.cells import clean_strings

SPACES = re.compile(r"[\s\u200b\ufeff]+")
# Letters, Vietnamese precomposed and decomposed marks, every kind of space the cleaner folds.
ALPHABET = st.sampled_from(
    list("aZ1 đĐệươ\u0301\u0300\u0323\t\n\r\u00a0\u2007\u202f\u200b\ufeff\u3000\u2028\x1c\x85-")
)


def _reference(text: str) -> str | None:
    return SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip() or None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(ALPHABET, max_size=12), max_size=20))
def test_every_cell_is_nfc_with_spaces_folded_and_stripped(texts: list[str]) -> None:
    cleaned, other = clean_strings(pd.Series(texts, dtype=object))
    assert cleaned.tolist() == [_reference(t) for t in texts]
    assert not other.any()


def test_blank_and_non_text_cells() -> None:
    cleaned, other = clean_strings(pd.Series(["  ", None, 3, "Cổng\u00a0dịch vụ"], dtype=object))
    assert cleaned.tolist() == [None, None, None, "Cổng dịch vụ"]
    assert other.tolist() == [False, False, True, False]
