"""One door to the translated labels and colours the charts use.

Charts speak the vocabulary of `cloudfit.i18n`; keeping the calls here means
a chart module never spells a translation key or a colour itself.
"""

from __future__ import annotations

import pandas as pd

from cloudfit import i18n
from cloudfit.fields import FIELDS_BY_NAME
from cloudfit.i18n import DEPLOYMENT_COLOURS
from cloudfit.vocabulary import BANDS, DEPLOYMENTS, STRATEGIES

__all__ = ["BANDS", "DEPLOYMENTS", "DEPLOYMENT_COLOURS", "STRATEGIES", "STRATEGY_COLOURS"]

STRATEGY_COLOURS: dict[str, str] = {
    "rehost": "#4E79A7",
    "relocate": "#76B7B2",
    "replatform": "#59A14F",
    "refactor": "#EDC948",
    "repurchase": "#B07AA1",
    "retire": "#BAB0AC",
    "retain": "#9C755F",
}


def text(key: str, lang: str) -> str:
    return i18n.t(key, lang)


def band(code: str, lang: str) -> str:
    return i18n.band_label(code, lang)


def band_colour(code: str) -> str:
    return i18n.BAND_COLOURS[code]


def deployment(code: str, lang: str) -> str:
    return i18n.deployment_label(code, lang)


def strategy(code: str, lang: str) -> str:
    return i18n.strategy_label(code, lang)


def field(name: str, lang: str) -> str:
    """The field's label, or the name itself for criteria that are not fields."""
    spec = FIELDS_BY_NAME.get(name)
    if spec is None:
        return name
    return spec.label_vi if lang == "vi" else spec.label_en


def band_names(lang: str) -> dict[str, str]:
    return i18n.code_labels("band", BANDS, lang)


def deployment_names(lang: str) -> dict[str, str]:
    return i18n.code_labels("deployment", DEPLOYMENTS, lang)


def strategy_names(lang: str) -> dict[str, str]:
    return i18n.code_labels("strategy", STRATEGIES, lang)


def safe(values: pd.Series) -> pd.Series:
    """User text for plotly labels: plotly reads a few HTML-like tags in text, so `<` and `>` are escaped."""
    return (
        values.fillna("")
        .astype(str)
        .str.replace("<", "&lt;", regex=False)
        .str.replace(">", "&gt;", regex=False)
    )


def platform(code: object, lang: str) -> str:
    return i18n.platform_label(code, lang)


def task(code: object, lang: str) -> str:
    return i18n.foundation_label(code, lang)
