"""The dependency graph: link checks, move groups, hubs, depth and chains on small named graphs."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from cloudfit.dependencies import PLANNED, RETIRE, STAY, build_graph, move_units, status_findings
from cloudfit.errors import CloudfitError
from cloudfit.inventory.frame import dependencies_from_records


def deps(*links: tuple[str, str] | tuple[str, str, str]) -> pd.DataFrame:
    """A dependencies table from (consumer, provider[, coupling]) tuples, rows 2, 3, ..."""
    return dependencies_from_records(
        {"app_id": link[0], "depends_on": link[1], "coupling": link[2] if len(link) > 2 else None}
        for link in links
    )


def codes(graph) -> list[str]:
    return [f.code for f in graph.findings]


# --- link checks -------------------------------------------------------------


def test_unknown_ids_become_findings_that_point_at_the_row_and_column():
    graph = build_graph(["A", "B"], deps(("A", "B"), ("A", "X"), ("Y", "B")))
    assert len(graph.links) == 1
    unknown = [f for f in graph.findings if f.code == "dependency-unknown-app"]
    assert [(f.row, f.column, f.value) for f in unknown] == [(3, "depends_on", "X"), (4, "app_id", "Y")]
    assert all(f.sheet == "Dependencies" and f.severity == "warning" for f in unknown)


def test_self_dependency_is_dropped_with_a_finding():
    graph = build_graph(["A", "B"], deps(("A", "A"), ("A", "B")))
    assert codes(graph) == ["dependency-self"]
    assert graph.findings[0].row == 2
    assert graph.links[["app_id", "depends_on"]].values.tolist() == [["A", "B"]]


def test_duplicate_link_is_counted_once_and_names_the_first_row():
    graph = build_graph(["A", "B"], deps(("A", "B"), ("A", "B")))
    assert len(graph.links) == 1
    (finding,) = graph.findings
    assert (finding.code, finding.severity, finding.row) == ("dependency-duplicate", "info", 3)
    assert "row 2" in finding.message


def test_duplicate_with_other_coupling_is_kept_tight_and_warned():
    graph = build_graph(["A", "B"], deps(("A", "B", "loose"), ("A", "B", "tight")))
    assert graph.links["coupling"].tolist() == ["tight"]
    (finding,) = graph.findings
    assert (finding.code, finding.severity) == ("dependency-coupling-conflict", "warning")


def test_same_link_from_two_sheets_is_one_link_without_a_finding():
    table = deps(("A", "B"), ("A", "B", "tight"), ("A", "B"))
    table["source_sheet"] = ["Applications", "Dependencies", "Dependencies"]
    graph = build_graph(["A", "B"], table)
    assert graph.links[["coupling", "source_sheet"]].values.tolist() == [["tight", "Applications"]]
    (finding,) = graph.findings
    assert (finding.code, finding.sheet, finding.row) == ("dependency-coupling-conflict", "Dependencies", 4)
    assert "Dependencies row 3" in finding.message


def test_link_without_an_id_is_incomplete_not_unknown():
    graph = build_graph(["A", "B"], deps(("A", None), ("A", "B")))
    assert [(f.code, f.column) for f in graph.findings] == [("dependency-incomplete", "depends_on")]


def test_duplicate_finding_names_the_earlier_sheet_row_whatever_the_table_order():
    table = deps(("A", "B"), ("A", "B")).iloc[::-1].reset_index(drop=True)
    (finding,) = build_graph(["A", "B"], table).findings
    assert finding.row == 3 and "row 2" in finding.message


def test_empty_or_missing_dependencies_give_an_empty_graph():
    for table in (None, deps()):
        graph = build_graph(["A"], table)
        assert len(graph.links) == 0 and graph.findings == ()
        assert graph.chain("A") == [] and graph.depth.tolist() == [0]


# --- hubs, depth and chains -----------------------------------------------------


def test_chain_lists_every_provider_in_dependency_order():
    graph = build_graph(list("ABCD"), deps(("A", "B"), ("B", "C"), ("C", "D")))
    assert graph.chain("A") == ["D", "C", "B"]
    assert graph.chain("C") == ["D"]
    assert graph.chain("D") == []
    assert dict(zip(graph.app_ids, graph.depth.tolist())) == {"A": 3, "B": 2, "C": 1, "D": 0}


def test_diamond_depth_counts_the_longest_path_and_chain_lists_shared_provider_once():
    graph = build_graph(list("ABCD"), deps(("A", "B"), ("A", "C"), ("B", "D"), ("C", "D")))
    assert graph.chain("A") == ["D", "B", "C"]
    assert dict(zip(graph.app_ids, graph.depth.tolist())) == {"A": 2, "B": 1, "C": 1, "D": 0}
    hubs = graph.hubs()
    assert hubs.iloc[0].to_dict() == {"app_id": "D", "dependants": 2, "depth": 0}


def test_cycle_members_share_a_depth_and_see_each_other_in_their_chain():
    graph = build_graph(list("ABCD"), deps(("A", "B"), ("B", "C"), ("C", "A"), ("C", "D")))
    depth = dict(zip(graph.app_ids, graph.depth.tolist()))
    assert depth == {"A": 1, "B": 1, "C": 1, "D": 0}
    assert graph.chain("A") == ["D", "B", "C"]


def test_hub_with_many_consumers_tops_the_hub_table():
    consumers = [f"C{i}" for i in range(6)]
    graph = build_graph(["HUB", "X", *consumers], deps(*[(c, "HUB") for c in consumers], ("C0", "X")))
    hubs = graph.hubs()
    assert hubs.columns.tolist() == ["app_id", "dependants", "depth"]
    assert hubs.iloc[0]["app_id"] == "HUB" and hubs.iloc[0]["dependants"] == 6
    assert hubs.iloc[1]["app_id"] == "X" and hubs.iloc[1]["dependants"] == 1


def test_chain_of_an_unknown_application_is_a_clear_error():
    graph = build_graph(["A"], deps())
    with pytest.raises(CloudfitError, match="NOPE"):
        graph.chain("NOPE")


def test_networkx_view_has_every_application_and_coupling():
    graph = build_graph(list("ABC"), deps(("A", "B", "tight"), ("B", "C")))
    view = graph.to_networkx()
    assert set(view.nodes) == {"A", "B", "C"}
    assert view.edges["A", "B"]["coupling"] == "tight" and view.edges["B", "C"]["coupling"] == "loose"
    assert set(graph.chain("A")) == nx.descendants(view, "A")


# --- move groups -----------------------------------------------------------------


def groups_of(app_ids, links, moving=None, kept=()):
    graph = build_graph(app_ids, deps(*links))
    moving = np.ones(graph.n, dtype=bool) if moving is None else np.isin(graph.app_ids, moving)
    pairs = set(kept)
    held = np.array(
        [(graph.app_ids[c], graph.app_ids[p]) in pairs for c, p in zip(graph.consumer, graph.provider)]
    )
    units = move_units(graph, moving, held.astype(bool))
    found = {}
    for node, unit in enumerate(units.unit.tolist()):
        if unit >= 0 and units.name[unit] is not None:
            found.setdefault(units.name[unit], [units.reason[unit], []])[1].append(graph.app_ids[node])
    return {name: (reason, sorted(members)) for name, (reason, members) in found.items()}


def test_a_cycle_of_loose_links_forms_no_move_group():
    # Loose links never force grouping: each link of the cycle can run as a temporary hybrid link.
    assert groups_of(list("ABCD"), [("A", "B"), ("B", "C"), ("C", "A"), ("D", "A")]) == {}


def test_a_cycle_of_tight_links_is_one_move_group_and_says_so():
    assert groups_of(
        list("ABCD"), [("A", "B", "tight"), ("B", "C", "tight"), ("C", "A", "tight"), ("D", "A")]
    ) == {"MG-001": ("dependency cycle and tight coupling", ["A", "B", "C"])}


def test_a_loose_link_the_planner_keeps_together_binds_like_a_tight_one():
    assert groups_of(list("ABC"), [("A", "B"), ("B", "C")], kept=[("A", "B")]) == {
        "MG-001": ("kept together", ["A", "B"])
    }


def test_a_tight_cluster_is_one_move_group_across_chains_of_tight_links():
    assert groups_of(list("ABCD"), [("A", "B", "tight"), ("C", "B", "tight"), ("D", "C")]) == {
        "MG-001": ("tight coupling", ["A", "B", "C"])
    }


def test_a_loose_chain_beside_a_tight_link_does_not_join_the_group():
    # A→B→C is loose: B may move before, with or after the tight pair A, C.
    assert groups_of(list("ABC"), [("A", "B"), ("B", "C"), ("A", "C", "tight")]) == {
        "MG-001": ("tight coupling", ["A", "C"])
    }


def test_move_groups_are_named_in_order_of_their_smallest_member():
    found = groups_of(list("ABXY"), [("Y", "X", "tight"), ("B", "A", "tight")])
    assert found == {"MG-001": ("tight coupling", ["A", "B"]), "MG-002": ("tight coupling", ["X", "Y"])}


def test_applications_that_do_not_move_never_join_a_group():
    # A, S, B would be one tight cluster, but S stays where it is.
    assert groups_of(list("ABS"), [("A", "S", "tight"), ("S", "B", "tight")], moving=["A", "B"]) == {}


# --- status checks ---------------------------------------------------------------


def test_dependency_on_a_retired_application_is_reported_once_per_provider_unless_the_user_retires_too():
    graph = build_graph(["M", "S", "R", "Q"], deps(("S", "R"), ("M", "R"), ("Q", "R")))
    status = np.array([PLANNED, STAY, RETIRE, RETIRE], dtype=object)
    (found,) = [f for f in status_findings(graph, status) if f.code == "dependency-on-retired"]
    assert (found.value, found.row) == ("R", None)
    assert found.message.startswith("2 applications depend on R") and "M (moves), S (stays)" in found.message


def test_retired_provider_with_many_users_names_the_first_five_in_id_order():
    users = [f"U{i:02d}" for i in range(12, 0, -1)]
    graph = build_graph([*users, "OLD", "GONE"], deps(*[(u, "OLD") for u in users], ("U01", "GONE")))
    status = np.array([PLANNED] * 12 + [RETIRE, RETIRE], dtype=object)
    found = status_findings(graph, status)
    assert [f.value for f in found] == ["GONE", "OLD"]
    assert found[0].message.startswith("1 application depends on GONE")
    assert "U01 (moves), U02 (moves), U03 (moves), U04 (moves), U05 (moves) and 7 more." in found[1].message


def test_tight_link_between_a_moving_and_a_staying_application_is_reported():
    graph = build_graph(["M", "S"], deps(("S", "M", "tight")))
    (finding,) = status_findings(graph, np.array([PLANNED, STAY], dtype=object))
    assert finding.code == "tight-link-split" and finding.message.startswith("M moves")
