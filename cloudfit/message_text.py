"""Error and finding sentences in the reader's language, from one catalogue of message templates.

Errors and findings are written in English where they are raised, with the
values that make them specific (the file, the row, the header). A
Vietnamese reader gets the same sentence from `locales/messages.vi.yaml`:
each English template (`"{where}: 'version' must be 2 ..."`) with its
Vietnamese form; the values are taken from the English message and put into
the Vietnamese one. Keyed by the template as written in the code, so a
reworded message shows up as untranslated (a test scans every raise and
every finding for its template) instead of keeping a stale translation.

A value that is itself a message (a nested error, a list of problems one a
line) is translated the same way; a field label becomes the field's
Vietnamese label, a text of the engine its Vietnamese form. Anything the
catalogue does not know stays as written.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

import yaml

from cloudfit.fields import FIELDS

CATALOGUE_FILE = Path(__file__).parent / "locales" / "messages.vi.yaml"
_LINE_ITEM = re.compile(r"^(\s*- )(.*)$", re.S)
_LABEL_AND_NAME = re.compile(r"(.+) \((\w+)\)")


@dataclass(frozen=True)
class Template:
    """One English message template, compiled to a pattern that recovers its values."""

    english: str
    translation: str
    pattern: re.Pattern[str]

    def apply(self, text: str) -> str | None:
        found = self.pattern.fullmatch(text)
        if found is None:
            return None
        values = {name: _value(value) for name, value in found.groupdict().items()}
        return self.translation.format(**values)


def pattern_of(template: str) -> re.Pattern[str]:
    """A template's literal text escaped, each `{name}` a lazy group (a repeated name a back-reference).

    `{name:greedy}` is a greedy group; the Vietnamese form writes it `{name}`.
    """
    parts, seen = [], set()
    for literal, name, spec, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is None:
            continue
        # `{name:greedy}` takes as much as it can: a value that holds the separator after it ("X (1-5)")
        parts.append(
            f"(?P={name})" if name in seen else f"(?P<{name}>.*)" if spec == "greedy" else f"(?P<{name}>.*?)"
        )
        seen.add(name)
    return re.compile("".join(parts), re.S)


def shape(template: str) -> str:
    """A template with its placeholders unnamed: what the code's f-string and the catalogue key share."""
    out = []
    for literal, name, _, _ in string.Formatter().parse(template):
        out.append(literal.replace("{", "{{").replace("}", "}}"))
        if name is not None:
            out.append("{}")
    return "".join(out)


def _compiled(table: Mapping[str, str]) -> tuple[Template, ...]:
    """The templates, the most specific (the longest literal text) first."""
    items = [Template(en, vi, pattern_of(en)) for en, vi in table.items()]
    return tuple(sorted(items, key=lambda t: -len(shape(t.english).replace("{}", ""))))


@cache
def catalogue() -> Mapping[str, object]:
    """The Vietnamese catalogue: `errors` (template → Vietnamese), `findings` and `actions` (per code), `terms`."""
    with CATALOGUE_FILE.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return MappingProxyType(data)


@cache
def _errors() -> tuple[Template, ...]:
    return _compiled(catalogue()["errors"])


@cache
def _findings(code: str) -> tuple[Template, ...]:
    """The code's sentences: those written whole in the code and those it assembles (`composed`)."""
    return _compiled(
        {**(catalogue()["findings"].get(code) or {}), **(catalogue()["composed"].get(code) or {})}
    )


@cache
def _action(code: str) -> Template | None:
    from cloudfit.finding_codes import CATALOGUE

    vi = (catalogue()["actions"] or {}).get(code)
    spec = CATALOGUE.get(code)
    return None if vi is None or spec is None else Template(spec.action, vi, pattern_of(spec.action))


_LABELLED = ("platform.", "deployment.", "strategy.", "band.", "foundation.")  # codes a message may name


@cache
def _terms() -> Mapping[str, str]:
    """Values that are words, not messages: field labels, platform (and other) codes and labels, `terms`."""
    from cloudfit.i18n import MESSAGES

    terms = {f.label_en: f.label_vi for f in FIELDS}
    for key, english in MESSAGES["en"].items():
        if key.startswith(_LABELLED):
            terms[english] = terms[key.split(".", 1)[1]] = MESSAGES["vi"][key]
    return MappingProxyType(terms | dict(catalogue().get("terms") or {}))


def _value(text: str) -> str:
    """A value taken from an English message, in Vietnamese where it is a label or a message itself."""
    found = _terms().get(text)
    if found is not None:
        return found
    if " " not in text:  # an ID, a number, a code: as written
        return text
    labelled = _LABEL_AND_NAME.fullmatch(text)  # "Security level (1-5) (security_level)"
    if labelled and labelled.group(1) in _terms():
        return f"{_terms()[labelled.group(1)]} ({labelled.group(2)})"
    from cloudfit.model_text import translated  # the engine's texts (e.g. the programme's default basis)

    found = translated(text, "vi")
    return found if found != text else message_vi(text)


def _first(templates: tuple[Template, ...], text: str) -> str | None:
    for template in templates:
        found = template.apply(text)
        if found is not None:
            return found
    return None


def message_vi(text: str) -> str:
    """An error message in Vietnamese: the whole text, else line by line; unknown text as written."""
    found = _first(_errors(), text)
    if found is not None:
        return found
    if "\n" in text:
        return "\n".join(_line(line) for line in text.split("\n"))
    return text


def _line(line: str) -> str:
    item = _LINE_ITEM.match(line)
    if item:
        return item.group(1) + message_vi(item.group(2))
    return message_vi(line) if line.strip() else line


def translated_message(text: str, lang: str) -> str:
    """`text` (an error message) in `lang`."""
    return message_vi(text) if lang == "vi" and text else text


def finding_message(code: str, message: str, lang: str) -> str | None:
    """A finding's message in `lang`; None when the catalogue has no template for it."""
    if lang != "vi":
        return message
    return _first(_findings(code), message) if isinstance(message, str) else None


def finding_action(code: str, action: str, lang: str) -> str | None:
    """A finding's action (its code's template, filled) in `lang`; None when there is no template."""
    if lang != "vi":
        return action
    template = _action(code)
    return None if template is None or not isinstance(action, str) else template.apply(action)
