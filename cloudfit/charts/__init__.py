"""Plotly figures as pure functions of an assessment's tables and a language.

No streamlit here: the UI draws these, tests inspect them, and a notebook
can use them as they are.
"""

from cloudfit.charts.application import contributions_waterfall
from cloudfit.charts.network import MAX_NODES, agency_network, layered_layout, neighbourhood, network
from cloudfit.charts.portfolio import bands, mix_by_agency, quadrant
from cloudfit.charts.readiness import readiness_heatmap
from cloudfit.charts.roadmap import gantt, wave_effort
from cloudfit.charts.time import time_quadrant

__all__ = [
    "MAX_NODES",
    "agency_network",
    "bands",
    "contributions_waterfall",
    "gantt",
    "layered_layout",
    "mix_by_agency",
    "neighbourhood",
    "network",
    "quadrant",
    "readiness_heatmap",
    "time_quadrant",
    "wave_effort",
]
