"""The words of a scoring model in the reader's language: titles, labels, reasons, legal bases.

A model file carries its own Vietnamese: every text a person reads has a
sibling with `_vi` (`reason` and `reason_vi`, band `definitions` and
`definitions_vi`), so an analyst who copies a model copies its translation
with it. The results (the assessment's reason and basis columns, the
explanations) hold the English text; a reader's language is chosen where
they are shown, from the model's own pairs plus the engine's (its hard
constraints, retire and retain). A text with no Vietnamese form (an
analyst's own model written in English only) is shown as written; a test
keeps the bundled models fully translated.

A rule's legal basis as the engine renders it (`legal.basis_text`: the
rationale, then each cited text in brackets) is translated piece by piece:
the rationale from the model's pairs, each citation from the bilingual
`legal_texts.yaml` (the Vietnamese title and the article quoted or
summarised in Vietnamese).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from functools import cache
from types import MappingProxyType
from typing import Any

import pandas as pd

from cloudfit.scoring_model.legal import legal_texts, not_in_force_note, render

MODEL_TEXT_KEYS = frozenset({"title", "description", "label", "reason", "basis", "source", "message"})
TEXT_GROUPS = frozenset({"definitions"})  # every value of these mappings is read by a person
TRANSLATED = ("vi",)  # languages a model file may give beside its English
_CITATION_AT_END = re.compile(r" ?\[([^\[\]]+)\]$")
_NOTE_AT_END = re.compile(r" ?\(no text it cites is in force on (\d{4})-(\d{2})-(\d{2})\)$")


def text_pairs(value: Any, lang: str = "vi") -> Iterator[tuple[str, str, str]]:
    """(key path, English, translation or '') of every text a person reads in a model's data.

    `value` is a model's `model_dump()` (or any part of it); a translation is
    the sibling key with `_{lang}` (`reason_vi`), '' where it is missing.
    """

    def walk(item: Any, path: str) -> Iterator[tuple[str, str, str]]:
        if isinstance(item, dict):
            for key, sub in item.items():
                where = f"{path}.{key}" if path else str(key)
                if key in MODEL_TEXT_KEYS and isinstance(sub, str) and sub.strip():
                    yield where, sub, str(item.get(f"{key}_{lang}") or "")
                elif key in TEXT_GROUPS and isinstance(sub, dict):
                    other = item.get(f"{key}_{lang}") or {}
                    for name, text in sub.items():
                        if isinstance(text, str) and text.strip():
                            yield f"{where}.{name}", text, str(other.get(name) or "")
                elif not str(key).endswith(f"_{lang}"):
                    yield from walk(sub, where)
        elif isinstance(item, list):
            for index, sub in enumerate(item):
                yield from walk(sub, f"{path}[{index}]")

    return walk(value, "")


@cache
def _engine_table(lang: str) -> Mapping[str, str]:
    """The engine's own texts (hard constraints, retire, retain, the programme's default basis), Vietnamese only."""
    from cloudfit.scoring.placement import RETAINED, RETIRED
    from cloudfit.scoring.rules import ENGINE_CONSTRAINTS
    from cloudfit.scoring_model.programme import DEFAULT_BASIS, DEFAULT_BASIS_VI

    table = {en: vi for c in ENGINE_CONSTRAINTS for _, en, vi in text_pairs(c.model_dump(), lang) if vi}
    table[DEFAULT_BASIS] = DEFAULT_BASIS_VI
    for decider in (RETIRED, RETAINED):
        table |= {decider.reason: decider.reason_vi, decider.basis: decider.basis_vi}
    return MappingProxyType(table)


_TABLES: OrderedDict[tuple[int, str], tuple[Any, Mapping[str, str]]] = OrderedDict()
_TABLES_KEPT = 8  # models in use at once (the app's sessions, a what-if copy); the table is cheap to rebuild


def text_table(model: Any, lang: str) -> Mapping[str, str]:
    """English → `lang` for every text of `model` that has a translation, plus the engine's texts.

    Built once per model object and kept beside it (not on it: a model stays picklable and equal
    to its twin); the entry holds the model, so its id cannot be reused while the entry lives.
    """
    if model is None:
        return _engine_table(lang)
    key = (id(model), lang)
    kept = _TABLES.get(key)
    if kept is not None and kept[0] is model:
        return kept[1]
    table = dict(_engine_table(lang))
    table |= {en: vi for _, en, vi in text_pairs(model.model_dump(), lang) if vi}
    found = MappingProxyType(table)
    _TABLES[key] = (model, found)
    while len(_TABLES) > _TABLES_KEPT:
        _TABLES.popitem(last=False)
    return found


def translated(text: Any, lang: str, model: Any = None) -> Any:
    """`text` in `lang` where `model` (or the engine) gives a translation; anything else unchanged."""
    if lang not in TRANSLATED or not isinstance(text, str):
        return text
    table = text_table(model, lang)
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


def translate_series(values: pd.Series, lang: str, model: Any = None) -> pd.Series:
    """A column of model texts (reasons, bases) in `lang`, mapped once per distinct text."""
    if lang not in TRANSLATED:
        return values
    objects = values.astype(object)
    distinct = pd.unique(objects.dropna())
    return objects.map({text: translated(text, lang, model) for text in distinct})


def untranslated(model: Any, lang: str = "vi") -> list[str]:
    """Key paths of the texts of `model` a person reads that have no `lang` form (for tests and checks)."""
    engine = _engine_table(lang)
    return [
        where for where, en, vi in text_pairs(model.model_dump(), lang) if not vi.strip() and en not in engine
    ]
