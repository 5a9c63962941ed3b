"""The words of a scoring model in the reader's language: titles, labels, reasons, legal bases.

Model files are written in English (an analyst copies and edits them);
`cloudfit/locales/model_text.vi.yaml` gives the Vietnamese of every text
of the bundled models, keyed by the English text itself. A text with no
Vietnamese form (an analyst's own model) is shown as written; a test keeps
the bundled models fully translated, so a reworded rule cannot keep a stale
translation.

A rule's legal basis as the engine renders it (`legal.basis_text`: the
rationale, then each cited text in brackets) is translated piece by piece:
the rationale from the table, each citation from the bilingual
`legal_texts.yaml` (the Vietnamese title and the article quoted or
summarised in Vietnamese).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd
import yaml

from cloudfit.scoring_model.legal import legal_texts, not_in_force_note, render

MODEL_TEXT_KEYS = frozenset({"title", "description", "label", "reason", "basis", "source", "message"})
TEXT_GROUPS = frozenset({"definitions"})  # every value of these mappings is read by a person
_CITATION_AT_END = re.compile(r" ?\[([^\[\]]+)\]$")
_NOTE_AT_END = re.compile(r" ?\(no text it cites is in force on (\d{4})-(\d{2})-(\d{2})\)$")


def _load(lang: str) -> Mapping[str, str]:
    path = Path(__file__).parent / "locales" / f"model_text.{lang}.yaml"
    with path.open(encoding="utf-8") as handle:
        return MappingProxyType(yaml.safe_load(handle))


TRANSLATIONS: Mapping[str, Mapping[str, str]] = MappingProxyType({"vi": _load("vi")})


def translated(text: Any, lang: str) -> Any:
    """`text` in `lang` where a translation exists; anything else unchanged."""
    if lang == "en" or not isinstance(text, str) or lang not in TRANSLATIONS:
        return text
    table = TRANSLATIONS[lang]
    found = table.get(text)
    return found if found is not None else _translated_basis(text, lang, table)


@cache
def _citations(lang: str) -> Mapping[str, str]:
    """Every citation as `basis_text` renders it in English → the same citation in `lang`."""
    keys = [text_id for text_id in legal_texts()]
    keys += [f"{text_id}:{article}" for text_id, text in legal_texts().items() for article in text.articles]
    return MappingProxyType({render(key): render(key, lang) for key in keys})


def _translated_basis(text: str, lang: str, table: Mapping[str, str]) -> str:
    """A rendered basis ('rationale [citation] [citation]') in `lang`; `text` itself if it is not one."""
    citations = _citations(lang)
    rest, cited = text, []
    while (match := _CITATION_AT_END.search(rest)) and match.group(1) in citations:
        cited.insert(0, f"[{citations[match.group(1)]}]")
        rest = rest[: match.start()]
    note = _NOTE_AT_END.search(rest)
    if note:
        rest = rest[: note.start()]
        cited.insert(0, not_in_force_note(dt.date(*map(int, note.groups())), lang))
    if not cited:
        return text
    head = rest.strip()
    return " ".join([table.get(head, head), *cited] if head else cited)


def translate_series(values: pd.Series, lang: str) -> pd.Series:
    """A column of model texts (reasons, bases) in `lang`, mapped once per distinct text."""
    if lang == "en" or lang not in TRANSLATIONS:
        return values
    objects = values.astype(object)
    distinct = pd.unique(objects.dropna())
    return objects.map({text: translated(text, lang) for text in distinct})


def model_texts(model: Any) -> set[str]:
    """Every text of a scoring model that a person reads (for the translation test)."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in MODEL_TEXT_KEYS and isinstance(item, str) and item.strip():
                    found.add(item)
                elif key in TEXT_GROUPS and isinstance(item, dict):
                    found.update(text for text in item.values() if isinstance(text, str) and text.strip())
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(model.model_dump())
    return found
