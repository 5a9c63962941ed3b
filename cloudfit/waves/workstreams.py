"""Workstreams: who runs each move, one team and one vendor per agency, agency group or nation.

Real programmes move in parallel, one stream per ministry or province, under
a national cap. An agency group is a ministry, or a province with all of its
departments and people's committee offices (the 34 provinces and centrally
run cities since July 2025); a planner can name other groups explicitly.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from cloudfit.text import fold_key

NATIONAL = "National programme"
PILOT = "Pilot"
UNASSIGNED = "(no agency)"

# Since 1 July 2025 (Resolution 202/2025/QH15): 6 centrally run cities and 28 provinces.
CITIES: tuple[str, ...] = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Huế", "Cần Thơ")
PROVINCES: tuple[str, ...] = (
    "Tuyên Quang", "Cao Bằng", "Lai Châu", "Lào Cai", "Thái Nguyên", "Điện Biên", "Lạng Sơn", "Sơn La",
    "Phú Thọ", "Bắc Ninh", "Quảng Ninh", "Hưng Yên", "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh",
    "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Đồng Nai", "Tây Ninh",
    "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)  # fmt: skip
_LOCALITIES = {fold_key(name): f"Thành phố {name}" for name in CITIES} | {
    fold_key(name): f"Tỉnh {name}" for name in PROVINCES
}


def agency_group(agency: str, groups: Mapping[str, str]) -> str:
    """The group of an agency: the planner's choice, else its province or city, else the agency itself."""
    if agency in groups:
        return groups[agency]
    folded = fold_key(agency)
    for key, name in _LOCALITIES.items():
        if folded.endswith("_" + key) or folded == key:
            return name
    return agency


def workstream_names(agencies: pd.Series, mode: str, groups: Mapping[str, str]) -> np.ndarray:
    """The workstream of each application: its agency, its agency group, or the one national stream."""
    names = agencies.astype(object).where(
        agencies.notna() & (agencies.astype(str).str.strip() != ""), UNASSIGNED
    )
    if mode == "national":
        return np.full(len(names), NATIONAL, dtype=object)
    if mode == "agency":
        return names.to_numpy(dtype=object)
    codes, uniques = pd.factorize(names)
    mapped = np.array([agency_group(str(a), groups) for a in uniques] + [UNASSIGNED], dtype=object)
    return mapped[codes]
