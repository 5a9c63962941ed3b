"""Planner invariants over random portfolios with cycles, tight clusters, capacities and pins."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from cloudfit.inventory.frame import dependencies_from_records
from cloudfit.options import Pin, PlanOptions
from cloudfit.waves import MOVING_STRATEGIES, plan_waves

STRATEGIES = ["rehost", "rehost", "replatform", "refactor", "repurchase", "relocate", "retire", "retain"]
DEPLOYMENTS = ["public", "hybrid", "private", "private", "on_premises"]


@st.composite
def portfolios(draw):
    n = draw(st.integers(1, 14))
    ids = [f"A{i:02d}" for i in range(n)]

    def column(elements):
        return draw(st.lists(elements, min_size=n, max_size=n))

    apps = pd.DataFrame(
        {
            "app_id": ids,
            "strategy": column(st.sampled_from(STRATEGIES)),
            "deployment": column(st.sampled_from(DEPLOYMENTS)),
            "priority": column(st.integers(0, 4).map(lambda p: p * 25.0)),
            "quick_win": column(st.booleans()),
            "person_days": column(st.sampled_from([0.0, 5.0, 30.0, 80.0, 200.0])),
        }
    )
    links = draw(
        st.lists(
            st.tuples(
                st.sampled_from([*ids, "GHOST"]),
                st.sampled_from(ids),
                st.sampled_from(["tight", "loose", "loose", "loose"]),
            ),
            max_size=3 * n,
        )
    )
    deps = dependencies_from_records({"app_id": a, "depends_on": b, "coupling": c} for a, b, c in links)
    pins = draw(
        st.dictionaries(
            st.sampled_from([*ids, "GHOST"]), st.builds(Pin, st.integers(1, 5), st.booleans()), max_size=4
        )
    )
    options = PlanOptions(
        wave_max_apps=draw(st.integers(1, 5)),
        wave_max_days=draw(st.sampled_from([60.0, 150.0, 1000.0])),
        team_days_per_month=draw(st.sampled_from([50.0, 300.0])),
        pilot_size=draw(st.integers(0, 3)),
        pins=pins,
    )
    seed = draw(st.integers(0, 2**16))
    return apps, deps, options, seed


def planned_ids(apps: pd.DataFrame) -> set[str]:
    moving = apps["strategy"].isin(MOVING_STRATEGIES) & (apps["deployment"] != "on_premises")
    return set(apps.loc[moving, "app_id"])


def valid_links(apps: pd.DataFrame, deps: pd.DataFrame) -> dict[tuple[str, str], str]:
    known = set(apps["app_id"])
    found: dict[tuple[str, str], str] = {}
    for a, b, c in deps[["app_id", "depends_on", "coupling"]].itertuples(index=False):
        if a in known and b in known and a != b:
            found[a, b] = "tight" if "tight" in (c, found.get((a, b))) else "loose"
    return found


def constraint_graph(planned: set[str], links: dict) -> nx.DiGraph:
    """Consumer → provider among planned applications, a tight link counted both ways (networkx)."""
    graph = nx.DiGraph()
    graph.add_nodes_from(planned)
    for (a, b), coupling in links.items():
        if a in planned and b in planned:
            graph.add_edge(a, b)
            if coupling == "tight":
                graph.add_edge(b, a)
    return graph


def must_share_wave(planned: set[str], links: dict) -> list[set[str]]:
    """Reference move groups: the SCCs of the constraint graph (networkx, not the planner)."""
    return [c for c in nx.strongly_connected_components(constraint_graph(planned, links)) if len(c) > 1]


def conflicts(plan, code: str) -> set[str]:
    return {f.value for f in plan.findings if f.code == code}


@given(portfolios())
def test_plan_invariants(case):
    apps, deps, options, _ = case
    plan = plan_waves(apps, deps, options)
    planned = planned_ids(apps)
    links = valid_links(apps, deps)
    wave = {a: int(w) for a, w in zip(plan.assignments["app_id"], plan.assignments["wave"]) if pd.notna(w)}

    # Every planned application is in exactly one wave; nothing else is.
    assert set(wave) == planned
    listed = [a for ids in plan.waves["app_ids"] for a in ids]
    assert sorted(listed) == sorted(planned)
    assert plan.waves["wave"].tolist() == list(range(1, len(plan.waves) + 1))
    for number, ids in zip(plan.waves["wave"], plan.waves["app_ids"]):
        assert all(wave[a] == number for a in ids)

    # Loose: provider no later than consumer. Tight: same wave.
    for (a, b), coupling in links.items():
        if a in planned and b in planned:
            assert wave[b] <= wave[a] if coupling == "loose" else wave[b] == wave[a]

    # Move groups are exactly the sets that must share a wave, each in one wave.
    expected = sorted(sorted(c) for c in must_share_wave(planned, links))
    assert sorted(plan.move_groups["members"].tolist()) == expected
    for members, number in zip(plan.move_groups["members"], plan.move_groups["wave"]):
        assert {wave[a] for a in members} == {number}

    # Capacity holds, except a single unit too big for any wave, alone and reported.
    days = dict(zip(apps["app_id"], apps["person_days"]))
    groups = {tuple(m): g for m, g in zip(plan.move_groups["members"], plan.move_groups["move_group"])}
    oversize_values = conflicts(plan, "oversize-move-group") | conflicts(plan, "oversize-application")
    for row in plan.waves.itertuples():
        assert row.n_apps == len(row.app_ids)
        assert math.isclose(row.person_days, sum(days[a] for a in row.app_ids), abs_tol=1e-9)
        if row.oversize:
            unit = tuple(row.app_ids)
            assert len(unit) == 1 or unit in groups
            assert (groups.get(unit) or unit[0]) in oversize_values
            assert row.n_apps > options.wave_max_apps or row.person_days > options.wave_max_days
        else:
            limit = min(options.pilot_size, options.wave_max_apps) if row.pilot else options.wave_max_apps
            assert row.n_apps <= limit
            assert row.person_days <= options.wave_max_days + 1e-9

    # No wave is empty, however far a pin points.
    assert all(n > 0 for n in plan.waves["n_apps"])

    # Pins hold or are explained; a not-before pin is only broken to avoid an empty wave.
    explained = conflicts(plan, "pin-conflict")
    for app_id, pin in options.pins.items():
        if app_id not in planned or (pin.not_before and wave[app_id] < pin.wave):
            assert app_id in explained
        else:
            assert (
                wave[app_id] == pin.wave
                or (pin.not_before and wave[app_id] > pin.wave)
                or app_id in explained
            )

    # Months: consecutive waves, each as long as its person-days need (at least one month).
    ends = [0, *plan.waves["end_month"].tolist()]
    for row, previous_end in zip(plan.waves.itertuples(), ends):
        assert row.start_month == previous_end + 1
        needed = max(1, math.ceil(round(row.person_days / options.team_days_per_month, 9)))
        assert row.end_month - row.start_month + 1 == needed

    # The pilot wave is wave 1 and holds quick wins (or what an exact pin to wave 1 needs).
    if plan.waves["pilot"].any():
        assert plan.waves["pilot"].tolist() == [True] + [False] * (len(plan.waves) - 1)
        quick = set(apps.loc[apps["quick_win"], "app_id"])
        pinned = {a for a, p in options.pins.items() if a in planned and not p.not_before and p.wave == 1}
        needs = constraint_graph(planned, links)  # what a pinned app pulls along: its group, its providers
        allowed = quick | pinned | {d for a in pinned for d in nx.descendants(needs, a)}
        assert set(plan.waves["app_ids"].iloc[0]) <= allowed
        assert 0 < plan.waves["n_apps"].iloc[0] <= options.pilot_size

    # Hybrid links are exactly the links between a planned and a staying application.
    stays = set(plan.assignments.loc[plan.assignments["plan_status"] == "stay", "app_id"])
    hybrid = {(a, b) for (a, b) in links if (a in planned and b in stays) or (a in stays and b in planned)}
    assert set(zip(plan.hybrid_links["app_id"], plan.hybrid_links["depends_on"])) == hybrid


@given(portfolios())
def test_plan_is_identical_across_runs_and_row_orders(case):
    apps, deps, options, seed = case
    first = plan_waves(apps, deps, options)
    again = plan_waves(apps, deps, options)
    rng = np.random.default_rng(seed)
    shuffled = plan_waves(
        apps.iloc[rng.permutation(len(apps))], deps.iloc[rng.permutation(len(deps))], options
    )
    for other in (again, shuffled):
        for name in ("waves", "move_groups", "decommission", "hybrid_links", "links", "hubs"):
            pd.testing.assert_frame_equal(
                getattr(first, name).reset_index(drop=True), getattr(other, name).reset_index(drop=True)
            )
        pd.testing.assert_frame_equal(first.assignments.sort_index(), other.assignments.sort_index())
        assert first.findings == other.findings


@given(portfolios(), st.data())
def test_chain_is_every_transitive_provider_in_dependency_order(case, data):
    apps, deps, options, _ = case
    plan = plan_waves(apps, deps, options)
    app_id = data.draw(st.sampled_from(apps["app_id"].tolist()))
    view = nx.DiGraph(list(valid_links(apps, deps)))
    view.add_nodes_from(apps["app_id"])
    chain = plan.chain(app_id)
    assert set(chain) == nx.descendants(view, app_id) - {app_id}
    position = {a: i for i, a in enumerate(chain)}
    for a, b in view.edges:
        if a in position and b in position and not nx.has_path(view, b, a):
            assert position[b] < position[a]


def test_invariants_hold_on_a_large_portfolio_with_hubs_cycles_and_tight_clusters():
    rng = np.random.default_rng(7)
    n = 3000
    ids = np.array([f"APP-{i:05d}" for i in range(n)], dtype=object)
    apps = pd.DataFrame(
        {
            "app_id": ids,
            "strategy": rng.choice(STRATEGIES, n),
            "deployment": rng.choice(DEPLOYMENTS, n),
            "priority": rng.integers(0, 100, n).astype(float),
            "quick_win": rng.random(n) < 0.3,
            "person_days": rng.choice([5.0, 40.0, 120.0, 400.0], n),
        }
    )
    consumer = rng.integers(1, n, 3 * n)
    provider = np.where(
        rng.random(3 * n) < 0.3, rng.integers(0, 20, 3 * n), consumer - rng.integers(1, 30, 3 * n)
    )
    provider = np.where(rng.random(3 * n) < 0.02, consumer + 1, provider).clip(0, n - 1)
    coupling = np.where(rng.random(3 * n) < 0.05, "tight", "loose")
    deps = dependencies_from_records(
        {"app_id": ids[a], "depends_on": ids[b], "coupling": c}
        for a, b, c in zip(consumer, provider, coupling)
    )
    options = PlanOptions(wave_max_apps=12, wave_max_days=300, pilot_size=5)
    plan = plan_waves(apps, deps, options)

    wave = plan.assignments.set_index("app_id")["wave"]
    assert wave.notna().sum() == len(planned_ids(apps)) == plan.waves["n_apps"].sum()
    links = plan.links.dropna(subset=["app_wave", "depends_on_wave"])
    loose = links["coupling"] == "loose"
    assert (links.loc[loose, "depends_on_wave"] <= links.loc[loose, "app_wave"]).all()
    assert (links.loc[~loose, "depends_on_wave"] == links.loc[~loose, "app_wave"]).all()
    fits = (plan.waves["n_apps"] <= options.wave_max_apps) & (
        plan.waves["person_days"] <= options.wave_max_days
    )
    assert (fits | plan.waves["oversize"]).all()
    assert plan.waves["pilot"].iloc[0] and plan.waves["n_apps"].iloc[0] <= options.pilot_size
    for members, number in zip(plan.move_groups["members"], plan.move_groups["wave"]):
        assert set(wave[members]) == {number}
