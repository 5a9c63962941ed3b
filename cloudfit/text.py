"""Text normalisation shared by header matching and value coercion.

Vietnamese spreadsheets mix NFC and NFD text, non-breaking spaces and
diacritics typed or not; comparing normalised keys makes "Mã hệ thống",
"MA HE THONG" and "ma_he_thong" the same header.
"""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def clean_text(value: str) -> str:
    """NFC form, non-breaking and other odd spaces folded, outer blanks stripped."""
    text = unicodedata.normalize("NFC", value)
    text = text.replace("\u00a0", " ").replace("\u2007", " ").replace("\u202f", " ")
    return " ".join(text.split())


def fold_key(value: str) -> str:
    """Lower case, no diacritics (đ→d), punctuation and spaces as one `_`."""
    text = unicodedata.normalize("NFD", clean_text(value).lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("đ", "d")
    return _NON_ALNUM.sub("_", text).strip("_")
