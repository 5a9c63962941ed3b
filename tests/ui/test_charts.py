"""Chart functions: pure figures from small hand-made tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cloudfit import charts
from cloudfit.i18n import BAND_COLOURS
from cloudfit.vocabulary import BANDS


def _results() -> pd.DataFrame:
    """Six applications: two planned waves, one that stays, one retired, a move group."""
    return pd.DataFrame(
        {
            "app_id": ["A", "B", "C", "D", "E", "F"],
            "name": ["Alpha", "<b>Bold</b>", "Gamma", "Delta", "Eps", "Phi"],
            "owner_agency": ["Bộ Tài chính", "Bộ Tài chính", "Bộ Y tế", "Bộ Y tế", "Hà Nội", "Hà Nội"],
            "users": pd.array([10, 1000, None, 5, 50, 7], dtype="Int64"),
            "fitness": [80.0, 60.0, 30.0, 10.0, 90.0, 55.0],
            "effort_score": [20.0, 70.0, 50.0, 10.0, 30.0, 40.0],
            "band": ["green", "yellow_green", "yellow_red", "red", "green", "yellow"],
            "deployment": ["public", "private", "on_premises", "private", "hybrid", "public"],
            "strategy": ["rehost", "replatform", "retain", "retire", "refactor", "rehost"],
            "plan_status": ["planned", "planned", "stay", "retire", "planned", "planned"],
            "wave": pd.array([1, 2, None, None, 2, 1], dtype="Int64"),
            "move_group": [None, "MG-1", None, None, "MG-1", None],
        }
    )


def _links() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "app_id": ["B", "E", "A", "F"],
            "depends_on": ["E", "B", "C", "A"],
            "coupling": ["tight", "tight", "loose", "loose"],
            "cross_wave": [False, False, False, False],
            "hybrid": [False, False, True, False],
        }
    )


def test_bands_are_drawn_in_the_five_report_colours_in_order() -> None:
    figure = charts.bands(_results(), "en")
    bar = figure.data[0]
    assert list(bar.marker.color) == [BAND_COLOURS[b] for b in BANDS]
    assert list(bar.x) == ["Red", "Yellow/Red", "Yellow", "Yellow/Green", "Green"]
    assert list(bar.y) == [1, 1, 1, 1, 2]


def test_chart_titles_follow_the_language() -> None:
    assert charts.bands(_results(), "en").layout.title.text == "Applications by readiness band"
    assert charts.bands(_results(), "vi").layout.title.text == "Ứng dụng theo mức sẵn sàng"


def test_quadrant_has_one_trace_per_deployment_and_escapes_names() -> None:
    figure = charts.quadrant(_results(), "en")
    assert [t.name for t in figure.data] == [
        "Public cloud",
        "Hybrid cloud",
        "Private government cloud",
        "On premises",
    ]
    names = [row[1] for trace in figure.data for row in trace.customdata]
    assert "&lt;b&gt;Bold&lt;/b&gt;" in names
    assert "<b>Bold</b>" not in names


def test_gantt_puts_foundations_and_workstreams_on_a_quarter_axis_with_a_legend_and_the_deadline() -> None:
    waves = pd.DataFrame(
        {
            "wave": [1, 2, 3],
            "name": ["Wave 1 (pilot)", "Wave 2", "Wave 3"],
            "workstream": ["Pilot", "Bộ Y tế", "Bộ Y tế"],
            "start_date": ["2027-04-01", "2027-06-01", "2027-09-01"],
            "end_date": ["2027-05-31", "2027-08-31", "2027-09-30"],
            "n_apps": [2, 5, 1],
            "person_days": [100.0, 900.0, 10.0],
            "pilot": [True, False, False],
            "oversize": [False, False, False],
        }
    )
    foundations = pd.DataFrame(
        {
            "platform": ["national_data_center"],
            "task": ["ndc_onboarding"],
            "start_date": ["2027-01-01"],
            "end_date": ["2027-03-31"],
        }
    )
    figure = charts.gantt(waves, foundations, "en", "2030-12-31")
    by_name = {trace.name: trace for trace in figure.data}
    assert list(by_name) == ["Foundation task", "Pilot", "Wave"]
    assert list(by_name["Foundation task"].y) == ["Foundations · National Data Center"]
    wave = by_name["Wave"]
    assert list(wave.y) == ["Bộ Y tế", "Bộ Y tế"] and list(wave.base) == ["2027-06-01", "2027-09-01"]
    # June to August is 92 days, September 30 days.
    assert [x / 86_400_000 for x in wave.x] == [92.0, 30.0]
    assert list(figure.layout.xaxis.ticktext)[:2] == ["2027 Q1", "2027 Q2"]
    assert figure.layout.shapes[0].x0 == "2030-12-31"
    alone = charts.gantt(waves, foundations, "en", None, "Bộ Y tế")
    assert alone.layout.title.text.endswith("Bộ Y tế")


def test_waterfall_steps_end_at_the_fitness_total() -> None:
    contributions = pd.Series({"hosting": 30.0, "architecture": 20.0, "cap_adjustment": -10.0})
    trace = charts.contributions_waterfall(contributions, "en").data[0]
    assert list(trace.y) == [30.0, 20.0, -10.0, 40.0]
    assert list(trace.measure) == ["relative", "relative", "relative", "total"]
    assert list(trace.x) == ["Current hosting", "Architecture", "Cap", "Fitness (0-100)"]


def test_layered_layout_puts_staying_systems_first_waves_next_and_retired_last() -> None:
    layout = charts.layered_layout(_results())
    layers = dict(zip(layout["app_id"], layout["layer"]))
    assert layers == {"C": 0, "A": 1, "F": 1, "B": 2, "E": 2, "D": 3}
    pd.testing.assert_frame_equal(layout, charts.layered_layout(_results()))


def test_layered_layout_folds_a_crowded_wave_into_sub_columns() -> None:
    n = 95
    results = pd.DataFrame(
        {
            "app_id": [f"A{i:03d}" for i in range(n)],
            "owner_agency": "X",
            "plan_status": "planned",
            "wave": pd.array([1] * n, dtype="Int64"),
            "move_group": None,
        }
    )
    layout = charts.layered_layout(results)
    assert layout["x"].nunique() == 4
    assert not layout.duplicated(["x", "y"]).any()


def test_network_marks_hybrid_links_hubs_and_move_groups() -> None:
    hubs = pd.DataFrame({"app_id": ["A"], "dependants": [1], "depth": [0]})
    figure = charts.network(_results(), _links(), hubs, "en")
    by_name = {t.name: t for t in figure.data}
    hybrid = by_name["Hybrid link (cloud ↔ stays)"]
    assert hybrid.line.dash == "dash"
    assert np.isfinite(np.asarray(hybrid.x, dtype=float)).sum() == 2
    assert len(by_name["Move groups"].x) == 2
    assert list(by_name["Hubs"].text) == ["A"]


def test_agency_network_aggregates_links_between_agencies() -> None:
    figure = charts.agency_network(_results(), _links(), "en")
    nodes = figure.data[-1]
    assert sorted(nodes.text) == ["Bộ Tài chính", "Bộ Y tế", "Hà Nội"]
    drawn = sum(np.isfinite(np.asarray(t.x, dtype=float)).sum() // 2 for t in figure.data[:-1])
    # Pairs, either direction: Tài chính–Hà Nội (B→E, E→B, F→A) and Tài chính–Y tế (A→C).
    assert drawn == 2
    strongest = charts.agency_network(_results(), _links(), "en", max_links=1)
    assert sum(np.isfinite(np.asarray(t.x, dtype=float)).sum() // 2 for t in strongest.data[:-1]) == 1


@pytest.mark.parametrize("by", ["deployment", "strategy"])
def test_agency_mix_counts_every_application_once(by: str) -> None:
    bars = charts.mix_by_agency(_results(), "en", by=by).data
    assert sum(int(sum(bar.x)) for bar in bars) == 6
    assert list(bars[0].y) == ["Bộ Tài chính", "Bộ Y tế", "Hà Nội"]  # two each: by name


def test_agency_mix_keeps_the_largest_agencies_and_sums_the_others() -> None:
    bars = charts.mix_by_agency(_results(), "vi", top=1).data
    assert list(bars[0].y) == ["Bộ Tài chính", "Các cơ quan khác (2)"]
    per_row = np.sum([np.asarray(bar.x) for bar in bars], axis=0)
    assert per_row.tolist() == [2, 4]


def test_empty_tables_give_a_figure_saying_so() -> None:
    empty = _results().iloc[0:0]
    assert charts.quadrant(empty, "en").layout.annotations[0].text == "No data"


def test_wave_charts_name_waves_in_the_language() -> None:
    waves = pd.DataFrame({"wave": [1, 2], "name": ["Wave 1 (pilot)", "Wave 2"], "workstream": ["Pilot", "Bộ Y tế"],
                          "start_date": ["2027-01-01", "2027-02-01"], "end_date": ["2027-01-31", "2027-04-30"],
                          "n_apps": [2, 3], "person_days": [90.0, 400.0],
                          "pilot": [True, False], "oversize": [False, False]})  # fmt: skip
    no_foundations = pd.DataFrame(columns=["platform", "task", "start_date", "end_date"])
    bars = charts.gantt(waves, no_foundations, "vi").data
    assert [row[0] for bar in bars for row in bar.customdata] == ["Đợt 1 (thí điểm)", "Đợt 2"]
    assert list(charts.wave_effort(waves, 1500, "vi").data[0].x) == ["Đợt 1 (thí điểm)", "Đợt 2"]


def test_the_network_shows_systems_outside_the_inventory_in_a_column_of_their_own() -> None:
    results = pd.DataFrame(
        {"app_id": ["A", "B"], "name": ["a", "b"], "owner_agency": ["X", "X"], "wave": [1, pd.NA],
         "plan_status": ["planned", "stay"], "deployment": ["public", "on_premises"], "move_group": [None, None]}
    )  # fmt: skip
    links = pd.DataFrame(columns=["app_id", "depends_on", "coupling", "hybrid", "cross_wave"])
    hubs = pd.DataFrame(columns=["app_id", "dependants", "depth"])
    outside = pd.DataFrame({"app_id": ["A", "A", "Z"], "depends_on": ["NDXP", "VNeID", "LGSP"]})
    figure = charts.network(results, links, hubs, "en", external=outside)
    (nodes,) = [trace for trace in figure.data if trace.name == "Outside the inventory"]
    assert list(nodes.text) == ["NDXP", "VNeID"] and set(nodes.x) == {-1.0}  # Z is not shown, so LGSP is not
    (lines,) = [trace for trace in figure.data if trace.name == "Link to a system outside the inventory"]
    assert sum(x == -1.0 for x in lines.x) == 2
    assert figure.layout.xaxis.ticktext[0] == "Outside the inventory"
    assert not any(
        trace.name == "Outside the inventory" for trace in charts.network(results, links, hubs, "en").data
    )
