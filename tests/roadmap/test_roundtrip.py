"""The real pipeline: inventory file → assess → roadmap → read back as an inventory → same result."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from roadmap_factory import HOSTILE, inventory_file

from cloudfit import i18n
from cloudfit.assessment import assess
from cloudfit.inventory import load_inventory
from cloudfit.inventory.frame import SOURCE_COLUMNS
from cloudfit.inventory.mapping import auto_mapping
from cloudfit.options import AssessOptions, PlanOptions
from cloudfit.roadmap import roadmap_bytes
from cloudfit.roadmap.applications import RESULT_COLUMNS, result_header
from cloudfit.scoring_model import load_model

SAMPLE = Path(__file__).resolve().parents[2] / "app_inventories" / "sample_vietnam.xlsx"
OPTIONS = AssessOptions(as_of=dt.date(2025, 9, 1), plan=PlanOptions(wave_max_apps=2, pilot_size=1))


def _comparable(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return frame[columns].reset_index(drop=True)


def _links(inventory) -> set[tuple]:
    deps = inventory.dependencies
    return set(zip(deps["app_id"], deps["depends_on"], deps["coupling"], deps["notes"].fillna("")))


def _round_trip(inventory, lang: str):
    model = load_model("default")
    first = assess(inventory, model, OPTIONS)
    again = load_inventory(roadmap_bytes(first, lang), filename="roadmap.xlsx")
    return first, again, assess(again, model, OPTIONS)


@pytest.fixture(scope="module")
def inventory():
    return load_inventory(inventory_file(), filename="inventory.xlsx")


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_roadmap_reads_back_as_the_same_inventory_and_assessment(inventory, lang):
    first, again, second = _round_trip(inventory, lang)
    columns = [c for c in inventory.applications.columns if c not in SOURCE_COLUMNS]
    pd.testing.assert_frame_equal(
        _comparable(again.applications, columns), _comparable(inventory.applications, columns)
    )
    assert list(again.applications["name"][:4]) == list(HOSTILE[:4])
    assert _links(again) == _links(inventory) and len(_links(inventory)) == 4
    pd.testing.assert_frame_equal(second.scores.table, first.scores.table)
    pd.testing.assert_frame_equal(second.plan.assignments, first.plan.assignments)
    pd.testing.assert_frame_equal(second.plan.waves, first.plan.waves)


def test_score_columns_come_back_as_extra_columns_and_are_not_exported_twice(inventory):
    first, again, second = _round_trip(inventory, "en")
    headers = [result_header(name, "en") for name, _ in RESULT_COLUMNS]
    assert set(headers) <= set(again.extra_columns)
    book = openpyxl.load_workbook(io.BytesIO(roadmap_bytes(second)), read_only=True)
    header = next(book["Applications"].iter_rows(max_row=1, values_only=True))
    assert sorted(header) == sorted(set(header))
    book_first = openpyxl.load_workbook(io.BytesIO(roadmap_bytes(first)), read_only=True)
    assert list(header) == list(next(book_first["Applications"].iter_rows(max_row=1, values_only=True)))


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_no_computed_header_is_taken_for_an_inventory_field(lang):
    headers = [result_header(name, lang) for name, _ in RESULT_COLUMNS]
    assert [m.field for m in auto_mapping(headers)] == [None] * len(headers)
    flags = [
        result_header(k, lang) for k in ("app_wave", "depends_on_wave", "cross_wave", "hybrid", "hybrid_note")
    ]
    assert [m.field for m in auto_mapping(flags, kind="dependencies")] == [None] * len(flags)
    base = [i18n.column_label(k, lang) for k in ("dep_app_id", "dep_depends_on", "dep_coupling", "dep_notes")]
    assert [m.field for m in auto_mapping(base, kind="dependencies")] == [
        "app_id",
        "depends_on",
        "coupling",
        "notes",
    ]


def test_sample_inventory_round_trips_through_the_vietnamese_roadmap():
    inventory = load_inventory(SAMPLE)
    first, again, second = _round_trip(inventory, "vi")
    columns = [c for c in inventory.applications.columns if c not in SOURCE_COLUMNS]
    pd.testing.assert_frame_equal(
        _comparable(again.applications, columns), _comparable(inventory.applications, columns)
    )
    assert _links(again) == _links(inventory)
    pd.testing.assert_frame_equal(second.scores.table, first.scores.table)
    pd.testing.assert_frame_equal(second.plan.waves, first.plan.waves)
