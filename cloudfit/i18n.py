"""English and Vietnamese labels shared by the workbook, the CLI and the UI.

Data, not code: one YAML file per language in `cloudfit/locales/` with the
same keys (a test checks that), so a translator edits a text file and no
label is spelt twice.
Field labels come from `cloudfit.fields` (label_en / label_vi).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import yaml

from cloudfit.fields import FIELDS_BY_NAME
from cloudfit.vocabulary import LANGUAGES

# The World Bank readiness colours; the workbook fills and the charts use them.
BAND_COLOURS: Mapping[str, str] = MappingProxyType(
    {
        "red": "#C00000",
        "yellow_red": "#F4B183",
        "yellow": "#FFD966",
        "yellow_green": "#C5E0B4",
        "green": "#70AD47",
    }
)
DEPLOYMENT_COLOURS: Mapping[str, str] = MappingProxyType(
    {
        "public": "#2E75B6",
        "hybrid": "#7030A0",
        "private": "#00838F",
        "on_premises": "#595959",
        "none": "#BFBFBF",
    }
)

# Cost parts in the budget charts (app and workbook alike).
COST_PART_COLOURS: Mapping[str, str] = MappingProxyType(
    {"migration_once": "#C55A11", "run_current": "#7F7F7F", "run_target": "#2E75B6"}
)

LOCALES = Path(__file__).parent / "locales"


def _load(lang: str) -> Mapping[str, str]:
    with (LOCALES / f"{lang}.yaml").open(encoding="utf-8") as handle:
        return MappingProxyType(yaml.safe_load(handle))


MESSAGES: Mapping[str, Mapping[str, str]] = MappingProxyType({lang: _load(lang) for lang in LANGUAGES})


def _check_lang(lang: str) -> str:
    if lang not in MESSAGES:
        from cloudfit.errors import OptionsError

        raise OptionsError(f"Unknown language {lang!r}; use one of: {', '.join(LANGUAGES)}.")
    return lang


def t(key: str, lang: str = "en") -> str:
    """The label of `key` in `lang` (a missing key is a bug: KeyError)."""
    return MESSAGES[_check_lang(lang)][key]


def _coded(prefix: str, code: object, lang: str) -> str:
    """Label of a code; an unknown or missing code shows as itself (or '')."""
    if code is None or code != code:
        return ""
    return MESSAGES[_check_lang(lang)].get(f"{prefix}.{code}", str(code))


def band_label(code: object, lang: str = "en") -> str:
    return _coded("band", code, lang)


def deployment_label(code: object, lang: str = "en") -> str:
    return _coded("deployment", code, lang)


def strategy_label(code: object, lang: str = "en") -> str:
    return _coded("strategy", code, lang)


def effort_label(code: object, lang: str = "en") -> str:
    return _coded("effort", code, lang)


def coupling_label(code: object, lang: str = "en") -> str:
    return _coded("coupling", code, lang)


def severity_label(code: object, lang: str = "en") -> str:
    return _coded("severity", code, lang)


def plan_status_label(code: object, lang: str = "en") -> str:
    return _coded("plan_status", code, lang)


def wave_label(number: int, pilot: bool = False, oversize: bool = False, lang: str = "en") -> str:
    """A wave's name as people read it: "Wave 1 (pilot)", "Đợt 3 (vượt giới hạn)"."""
    notes = [t(key, lang) for key, flag in (("wave.pilot", pilot), ("wave.oversize", oversize)) if flag]
    return t("wave.name", lang).format(n=int(number)) + "".join(f" ({note})" for note in notes)


def sheet_name(key: str, lang: str = "en") -> str:
    """Worksheet name of one roadmap sheet (`summary`, `applications`, ...)."""
    return t(f"sheet.{key}", lang)


def column_label(key: str, lang: str = "en") -> str:
    """Header of a computed column (`fitness`, `band`, `wave`, ...)."""
    return t(f"col.{key}", lang)


def field_label(name: str, lang: str = "en") -> str:
    """Label of an inventory field from the field registry."""
    spec = FIELDS_BY_NAME[name]
    return spec.label_vi if _check_lang(lang) == "vi" else spec.label_en


def code_labels(prefix: str, codes: tuple[str, ...], lang: str = "en") -> dict[str, str]:
    """Code → label for a whole vocabulary, in its canonical order (for `Series.map`)."""
    return {code: _coded(prefix, code, lang) for code in codes}


def platform_label(code: object, lang: str = "en") -> str:
    """A target platform (e.g. national_data_center) in words."""
    return _coded("platform", code, lang)


def foundation_label(code: object, lang: str = "en") -> str:
    """A foundation task (e.g. ndc_onboarding) in words."""
    return _coded("foundation", code, lang)


def hybrid_kind_label(code: object, lang: str = "en") -> str:
    """`permanent` or `temporary` hybrid link in words."""
    return _coded("hybrid_kind", code, lang)
