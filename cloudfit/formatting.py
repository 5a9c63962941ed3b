"""Numbers, shares, dates and yes/no as a reader of each language writes them.

English: 1,498 · 70.1% · 2026-11-30 · Yes. Vietnamese: 1.498 · 70,1% ·
30/11/2026 · Có (dot for thousands, comma for decimals, day first), as in
official documents. The PDF brief and the CLI use these; the workbook keeps
real numbers and dates and lets the spreadsheet program format them.
"""

from __future__ import annotations

import datetime as dt

from cloudfit import i18n

_SWAP = str.maketrans({",": ".", ".": ","})


def number(value: float, lang: str = "en", decimals: int = 0) -> str:
    """A number with thousands grouped: "1,498.5" (en), "1.498,5" (vi)."""
    text = f"{value:,.{decimals}f}"
    return text.translate(_SWAP) if lang == "vi" else text


def percent(share: float, lang: str = "en", decimals: int = 1) -> str:
    """A share 0-1 as a percentage: "70.1%" (en), "70,1%" (vi)."""
    return number(share * 100, lang, decimals) + "%"


def date(value: dt.date, lang: str = "en") -> str:
    """ISO in English (unambiguous), dd/mm/yyyy in Vietnamese."""
    return value.strftime("%d/%m/%Y") if lang == "vi" else value.isoformat()


def yes_no(flag: bool, lang: str = "en") -> str:
    return i18n.t("bool.true" if flag else "bool.false", lang)


def count(n: int, key: str, lang: str = "en") -> str:
    """ "1 application" / "2 applications" from `key.one` and `key.other` ("1 ứng dụng" in both forms)."""
    form = "one" if n == 1 else "other"
    return i18n.t(f"{key}.{form}", lang).format(n=number(n, lang))
