"""Decisions found in the file are kept beside cloudfit's own; every disagreement is a finding."""

from __future__ import annotations

import datetime as dt

from format_files import csv_bytes

from cloudfit.assessment import assess
from cloudfit.inventory import load_inventory
from cloudfit.options import AssessOptions
from cloudfit.scoring_model import load_model

AS_OF = dt.date(2026, 11, 30)


def _assessment(rows):
    mapping = {
        "version": 2,
        "columns": {
            "Wave": "imported_wave",
            "R": "imported_strategy",
            "Status": "imported_lifecycle",
        },
    }
    inventory = load_inventory(csv_bytes(rows), filename="d.csv", mapping=mapping)
    return assess(inventory, load_model("default"), AssessOptions(as_of=AS_OF))


def test_imported_strategy_wave_and_lifecycle_are_compared_with_the_computed_ones():
    header = ["app_id", "name", "owner_agency", "Wave", "R", "Status"]
    first = _assessment([header, ["A", "a", "Bộ X", "", "", ""], ["B", "b", "Bộ X", "", "", ""]])
    computed = first.results.set_index("app_id")
    strategy_a, wave_a = computed.loc["A", "strategy"], computed.loc["A", "wave"]
    same_wave = f"Wave {int(wave_a)}" if computed.loc["A", "plan_status"] == "planned" else ""
    other = "retire" if strategy_a != "retire" else "rehost"
    rows = [
        header,
        ["A", "a", "Bộ X", same_wave, strategy_a.capitalize(), "Active"],  # agrees: no finding
        ["B", "b", "Bộ X", "Wave 99", other, "Retired"],  # disagrees on wave, strategy and lifecycle
    ]
    assessment = _assessment(rows)
    results = assessment.results.set_index("app_id")
    assert results.loc["B", "imported_wave"] == "Wave 99"  # kept beside the computed wave
    assert results.loc["B", "strategy"] == computed.loc["B", "strategy"]  # never changed by the file
    differs = [f for f in assessment.findings if f.code == "imported-decision-differs"]
    decisions = sorted(f.column for f in differs if "B:" in f.message)
    expected = ["imported_strategy", "imported_wave"]
    if computed.loc["B", "strategy"] != "retire":
        expected.append("imported_lifecycle")
    assert decisions == sorted(expected)
    assert not [f for f in differs if f.message.startswith("A:")]
    assert all(f.severity == "warning" and "Review" in f.action for f in differs)
