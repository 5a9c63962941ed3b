"""The files the app hands out, as plain functions (tests call them; buttons call them lazily)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath

import yaml

from cloudfit.assessment import Assessment
from cloudfit.errors import InputError
from cloudfit.findings import Finding

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_MAX_MAPPING_BYTES = 1_000_000


def roadmap_workbook(assessment: Assessment, lang: str) -> bytes:
    """The roadmap workbook in the chosen language."""
    from cloudfit.roadmap import roadmap_bytes

    return roadmap_bytes(assessment, lang)


def briefing_pdf(assessment: Assessment, lang: str, agency: str | None = None) -> bytes:
    """The briefing PDF of the portfolio or of one agency."""
    from cloudfit.brief import brief_pdf

    return brief_pdf(assessment, lang, agency)


def application_brief(assessment: Assessment, app_id: str, lang: str) -> bytes:
    """The one-page PDF brief of one application."""
    from cloudfit.brief import application_pdf

    return application_pdf(assessment, app_id, lang)


def result_json(assessment: Assessment) -> bytes:
    """The JSON result, UTF-8."""
    from cloudfit.export import json_bytes

    return json_bytes(assessment)


def findings_csv(findings: Iterable[Finding]) -> bytes:
    from cloudfit.csv_out import findings_csv_bytes

    return findings_csv_bytes(tuple(findings))


def mapping_yaml(mapping: dict) -> bytes:
    """A column mapping (plain or version 2, docs/mapping-files.md) as YAML `--mapping` reads back."""
    header = "# cloudfit column mapping: source header -> field (empty keeps the column as an extra one)\n"
    if mapping.get("version") == 2:
        header = "# cloudfit mapping, version 2 (docs/mapping-files.md)\n"
        body = yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False)
        return (header + body).encode("utf-8")
    body = yaml.safe_dump(dict(sorted(mapping.items())), allow_unicode=True, sort_keys=False)
    return (header + body).encode("utf-8")


def read_mapping(data: bytes, name: str = "mapping.yaml") -> dict:
    """Parse a saved mapping with the reader's own checks; messages name the file."""
    from cloudfit.formats.presets import known_fields
    from cloudfit.formats.spec import is_version_2, parse_spec
    from cloudfit.inventory.mapping import load_mapping
    from cloudfit.safeload import load_text

    if len(data) > _MAX_MAPPING_BYTES:
        raise InputError(f"{name} is larger than 1 MB; a column mapping is a short list of headers.")
    try:
        loaded = load_text(data.decode("utf-8-sig"), source=name, error=InputError)
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        raise InputError(f"{name} is not a readable YAML or JSON file ({type(error).__name__}).") from error
    if not isinstance(loaded, dict) or not loaded:
        raise InputError(f"{name} must map source column headers to field names, one `header: field` a line.")
    try:
        if is_version_2(loaded):
            parse_spec(loaded, name, known_fields(servers=True))
            return loaded
        return load_mapping(loaded)
    except InputError as error:
        raise InputError(f"{name}: {error}") from error


def file_stem(source_name: str) -> str:
    """The uploaded file's name without its suffix, safe for a download name."""
    stem = PurePath(source_name).stem or "inventory"
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in stem)
