"""The fast paths behind the slider and the Portfolio page show the same thing as the slow ones."""

from __future__ import annotations

import json
import re

import pandas as pd
from streamlit.testing.v1 import AppTest

from cloudfit.inventory import load_inventory
from cloudfit.scoring import score
from cloudfit.scoring_model import load_model
from cloudfit.ui.pages.scoring_model import weight_diff
from tests.ui.conftest import SAMPLE, open_filters, visit


def test_weight_diff_lists_only_applications_whose_band_deployment_or_strategy_changed() -> None:
    names = pd.DataFrame({"app_id": ["A", "B", "C"], "name": ["a", "b", "c"]})
    base = pd.DataFrame(
        {
            "band": ["green", "red", "yellow"],
            "deployment": ["public", "private", "hybrid"],
            "strategy": ["rehost", "retain", "refactor"],
            "fitness": [81.04, 10.0, 55.0],
        }
    )
    what_if = base.assign(band=["green", "yellow_red", "yellow"], strategy=["rehost", "retain", "rehost"])
    diff = weight_diff(names, base, what_if)
    assert diff["app_id"].tolist() == ["B", "C"]
    assert diff["band_before"].tolist() == ["red", "yellow"]
    assert diff["band_after"].tolist() == ["yellow_red", "yellow"]
    assert diff["strategy_after"].tolist() == ["retain", "rehost"]
    assert diff["fitness_before"].tolist() == [10.0, 55.0]


def _quadrant_points(at: AppTest) -> int:
    spec = json.loads(next(c.proto.spec for c in at.get("plotly_chart") if "Fitness" in c.proto.spec))
    return sum(len(trace["x"]) for trace in spec["data"])


def test_the_cached_quadrant_follows_the_sidebar_filters(app: AppTest) -> None:
    visit(app, "portfolio")
    everything = _quadrant_points(app)
    open_filters(app)
    agency = app.sidebar.multiselect(key="filter_agency").options[0]
    app.sidebar.multiselect(key="filter_agency").set_value([agency]).run()
    narrowed = _quadrant_points(app)
    assert 0 < narrowed < everything
    app.sidebar.multiselect(key="filter_agency").set_value([]).run()
    assert _quadrant_points(app) == everything


def _shown(at: AppTest) -> int:
    caption = next(c.value for c in at.sidebar.caption if c.value.startswith("Showing"))
    return int(re.search(r"Showing ([\d,]+)", caption).group(1).replace(",", ""))


def test_a_slider_move_under_a_band_filter_recounts_the_sidebar_with_the_new_weights(app: AppTest) -> None:
    open_filters(app)
    app.sidebar.multiselect(key="filter_band").set_value(["green", "yellow_green"]).run()
    visit(app, "scoring_model")
    keys = [str(s.key) for s in app.slider if str(s.key).startswith("weight:")][:4]
    for key in keys:
        app.slider(key=key).set_value(0.0).run()
    model = load_model("default")
    zeroed = {key.rsplit(":", 1)[1]: 0.0 for key in keys}
    inventory = load_inventory(SAMPLE.read_bytes(), filename=SAMPLE.name)
    applications, links = inventory.applications, inventory.dependencies
    bands = score(applications, model, weights=zeroed, dependencies=links).table["band"]
    assert (
        bands.isin(["green", "yellow_green"]).sum()
        != score(applications, model, dependencies=links).table["band"].isin(["green", "yellow_green"]).sum()
    )
    assert _shown(app) == int(bands.isin(["green", "yellow_green"]).sum())
