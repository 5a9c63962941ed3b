"""Mapping files, version 2: how the columns of someone else's file become cloudfit fields.

A version-1 mapping is a flat `{source header: field}`; it still works.
Version 2 (`version: 2`) says more, each under its own key:

    version: 2
    columns:            # a header may feed several fields; ~ keeps it as an extra column
      "System": name
      "Purpose": [description, business_domain]
    constants:          # a field the file does not have, the same for every row
      owner_agency: "Bộ Tài chính"
    values:             # per-field translations; "/regex/" keys are patterns (case-insensitive)
      hosting: {aws: public_cloud, heroku: public_cloud, "/^vm/": virtualized}
    ids: name           # column (default) | name | row: where app_id comes from when the file has none
    counts:             # a column that lists items: how many it lists feeds the field
      hosts: servers    # "web1, web2; db1" -> 3
    dependencies: auto  # auto (default) | id | name: how depends_on entries are matched
    format: auto        # or a bundled format (konveyor, aws-cmf, ...), as --format

Unknown keys are refused with a message naming the key and what is
allowed, so a typo never silently does nothing. Presets
(`cloudfit/formats/presets/*.yaml`) use the same keys plus a few of their own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from cloudfit.errors import InputError
from cloudfit.text import clean_text, fold_key

IdSource = Literal["column", "name", "row"]
DependencyMatch = Literal["auto", "id", "name"]
MAPPING_KEYS = ("version", "format", "columns", "constants", "values", "counts", "ids", "dependencies")
ID_SOURCES: tuple[str, ...] = ("column", "name", "row")
DEPENDENCY_MATCHES: tuple[str, ...] = ("auto", "id", "name")
MAX_PATTERN = 200


@dataclass(frozen=True)
class ValueMap:
    """Translations of one field's values: exact (after folding case and diacritics), then patterns."""

    exact: Mapping[str, object] = field(default_factory=dict)
    patterns: tuple[tuple[re.Pattern[str], object], ...] = ()

    def is_empty(self) -> bool:
        return not self.exact and not self.patterns


@dataclass(frozen=True)
class MappingSpec:
    """What a mapping file (or a preset) says; empty parts mean "as cloudfit would guess"."""

    columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    constants: Mapping[str, object] = field(default_factory=dict)
    values: Mapping[str, ValueMap] = field(default_factory=dict)
    ids: IdSource = "column"
    dependencies: DependencyMatch = "auto"
    version: int = 1
    counts: Mapping[str, str] = field(default_factory=dict)

    @property
    def reshapes(self) -> bool:
        """True when the file must be rewritten (not only its headers matched) before validation."""
        several = any(len(fields) > 1 for fields in self.columns.values())
        return bool(
            several
            or self.constants
            or self.values
            or self.counts
            or self.ids != "column"
            or self.version >= 2
        )

    def single_fields(self) -> dict[str, str | None]:
        """The version-1 view {header: first field or None}, for header detection and plain files."""
        return {header: (fields[0] if fields else None) for header, fields in self.columns.items()}

    def merged(self, other: MappingSpec) -> MappingSpec:
        """This spec with `other`'s entries on top (a user's mapping over a preset)."""
        values = dict(self.values)
        for name, value_map in other.values.items():
            base = values.get(name, ValueMap())
            values[name] = ValueMap({**base.exact, **value_map.exact}, value_map.patterns + base.patterns)
        return MappingSpec(
            columns={**self.columns, **other.columns},
            constants={**self.constants, **other.constants},
            values=values,
            ids=other.ids if other.ids != "column" else self.ids,
            dependencies=other.dependencies if other.dependencies != "auto" else self.dependencies,
            version=max(self.version, other.version),
            counts={**self.counts, **other.counts},
        )


EMPTY_SPEC = MappingSpec()


def read_mapping_document(mapping: str | Path | Mapping | None) -> Mapping | None:
    """The raw mapping document: a dict as given, or a YAML/JSON file parsed with safe_load."""
    if mapping is None or isinstance(mapping, Mapping):
        return mapping
    path = Path(mapping)
    if not path.is_file():
        raise InputError(f"{path}: mapping file not found. Check the path.")
    import yaml

    from cloudfit.safeload import load_text, read_bounded

    text = read_bounded(path, InputError, "Mapping file")  # size, aliases, nesting and text bounded
    try:
        document = load_text(
            text, source=f"mapping file {path}", error=InputError, as_json=path.suffix.lower() == ".json"
        )
    except yaml.YAMLError as error:
        raise InputError(f"{path}: the mapping file is not valid YAML/JSON ({error}).") from None
    if not isinstance(document, Mapping):
        raise InputError(f"mapping file {path}: expected pairs 'source header: field name', one per line.")
    return document


def is_version_2(document: Mapping | None) -> bool:
    """A version-2 document says `version: 2` (or uses one of its section keys)."""
    if not document:
        return False
    return document.get("version") == 2 or any(
        key in document and isinstance(document[key], Mapping)
        for key in ("columns", "constants", "values", "counts")
    )


def header_view(document: Mapping | None) -> dict[str, str | None] | None:
    """The plain {header: field} view of a mapping (v1 as is; v2 the first inventory field of each column).

    What the header detector and the app's column table need; constants, value maps and ids are
    applied when the file is loaded.
    """
    if not is_version_2(document):
        return None if document is None else dict(document)
    from cloudfit.fields import DEPENDENCY_COLUMNS, FIELDS_BY_NAME

    known = set(FIELDS_BY_NAME) | set(DEPENDENCY_COLUMNS)
    view: dict[str, str | None] = {}
    for header, target in (document.get("columns") or {}).items():
        targets = target if isinstance(target, list | tuple) else [target]
        view[str(header)] = next((t for t in targets if t in known), None)
    return view


def parse_spec(document: Mapping, where: str, known_fields: tuple[str, ...]) -> MappingSpec:
    """A version-2 document → `MappingSpec`; every unknown key or field is one clear `InputError`."""
    unknown = [str(key) for key in document if key not in MAPPING_KEYS]
    if unknown:
        raise InputError(
            f"{where}: unknown key(s) {', '.join(repr(k) for k in unknown)}. "
            f"A version-2 mapping has only: {', '.join(MAPPING_KEYS)} (see docs/mapping-files.md)."
        )
    if document.get("version", 2) not in (1, 2):
        raise InputError(f"{where}: 'version' must be 2 (or leave the file as flat 'header: field' pairs).")

    def check_field(name: object, context: str) -> str:
        text = clean_text(str(name))
        if text not in known_fields:
            raise InputError(
                f"{where}: {context} names '{name}', which is not a cloudfit field. "
                f"Use one of: {', '.join(sorted(known_fields))}."
            )
        return text

    columns: dict[str, tuple[str, ...]] = {}
    for header, target in _section(document, "columns", where).items():
        targets = target if isinstance(target, list | tuple) else [] if target is None else [target]
        if any(not isinstance(t, str) for t in targets):
            raise InputError(f"{where}: columns → '{header}' must be a field name or a list of field names.")
        columns[clean_text(str(header))] = tuple(
            check_field(t, f"columns → '{header}'") for t in targets if t.strip()
        )
    constants = {
        check_field(name, "constants"): value
        for name, value in _section(document, "constants", where).items()
        if value is not None
    }
    values = {
        check_field(name, "values"): _value_map(table, f"{where}: values → {name}")
        for name, table in _section(document, "values", where).items()
    }
    ids = str(document.get("ids", "column"))
    if ids not in ID_SOURCES:
        raise InputError(f"{where}: 'ids' must be one of {', '.join(ID_SOURCES)}, not '{ids}'.")
    dependencies = str(document.get("dependencies", "auto"))
    if dependencies not in DEPENDENCY_MATCHES:
        raise InputError(
            f"{where}: 'dependencies' must be one of {', '.join(DEPENDENCY_MATCHES)}, not '{dependencies}'."
        )
    counts = {
        clean_text(str(header)): check_field(target, f"counts → '{header}'")
        for header, target in _section(document, "counts", where).items()
    }
    return MappingSpec(columns, constants, values, ids, dependencies, version=2, counts=counts)  # type: ignore[arg-type]


def _section(document: Mapping, key: str, where: str) -> Mapping:
    section = document.get(key) or {}
    if not isinstance(section, Mapping):
        raise InputError(f"{where}: '{key}' must be a list of 'name: value' pairs.")
    return section


def _value_map(table: object, where: str) -> ValueMap:
    if not isinstance(table, Mapping):
        raise InputError(f"{where}: expected pairs 'value in the file: cloudfit value'.")
    exact: dict[str, object] = {}
    patterns: list[tuple[re.Pattern[str], object]] = []
    for source, target in table.items():
        text = str(source)
        if len(text) > 2 and text.startswith("/") and text.endswith("/"):
            if len(text) > MAX_PATTERN:
                raise InputError(
                    f"{where}: the pattern {text[:40]}... is longer than {MAX_PATTERN} characters."
                )
            try:
                patterns.append((re.compile(text[1:-1], re.IGNORECASE), target))
            except re.error as error:
                raise InputError(f"{where}: '{text}' is not a valid pattern ({error}).") from None
        else:
            exact[fold_key(text)] = target
    return ValueMap(exact, tuple(patterns))
