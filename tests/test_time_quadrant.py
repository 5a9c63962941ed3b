"""The TIME quadrant: business value against technical fit, worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

from cloudfit.errors import ModelError
from cloudfit.inventory.frame import applications_from_records
from cloudfit.scoring_model import MODELS_DIR, load_model
from cloudfit.time_quadrant import business_value, time_quadrants


def apps(*rows: tuple) -> pd.DataFrame:
    return applications_from_records(
        [
            {
                "app_id": f"T{i}",
                "name": "n",
                "owner_agency": "o",
                "business_value": value,
                "criticality": crit,
            }
            for i, (value, crit) in enumerate(rows)
        ]
    )


def test_value_is_the_weighted_mean_of_business_value_and_criticality():
    frame = apps(("high", "mission_critical"), ("medium", "low"), ("low", "high"), (None, None))
    # 60 x points(value) + 40 x points(criticality): 60+40, 30+0, 0+28, 30+20 (blanks score 0.5).
    assert business_value(frame, load_model("default")).tolist() == [100.0, 30.0, 28.0, 50.0]


def test_each_quadrant_follows_value_and_fitness_against_their_thresholds():
    frame = apps(("high", "high"), ("high", "high"), ("low", "low"), ("low", "low"), (None, None))
    fitness = pd.Series([60.0, 59.99, 80.0, 10.0, 10.0])
    view = time_quadrants(frame, fitness, load_model("default"))
    assert view["time_quadrant"].tolist() == ["invest", "migrate", "tolerate", "eliminate", "migrate"]
    assert view["technical_fit"].tolist() == fitness.tolist()


def test_thresholds_come_from_the_model_file(tmp_path):
    data = yaml.safe_load((MODELS_DIR / "default.yaml").read_text(encoding="utf-8"))
    data["time_quadrant"] = {"value_threshold": 90, "fit_threshold": 20}
    path = tmp_path / "strict.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    view = time_quadrants(apps(("high", "high")), pd.Series([30.0]), load_model(path))
    assert view["time_quadrant"].tolist() == ["tolerate"]  # value 88 < 90; fitness 30 >= 20


@pytest.mark.parametrize(
    ("section", "where"),
    [
        ({"time_quadrant": {"value": [{"id": "v", "field": "colour", "weight": 1, "missing": 0.5,
                                       "points": {"a": 1.0}}]}}, "time_quadrant.value[0].field"),
        ({"robustness": {"graded_fields": ["name"]}}, "robustness.graded_fields[0]"),
        ({"robustness": {"fragile_margin": -1}}, "robustness.fragile_margin"),
    ],
)  # fmt: skip
def test_a_bad_optional_section_is_refused_with_its_key_path(tmp_path, section, where):
    data = yaml.safe_load((MODELS_DIR / "default.yaml").read_text(encoding="utf-8"))
    data.update(section)
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ModelError, match=where.replace("[", r"\[").replace("]", r"\]")):
        load_model(path)
