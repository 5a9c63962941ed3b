"""The words of a scoring model in the reader's language: titles, labels, reasons, legal bases.

Model files are written in English (an analyst copies and edits them);
`cloudfit/locales/model_text.vi.yaml` gives the Vietnamese of every text
of the bundled models, keyed by the English text itself. A text with no
Vietnamese form (an analyst's own model) is shown as written; a test keeps
the bundled models fully translated, so a reworded rule cannot keep a stale
translation.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd
import yaml

MODEL_TEXT_KEYS = frozenset({"title", "description", "label", "reason", "basis"})


def _load(lang: str) -> Mapping[str, str]:
    path = Path(__file__).parent / "locales" / f"model_text.{lang}.yaml"
    with path.open(encoding="utf-8") as handle:
        return MappingProxyType(yaml.safe_load(handle))


TRANSLATIONS: Mapping[str, Mapping[str, str]] = MappingProxyType({"vi": _load("vi")})


def translated(text: Any, lang: str) -> Any:
    """`text` in `lang` where a translation exists; anything else unchanged."""
    if lang == "en" or not isinstance(text, str):
        return text
    return TRANSLATIONS.get(lang, {}).get(text, text)


def translate_series(values: pd.Series, lang: str) -> pd.Series:
    """A column of model texts (reasons, bases) in `lang`, mapped once per distinct text."""
    if lang == "en" or lang not in TRANSLATIONS:
        return values
    table = TRANSLATIONS[lang]
    objects = values.astype(object)
    distinct = pd.unique(objects.dropna())
    return objects.map({text: table.get(text, text) if isinstance(text, str) else text for text in distinct})


def model_texts(model: Any) -> set[str]:
    """Every text of a scoring model that a person reads (for the translation test)."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in MODEL_TEXT_KEYS and isinstance(item, str) and item.strip():
                    found.add(item)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(model.model_dump())
    return found
