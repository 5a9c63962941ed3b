"""Headers → fields: exact names, aliases, normalised spellings, explicit overrides, fuzzy suggestions.

Matching is deterministic and explainable: each column says how it matched
(`exact`, `alias`, `normalised` or `explicit`). Fuzzy matches are only ever
*suggestions* for the analyst (or the UI's mapping step) and are never
applied on their own, because a wrong guess would silently put one column's
values under another field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, NamedTuple

from cloudfit.errors import InputError
from cloudfit.fields import DEPENDENCY_ALIASES, DEPENDENCY_COLUMNS, FIELDS, FIELDS_BY_NAME
from cloudfit.text import clean_text, fold_key

MatchHow = Literal["exact", "alias", "normalised", "explicit"]
SheetKind = Literal["applications", "dependencies"]
_HOW_RANK = {"explicit": 0, "exact": 1, "alias": 2, "normalised": 3}
# Innermost brackets only, so a header of a thousand '(' is one linear pass, not a quadratic one.
_DECORATION = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|[*:#]+")
MAX_HEADER_CHARS = 200  # a longer cell is a note or a title, never a column name
SUGGESTION_CUTOFF = 72.0
MAX_SUGGESTIONS = 3
MIN_SUGGESTION_KEY = 4  # shorter headers ('Số', 'STT') match everything a little
IGNORE = None
COUPLING_LABELS = ("Coupling", "Mức độ liên kết")


class Suggestion(NamedTuple):
    """A fuzzy guess for an unmatched header: never applied automatically."""

    field: str
    score: float


@dataclass(frozen=True)
class ColumnMatch:
    """How one header was matched.

    `field` is None for a column kept as an extra attribute; `duplicate_of`
    names the field it matched when an earlier (or better) column already
    took that field; `suggestions` are fuzzy guesses for unmatched headers.
    """

    header: str
    field: str | None
    how: MatchHow | None
    suggestions: tuple[Suggestion, ...] = ()
    duplicate_of: str | None = None


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """What headers each field answers to, for one kind of sheet."""

    fields: tuple[str, ...]
    names: Mapping[str, str]
    aliases: Mapping[str, str]
    folded: Mapping[str, str]

    def match(self, header: str) -> tuple[str, MatchHow] | None:
        if len(header) > MAX_HEADER_CHARS:
            return None
        return _match(self, header)

    def _match(self, header: str) -> tuple[str, MatchHow] | None:
        text = clean_text(header)
        if not text:
            return None
        if text in self.names:
            return self.names[text], "exact"
        if text.casefold() in self.aliases:
            return self.aliases[text.casefold()], "alias"
        stripped = _DECORATION.sub(" ", text)
        expanded = expand_abbreviations(stripped)
        for variant in (text, stripped, expanded):
            key = fold_key(variant)
            if key in self.folded:
                return self.folded[key], "normalised"
        return self._qualified(fold_key(expanded))

    def _qualified(self, key: str) -> tuple[str, MatchHow] | None:
        """A header that is a known name plus a qualifier ("Tên HTTT cũ", "Cấp độ an toàn đã phê duyệt"):
        the longest known name of two words or more that the header starts with wins."""
        if len(key) > MAX_QUALIFIED_KEY:
            return None
        known = _prefix_keys(tuple(self.folded))
        cut = key.rfind("_")
        while cut > 0:
            if key[:cut] in known:
                return self.folded[key[:cut]], "normalised"
            cut = key.rfind("_", 0, cut)
        return None

    def suggest(self, header: str) -> tuple[Suggestion, ...]:
        if len(header) > MAX_HEADER_CHARS:
            return ()
        from rapidfuzz import fuzz, process

        key = fold_key(_DECORATION.sub(" ", clean_text(header))) or fold_key(header)
        if len(key) < MIN_SUGGESTION_KEY:
            return ()
        hits = process.extract(
            key,
            list(self.folded),
            scorer=fuzz.WRatio,
            score_cutoff=SUGGESTION_CUTOFF,
            limit=4 * MAX_SUGGESTIONS,
        )
        best: dict[str, float] = {}
        for choice, score, _ in hits:
            field = self.folded[choice]
            best[field] = max(best.get(field, 0.0), round(float(score), 1))
        ranked = sorted(best.items(), key=lambda item: (-item[1], self.fields.index(item[0])))
        return tuple(Suggestion(field, score) for field, score in ranked[:MAX_SUGGESTIONS])


# Abbreviations officials use in headers, expanded before matching (whole words only).
ABBREVIATIONS = {
    "httt": "hệ thống thông tin",
    "csdl": "cơ sở dữ liệu",
    "attt": "an toàn thông tin",
    "cntt": "công nghệ thông tin",
    "đvql": "đơn vị quản lý",
    "dvql": "đơn vị quản lý",
    "đvcq": "đơn vị chủ quản",
    "dlcn": "dữ liệu cá nhân",
}
_ABBREVIATION = re.compile(r"(?<!\w)(" + "|".join(ABBREVIATIONS) + r")(?!\w)", re.IGNORECASE)
MAX_QUALIFIED_KEY = 120
MIN_PREFIX_WORDS = 3  # "Ghi chú riêng" stays an extra column; "Tên hệ thống cũ" is the name


def expand_abbreviations(text: str) -> str:
    """'Tên HTTT' → 'Tên hệ thống thông tin'."""
    return _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(1).casefold()], text)


@lru_cache(maxsize=4)
def _prefix_keys(keys: tuple[str, ...]) -> frozenset[str]:
    """Known names of two words or more: those a header may start with, followed by a qualifier."""
    return frozenset(k for k in keys if k.count("_") + 1 >= MIN_PREFIX_WORDS)


@lru_cache(maxsize=8192)
def _match(vocab: Vocabulary, header: str) -> tuple[str, MatchHow] | None:
    """`Vocabulary.match`, remembered: header detection asks about the same cells sheet after sheet."""
    return vocab._match(header)


def _vocabulary(entries: Iterable[tuple[str, Iterable[str], Iterable[str]]]) -> Vocabulary:
    """Build from (field, primary spellings, aliases); earlier entries win a shared spelling."""
    entries = list(entries)
    names: dict[str, str] = {}
    aliases: dict[str, str] = {}
    folded: dict[str, str] = {}
    for field, _, _ in entries:
        names.setdefault(field, field)
    for layer in (1, 2):
        for field, primary, extra in entries:
            for spelling in primary if layer == 1 else extra:
                aliases.setdefault(clean_text(spelling).casefold(), field)
                folded.setdefault(fold_key(spelling), field)
                folded.setdefault(fold_key(expand_abbreviations(spelling)), field)
    return Vocabulary(tuple(field for field, _, _ in entries), names, aliases, folded)


@lru_cache(maxsize=2)
def vocabulary(kind: SheetKind = "applications") -> Vocabulary:
    """The header vocabulary of the applications sheet or of the dependencies sheet."""
    if kind == "applications":
        return _vocabulary((f.name, (f.name, f.label_en, f.label_vi), f.aliases) for f in FIELDS)
    labels = {"coupling": COUPLING_LABELS}
    entries = []
    for column in DEPENDENCY_COLUMNS:
        spec = FIELDS_BY_NAME.get(column)
        primary = (column, *labels.get(column, ()), *((spec.label_en, spec.label_vi) if spec else ()))
        extra = (*DEPENDENCY_ALIASES.get(column, ()), *(spec.aliases if spec else ()))
        entries.append((column, primary, extra))
    return _vocabulary(entries)


def auto_mapping(
    headers: list[str], *, kind: SheetKind = "applications", explicit: Mapping[str, str | None] | None = None
) -> list[ColumnMatch]:
    """Match every header to a field (or none), one column per field, with fuzzy suggestions.

    The UI shows this list, lets the analyst correct it, and passes the
    corrected `{header: field}` to `load_inventory(..., mapping=...)`. With
    `explicit`, those entries override the automatic matches (a None value
    keeps the column as an extra attribute).
    """
    vocab = vocabulary(kind)
    lookup = _explicit_lookup(explicit or {}, vocab)
    candidates: list[tuple[str, MatchHow] | None] = []
    for header in headers:
        found = _explicit_for(header, lookup)
        if found is not None:
            candidates.append((found[0], "explicit") if found[0] else None)
        else:
            candidates.append(vocab.match(header))
    order = sorted((i for i, c in enumerate(candidates) if c), key=lambda i: (_HOW_RANK[candidates[i][1]], i))
    winner: dict[str, int] = {}
    for i in order:
        winner.setdefault(candidates[i][0], i)
    matches = []
    for i, header in enumerate(headers):
        candidate = candidates[i]
        if candidate and winner[candidate[0]] == i:
            matches.append(ColumnMatch(header, candidate[0], candidate[1]))
        elif candidate:
            matches.append(ColumnMatch(header, None, None, duplicate_of=candidate[0]))
        else:
            taken = set(winner)
            hints = (
                tuple(s for s in vocab.suggest(header) if s.field not in taken) if clean_text(header) else ()
            )
            matches.append(ColumnMatch(header, None, None, suggestions=hints))
    return matches


def recognised(
    headers: Iterable[object], kind: SheetKind, explicit: Mapping[str, str | None] | None = None
) -> int:
    """How many distinct fields a row of cells names: the header-row detector's score."""
    vocab = vocabulary(kind)
    lookup = _explicit_lookup(explicit or {}, vocab)
    fields = set()
    for cell in headers:
        if not isinstance(cell, str) or not cell.strip():
            continue
        found = _explicit_for(cell, lookup)
        if found is not None:
            if found[0]:
                fields.add(found[0])
            continue
        hit = vocab.match(cell)
        if hit:
            fields.add(hit[0])
    return len(fields)


# --- explicit mappings ---------------------------------------------------------------


def load_mapping(mapping: str | Path | Mapping[str, str | None] | None) -> dict[str, str | None]:
    """An explicit mapping {source header: field name or None} from a dict or a YAML/JSON file.

    Field names are checked here so that a typo is one clear error naming
    the mapping file, not a silently ignored column.
    """
    if mapping is None:
        return {}
    where = "the column mapping"
    if isinstance(mapping, str | Path):
        mapping, where = _read_mapping_file(Path(mapping))
    if not isinstance(mapping, Mapping):
        raise InputError(f"{where}: expected pairs 'source header: field name', one per line.")
    known = {f.name for f in FIELDS} | set(DEPENDENCY_COLUMNS)
    result: dict[str, str | None] = {}
    for header, target in mapping.items():
        header_text = clean_text(str(header))
        if target is None or (isinstance(target, str) and not target.strip()):
            result[header_text] = IGNORE
            continue
        if not isinstance(target, str):
            raise InputError(
                f"{where}: '{header}' is mapped to {target!r}; give one field name as text "
                "(or leave it empty to keep the column as extra)."
            )
        name = _resolve_field(str(target))
        if name not in known:
            raise InputError(
                f"{where}: '{header}' is mapped to '{target}', which is not a cloudfit field. "
                f"Use one of: {', '.join(sorted(known))} (or leave it empty to keep the column as extra)."
            )
        result[header_text] = name
    return result


def _read_mapping_file(path: Path) -> tuple[object, str]:
    """A mapping file's data, read within the size, alias and nesting bounds of `cloudfit.safeload`."""
    import yaml

    from cloudfit.safeload import load_text, read_bounded

    where = f"mapping file {path}"
    text = read_bounded(path, InputError, "Mapping file")
    try:
        return load_text(text, source=where, error=InputError, as_json=path.suffix.lower() == ".json"), where
    except yaml.YAMLError as error:
        raise InputError(f"{path}: the mapping file is not valid YAML/JSON ({error}).") from None


def _resolve_field(target: str) -> str:
    """A field given by name, or by its English/Vietnamese label."""
    return _field_labels().get(fold_key(target), clean_text(target))


@lru_cache(maxsize=1)
def _field_labels() -> dict[str, str]:
    labels = {fold_key(column): column for column in DEPENDENCY_COLUMNS}
    labels.update({fold_key(label): "coupling" for label in COUPLING_LABELS})
    for spec in FIELDS:
        for spelling in (spec.name, spec.label_en, spec.label_vi):
            labels.setdefault(fold_key(spelling), spec.name)
    return labels


def _explicit_lookup(explicit: Mapping[str, str | None], vocab: Vocabulary) -> dict[str, tuple[str | None]]:
    """Explicit entries keyed by exact text and by folded text; targets outside this sheet's fields dropped."""
    lookup: dict[str, tuple[str | None]] = {}
    for header, target in explicit.items():
        if target is not None and target not in vocab.fields:
            continue
        lookup.setdefault(clean_text(header), (target,))
        lookup.setdefault("\0" + fold_key(header), (target,))
    return lookup


def _explicit_for(header: str, lookup: Mapping[str, tuple[str | None]]) -> tuple[str | None] | None:
    if not lookup:
        return None
    text = clean_text(header)
    return lookup.get(text) or lookup.get("\0" + fold_key(text))


def explicit_used(explicit: Mapping[str, str | None], headers: Iterable[str]) -> set[str]:
    """The explicit entries that name a header present in `headers`."""
    exact = {clean_text(h) for h in headers}
    folded = {fold_key(h) for h in exact}
    return {key for key in explicit if key in exact or fold_key(key) in folded}
