"""Planner invariants over random portfolios: links, capacities, workstreams, freezes, foundations, pilot, pins."""

from __future__ import annotations

import datetime as dt
import math

import networkx as nx
import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from cloudfit.inventory.frame import dependencies_from_records
from cloudfit.options import Freeze, Pin, PlanOptions
from cloudfit.platforms import target_platform
from cloudfit.scoring_model.programme import Programme
from cloudfit.waves import MOVING_STRATEGIES, plan_waves

STRATEGIES = ["rehost", "rehost", "replatform", "refactor", "repurchase", "relocate", "retire", "retain"]
DEPLOYMENTS = ["public", "hybrid", "private", "private", "on_premises"]


AGENCIES = ["Bộ Tài chính", "Bộ Y tế", "Sở Y tế Huế", None]
START = dt.date(2027, 1, 1)


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
            "owner_agency": column(st.sampled_from(AGENCIES)),
            "criticality": column(st.sampled_from(["low", "high", "mission_critical"])),
            "national_database": column(st.booleans()),
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
    freezes = draw(
        st.lists(
            st.builds(
                Freeze,
                st.lists(st.integers(1, 12), min_size=1, max_size=4, unique=True).map(tuple),
                st.sampled_from([None, *AGENCIES[:3]]),
            ),
            max_size=2,
        )
    )
    kept = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=2))
    options = PlanOptions(
        wave_max_apps=draw(st.integers(1, 5)),
        wave_max_days=draw(st.sampled_from([60.0, 150.0, 1000.0])),
        team_days_per_month=draw(st.sampled_from([50.0, 300.0])),
        agency_days_per_month=draw(st.sampled_from([20.0, 60.0, 500.0])),
        pilot_size=draw(st.integers(0, 4)),
        pins=pins,
        start=START,
        deadline=draw(st.sampled_from([dt.date(2027, 6, 1), dt.date(2028, 12, 1), dt.date(2030, 12, 1)])),
        workstreams=draw(st.sampled_from(["agency", "group", "national"])),
        national_apps_per_month=draw(st.sampled_from([None, 1, 3])),
        freezes=freezes,
        keep_together=kept,
    )
    programme = draw(st.sampled_from([Programme(), Programme(foundations={})]))
    seed = draw(st.integers(0, 2**16))
    return apps, deps, options, programme, seed


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


def binding(planned: set[str], links: dict, kept) -> nx.Graph:
    """Planned applications joined by tight or kept-together links (networkx, not the planner)."""
    graph = nx.Graph()
    graph.add_nodes_from(planned)
    pairs = {frozenset(p) for p in kept}
    for (a, b), coupling in links.items():
        if a in planned and b in planned and (coupling == "tight" or frozenset((a, b)) in pairs):
            graph.add_edge(a, b)
    return graph


def conflicts(plan, code: str) -> set[str]:
    return {f.value for f in plan.findings if f.code == code}


def month(text: str) -> int:
    day = dt.date.fromisoformat(text)
    return day.year * 12 + day.month - 1


@given(portfolios())
def test_plan_invariants(case):
    apps, deps, options, programme, _ = case
    plan = plan_waves(apps, deps, options, programme=programme)
    planned = planned_ids(apps)
    links = valid_links(apps, deps)
    wave = {a: int(w) for a, w in zip(plan.assignments["app_id"], plan.assignments["wave"]) if pd.notna(w)}
    waves = plan.waves.set_index("wave")

    # Every planned application is in exactly one wave; nothing else is; no wave is empty.
    assert set(wave) == planned
    assert sorted(a for ids in plan.waves["app_ids"] for a in ids) == sorted(planned)
    assert plan.waves["wave"].tolist() == list(range(1, len(plan.waves) + 1))
    assert all(n > 0 for n in plan.waves["n_apps"])

    # Tight (and kept-together) links: same wave; move groups are exactly their components.
    groups = [
        sorted(c)
        for c in nx.connected_components(binding(planned, links, options.keep_together))
        if len(c) > 1
    ]
    assert sorted(plan.move_groups["members"].tolist()) == sorted(groups)
    for members in groups:
        assert len({wave[a] for a in members}) == 1

    # A loose link is split only as a dated temporary hybrid link, from the first cutover to the second.
    end = waves["end_date"].to_dict()
    hybrid = {(r.app_id, r.depends_on): r for r in plan.hybrid_links.itertuples()}
    stays = set(plan.assignments.loc[plan.assignments["plan_status"] == "stay", "app_id"])
    for (a, b), coupling in links.items():
        if a in planned and b in planned and end[wave[a]] != end[wave[b]]:
            row = hybrid.pop((a, b))
            assert coupling == "loose" and row.kind == "temporary"
            assert (row.start_date, row.end_date) == tuple(sorted((end[wave[a]], end[wave[b]])))
        elif (a in planned and b in stays) or (a in stays and b in planned):
            row = hybrid.pop((a, b))
            assert row.kind == "permanent" and row.end_date is None
            assert row.start_date == end[wave[a] if a in planned else wave[b]]
    assert not hybrid

    # Capacity holds per wave, except a single unit too big for any wave, alone and reported.
    days = dict(zip(apps["app_id"], apps["person_days"]))
    oversize_values = conflicts(plan, "oversize-move-group") | conflicts(plan, "oversize-application")
    for row in plan.waves.itertuples():
        assert math.isclose(row.person_days, sum(days[a] for a in row.app_ids), abs_tol=1e-9)
        if row.oversize:
            assert oversize_values
        elif row.pilot:
            assert row.n_apps <= options.pilot_size and row.person_days <= options.wave_max_days + 1e-9
        else:
            assert row.n_apps <= options.wave_max_apps
            assert row.person_days <= options.wave_max_days + 1e-9

    # Workstreams run one wave at a time; a wave works ceil(days / capacity) months, never in a freeze month.
    agency = dict(zip(apps["app_id"], apps["owner_agency"]))
    for _, stream in plan.waves.groupby("workstream"):
        starts, ends = stream["start_date"].map(month).tolist(), stream["end_date"].map(month).tolist()
        assert all(s > e for s, e in zip(starts[1:], ends[:-1]))
    for row in plan.waves.itertuples():
        frozen = {
            m
            for f in options.freezes
            for m in f.months
            if f.agency is None or any(agency[a] is not None and (agency[a] == f.agency) for a in row.app_ids)
        }
        first, last = month(row.start_date), month(row.end_date)
        working = [m for m in range(first, last + 1) if m % 12 + 1 not in frozen]
        capacity = options.team_days_per_month if row.pilot else options.agency_days_per_month
        if len(frozen) < 12:
            assert first % 12 + 1 not in frozen and last % 12 + 1 not in frozen
            assert len(working) == max(1, math.ceil(round(row.person_days / capacity, 9)))

    # The national cap on applications starting per month holds, except an oversize unit alone.
    if options.national_apps_per_month:
        per_month = plan.waves.groupby("start_date")["n_apps"].sum()
        big = plan.waves.groupby("start_date")["n_apps"].max()
        assert ((per_month <= options.national_apps_per_month) | (per_month == big)).all()

    # No application starts before the foundations of its platform are done.
    platform = dict(zip(apps["app_id"], target_platform(apps)))
    done = plan.foundations.groupby("platform")["end_date"].max().to_dict()
    for a, w in wave.items():
        if platform[a] in done:
            assert waves.at[w, "start_date"] > done[platform[a]]

    # The pilot is wave 1; nothing heavy moves before it ends; it covers every platform it can.
    if plan.waves["pilot"].any():
        assert plan.waves["pilot"].tolist() == [True] + [False] * (len(plan.waves) - 1)
        pilot = set(plan.waves["app_ids"].iloc[0])
        pilot_end = plan.waves["end_date"].iloc[0]
        heavy = set(
            apps.loc[(apps["criticality"] == "mission_critical") | apps["national_database"], "app_id"]
        )
        assert not pilot & heavy
        assert all(waves.at[wave[a], "start_date"] > pilot_end for a in heavy & planned)
        candidates = {
            a
            for a in planned - heavy
            if apps.set_index("app_id").at[a, "quick_win"] and a not in options.pins
        }
        grouped = {a for members in groups for a in members}
        simple = candidates - grouped
        worst = {}  # the largest candidate per platform: if all of those fit together, any choice fits
        for a in simple:
            worst[platform[a]] = max(worst.get(platform[a], 0.0), days[a])
        room = min(
            options.pilot_size, options.wave_max_apps, options.national_apps_per_month or options.pilot_size
        )
        covered = {platform[a] for a in pilot}
        if len(worst) <= room and sum(worst.values()) <= options.wave_max_days:
            assert set(worst) <= covered
        unproven = conflicts(plan, "pilot-platform-unproven")
        assert {platform[a] for a in planned} <= covered | unproven

    # met is true only if the migrated share by the deadline (plus what stays on the cloud it already
    # runs on) reaches the target.
    deadline = plan.deadline.to_dict()
    by = month(deadline["date"])
    migrated = sum(1 for a, w in wave.items() if month(waves.at[w, "end_date"]) <= by)
    status = plan.assignments.set_index("app_id")["plan_status"]
    where = apps.drop_duplicates("app_id").set_index("app_id")["deployment"]
    in_cloud = int(
        ((status == "stay") & where.reindex(status.index).isin(["public", "hybrid", "private"])).sum()
    )
    share = (migrated + in_cloud) / len(apps["app_id"].unique())
    assert deadline["met"] == (share + 1e-12 >= programme.target_share)
    assert math.isclose(deadline["share_migrated_by_deadline"], round(share, 4))

    # Pins hold or are explained.
    explained = conflicts(plan, "pin-conflict")
    for app_id in options.pins:
        if app_id not in planned:
            assert app_id in explained


@given(portfolios())
def test_plan_is_identical_across_runs_and_row_orders(case):
    apps, deps, options, programme, seed = case
    first = plan_waves(apps, deps, options, programme=programme)
    again = plan_waves(apps, deps, options, programme=programme)
    rng = np.random.default_rng(seed)
    shuffled = plan_waves(
        apps.iloc[rng.permutation(len(apps))],
        deps.iloc[rng.permutation(len(deps))],
        options,
        programme=programme,
    )
    for other in (again, shuffled):
        for name in ("waves", "move_groups", "decommission", "hybrid_links", "links", "hubs", "foundations"):
            pd.testing.assert_frame_equal(
                getattr(first, name).reset_index(drop=True), getattr(other, name).reset_index(drop=True)
            )
        pd.testing.assert_frame_equal(first.assignments.sort_index(), other.assignments.sort_index())
        assert first.findings == other.findings
        assert first.deadline.to_dict() == other.deadline.to_dict()


@given(portfolios(), st.data())
def test_chain_is_every_transitive_provider_in_dependency_order(case, data):
    apps, deps, options, programme, _ = case
    plan = plan_waves(apps, deps, options, programme=programme)
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
    apps["owner_agency"] = rng.choice(AGENCIES, n)
    # a national-scale team per workstream, so that the whole portfolio starts within the planning horizon
    options = PlanOptions(
        wave_max_apps=12, wave_max_days=300, pilot_size=5, start=START, agency_days_per_month=1500
    )
    plan = plan_waves(apps, deps, options)

    wave = plan.assignments.set_index("app_id")["wave"]
    assert wave.notna().sum() == len(planned_ids(apps)) == plan.waves["n_apps"].sum()
    links = plan.links.dropna(subset=["app_wave", "depends_on_wave"])
    loose = links["coupling"] == "loose"
    assert (links.loc[~loose, "depends_on_wave"] == links.loc[~loose, "app_wave"]).all()
    assert links["split"].sum() == (plan.hybrid_links["kind"] == "temporary").sum() > 0
    fits = (plan.waves["n_apps"] <= options.wave_max_apps) & (
        plan.waves["person_days"] <= options.wave_max_days
    )
    assert (fits | plan.waves["oversize"]).all()
    assert plan.waves["pilot"].iloc[0] and plan.waves["n_apps"].iloc[0] <= options.pilot_size
    for members, number in zip(plan.move_groups["members"], plan.move_groups["wave"]):
        assert set(wave[members]) == {number}
