"""The label tables: both languages complete, names valid where Excel is strict."""

from __future__ import annotations

import re

import pytest

from cloudfit import i18n, vocabulary
from cloudfit.errors import CloudfitError
from cloudfit.fields import COUPLING_SYNONYMS, FIELDS

SHEET_KEYS = ("summary", "roadmap", "applications", "explanations", "waves", "move_groups", "dependencies",
              "decommission", "findings", "model")  # fmt: skip


def test_every_key_exists_in_both_languages_and_is_not_blank():
    en, vi = i18n.MESSAGES["en"], i18n.MESSAGES["vi"]
    assert set(en) == set(vi)
    assert [k for k in en if not en[k].strip() or not vi[k].strip()] == []


def test_placeholders_match_between_languages():
    en, vi = i18n.MESSAGES["en"], i18n.MESSAGES["vi"]
    mismatched = [k for k in en if set(re.findall(r"{(\w*)}", en[k])) != set(re.findall(r"{(\w*)}", vi[k]))]
    assert mismatched == []


def test_band_labels_follow_the_world_bank_five_colour_scale():
    assert [i18n.band_label(b, "en") for b in vocabulary.BANDS] == [
        "Red",
        "Yellow/Red",
        "Yellow",
        "Yellow/Green",
        "Green",
    ]
    assert [i18n.band_label(b, "vi") for b in vocabulary.BANDS] == [
        "Đỏ",
        "Vàng/Đỏ",
        "Vàng",
        "Vàng/Xanh",
        "Xanh",
    ]
    assert set(i18n.BAND_COLOURS) == set(vocabulary.BANDS)
    assert all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in i18n.BAND_COLOURS.values())


@pytest.mark.parametrize("lang", vocabulary.LANGUAGES)
def test_sheet_names_are_valid_excel_names_and_distinct(lang):
    names = [i18n.sheet_name(k, lang) for k in SHEET_KEYS]
    assert len(set(names)) == len(names)
    assert all(0 < len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) for n in names)


@pytest.mark.parametrize("lang", vocabulary.LANGUAGES)
def test_every_code_has_a_label(lang):
    for prefix, codes in (
        ("deployment", vocabulary.DEPLOYMENTS),
        ("strategy", vocabulary.STRATEGIES),
        ("effort", vocabulary.EFFORT_SIZES),
        ("band", vocabulary.BANDS),
    ):
        labels = i18n.code_labels(prefix, codes, lang)
        assert all(label != code for code, label in labels.items() if code not in ("S", "M", "L", "XL"))
    assert [i18n.field_label(f.name, lang) for f in FIELDS] == [
        f.label_vi if lang == "vi" else f.label_en for f in FIELDS
    ]


def test_vietnamese_coupling_labels_read_back_as_their_codes():
    assert {COUPLING_SYNONYMS[i18n.coupling_label(c, "vi")] for c in ("tight", "loose")} == {"tight", "loose"}


def test_unknown_codes_show_as_themselves_and_missing_as_blank():
    assert i18n.strategy_label("teleport", "en") == "teleport"
    assert i18n.band_label(None, "vi") == "" and i18n.band_label(float("nan"), "en") == ""


def test_wave_label_names_pilot_and_oversize_waves():
    assert i18n.wave_label(1, pilot=True) == "Wave 1 (pilot)"
    assert i18n.wave_label(3, oversize=True, lang="vi") == "Đợt 3 (vượt giới hạn)"


def test_unknown_language_is_a_cloudfit_error():
    with pytest.raises(CloudfitError, match="Unknown language"):
        i18n.t("band.red", "fr")


def test_every_finding_code_has_a_title_and_what_to_do_in_both_languages():
    from cloudfit.finding_codes import CATALOGUE

    keys = [f"finding.{code}.{part}" for code in CATALOGUE for part in ("title", "todo")]
    assert [k for k in keys if k not in i18n.MESSAGES["vi"] or k not in i18n.MESSAGES["en"]] == []
    assert all(i18n.t(f"finding.{code}.title", "en") == spec.title for code, spec in CATALOGUE.items())


@pytest.mark.parametrize("lang", vocabulary.LANGUAGES)
def test_the_application_page_explains_every_plan_status(lang):
    """The page says why an application is in no wave; a status without its sentence broke the page."""
    messages = i18n.MESSAGES[lang]
    statuses = [key.removeprefix("plan_status.") for key in messages if key.startswith("plan_status.")]
    assert "unscheduled" in statuses
    for status in statuses:
        assert i18n.t(f"ui.application.status.{status}", lang).strip()
