"""The bundled presets: other tools' file formats as data (`presets/*.yaml`), and how one is recognised.

A preset is a version-2 mapping (see `cloudfit.formats.spec`) plus what
only a format knows: whether its rows are applications or servers, the
headers that identify it, and for Konveyor its record types and tag pairs.
Detection looks at the first rows of every sheet for the headers a preset
names; it chooses only when the required headers are all there, and says
which headers made it choose, so nothing is guessed silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Literal

from cloudfit import i18n
from cloudfit.errors import InputError
from cloudfit.fields import DEPENDENCY_COLUMNS, FIELDS
from cloudfit.formats.spec import MappingSpec, ValueMap, parse_spec
from cloudfit.inventory.raw import RawSheet, RawWorkbook
from cloudfit.text import clean_text, fold_key

RowKind = Literal["applications", "servers"]
FORMATS = ("auto", "cloudfit", "konveyor", "aws-cmf", "aws-ads", "azure-migrate", "servicenow", "tidal")
PRESET_NAMES = FORMATS[2:]
SCAN_ROWS = 40
IMPORTED_FIELDS = ("imported_wave", "imported_strategy", "imported_lifecycle", "imported_deployment")
SERVER_FIELDS = (
    "server_name",
    "server_id",
    "application",
    "os_name",
    "os_version",
    "cores",
    "memory_mb",
    "memory_used_mb_avg",
    "memory_avg_pct",
    "cpu_avg_pct",
    "storage_gb",
    "environment",
)
_PRESET_ONLY_KEYS = ("title", "rows", "detect", "record_types", "tags", "people", "application_lists")


def known_fields(servers: bool = False) -> tuple[str, ...]:
    """Names a mapping may target: inventory fields, imported decisions, and server fields for server files."""
    names = tuple(f.name for f in FIELDS) + tuple(c for c in DEPENDENCY_COLUMNS if c not in ("app_id",))
    return tuple(dict.fromkeys(names + IMPORTED_FIELDS + (SERVER_FIELDS if servers else ())))


@dataclass(frozen=True)
class Preset:
    """One bundled format."""

    name: str
    title: str
    rows: RowKind
    spec: MappingSpec
    required: tuple[str, ...]
    any_of: tuple[str, ...]
    at_least: int = 1
    record_types: Mapping[str, str] = field(default_factory=dict)
    tags: Mapping = field(default_factory=dict)
    people: tuple[str, ...] = ()
    application_lists: bool = False  # a server's application cell may list several, comma-separated


@dataclass(frozen=True)
class FormatChoice:
    """Which format a file was read as, and why (shown to the analyst and in `validate --json`)."""

    name: str
    title: str
    reason: str
    sheet: str | None = None
    header_row: int | None = None
    preset: Preset | None = None
    reason_vi: str = ""  # the reason for a Vietnamese reader

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "reason": self.reason,
            "reason_vi": self.reason_vi or self.reason,
            "sheet": self.sheet,
        }


def _reason(key: str, **values: object) -> tuple[str, str]:
    """A format reason (locale key `format.reason.<key>`) in English and Vietnamese."""
    return (
        i18n.t(f"format.reason.{key}", "en").format(**values),
        i18n.t(f"format.reason.{key}", "vi").format(**values),
    )


@lru_cache(maxsize=1)
def common_values() -> dict[str, ValueMap]:
    """Value translations every preset shares."""
    document = _load("common")
    return parse_spec({"values": document.get("values", {})}, "presets/common.yaml", known_fields()).values


@lru_cache(maxsize=len(PRESET_NAMES))
def preset(name: str) -> Preset:
    """A bundled preset by name; `InputError` naming the choices when there is none."""
    if name not in PRESET_NAMES:
        raise InputError(f"Unknown format '{name}'. Choose one of: {', '.join(FORMATS)}.")
    document = dict(_load(name))
    where = f"presets/{name}.yaml"
    extra = {key: document.pop(key) for key in _PRESET_ONLY_KEYS if key in document}
    rows = extra.get("rows", "applications")
    spec = parse_spec(document, where, known_fields(servers=rows == "servers"))
    values = dict(common_values())
    values.update(spec.values)
    detect = extra.get("detect", {})
    return Preset(
        name=name,
        title=extra.get("title", name),
        rows=rows,
        spec=MappingSpec(
            spec.columns, spec.constants, values, spec.ids, spec.dependencies, version=2, counts=spec.counts
        ),
        required=tuple(detect.get("required", ())),
        any_of=tuple(detect.get("any", ())),
        at_least=int(detect.get("at_least", 1)),
        record_types=extra.get("record_types", {}),
        tags=extra.get("tags", {}),
        people=tuple(extra.get("people", ())),
        application_lists=bool(extra.get("application_lists", False)),
    )


def _load(name: str) -> Mapping:
    import yaml

    text = (
        resources.files("cloudfit.formats")
        .joinpath("presets")
        .joinpath(f"{name}.yaml")
        .read_text(encoding="utf-8")
    )
    return yaml.safe_load(text) or {}


def detect_format(raw: RawWorkbook) -> FormatChoice:
    """The preset whose identifying headers a sheet has, or cloudfit's own format with the reason."""
    return raw.once("format", lambda: _detect_format(raw))


def _detect_format(raw: RawWorkbook) -> FormatChoice:
    best: tuple[int, int, FormatChoice] | None = None
    for sheet in raw.sheets:
        for position, keys in _candidate_rows(sheet):
            for name in PRESET_NAMES:
                found = preset(name)
                required = [h for h in found.required if fold_key(h) in keys]
                if len(required) < len(found.required):
                    continue
                extra = [h for h in found.any_of if fold_key(h) in keys]
                if len(extra) < found.at_least:
                    continue
                score = len(required) + len(extra)
                en, vi = _reason(
                    "detected",
                    sheet=sheet.name,
                    row=sheet.row_number(position),
                    headers=", ".join(f"'{h}'" for h in required + extra),
                    title=found.title,
                )
                choice = FormatChoice(name, found.title, en, sheet.name, position, found, vi)
                if best is None or score > best[0]:
                    best = (score, -position, choice)
    if best is not None:
        return best[2]
    en, vi = _reason("none")
    return FormatChoice("cloudfit", "cloudfit inventory", en, reason_vi=vi)


def chosen_format(raw: RawWorkbook, name: str) -> FormatChoice:
    """The format asked for (`auto` detects); a named preset is located on the sheet that fits it best."""
    if name == "auto":
        return detect_format(raw)
    if name == "cloudfit":
        en, vi = _reason("chosen", name=name)
        return FormatChoice("cloudfit", "cloudfit inventory", en, reason_vi=vi)
    found = preset(name)
    located = detect_format(raw)
    en, vi = _reason("chosen", name=name)
    if located.name == name:
        return FormatChoice(
            name,
            found.title,
            f"{en}; {located.reason}",
            located.sheet,
            located.header_row,
            found,
            f"{vi}; {located.reason_vi}",
        )
    sheet, position = _best_sheet_for(raw, found)
    return FormatChoice(name, found.title, en, sheet.name, position, found, vi)


def _best_sheet_for(raw: RawWorkbook, found: Preset) -> tuple[RawSheet, int]:
    wanted = {fold_key(h) for h in (*found.required, *found.any_of, *found.spec.columns)}
    best = (raw.sheets[0], 0, -1)
    for sheet in raw.sheets:
        for position, keys in _candidate_rows(sheet):
            score = len(wanted & keys)
            if score > best[2]:
                best = (sheet, position, score)
    return best[0], best[1]


def _candidate_rows(sheet: RawSheet):
    scan = sheet.cells.iloc[:SCAN_ROWS].to_numpy(dtype=object)
    for position, values in enumerate(scan):
        keys = {fold_key(clean_text(v)) for v in values if isinstance(v, str) and v.strip()}
        if len(keys) >= 2:
            yield position, keys
