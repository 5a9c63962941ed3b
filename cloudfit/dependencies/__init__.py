"""The dependency graph, move groups, hubs and chains (see DESIGN.md: dependency, move group).

graph = build_graph(scores.app_id, inventory.dependencies)
graph.hubs()          # most depended-on applications and their depth
graph.chain("APP-7")  # what must move before APP-7, in dependency order
"""

from cloudfit.dependencies.checks import PLANNED, RETIRE, STAY, status_findings
from cloudfit.dependencies.graph import DependencyGraph, build_graph, id_rank
from cloudfit.dependencies.groups import MoveUnits, first_members, move_group_table, move_units

__all__ = [
    "PLANNED",
    "RETIRE",
    "STAY",
    "DependencyGraph",
    "MoveUnits",
    "build_graph",
    "first_members",
    "id_rank",
    "move_group_table",
    "move_units",
    "status_findings",
]
