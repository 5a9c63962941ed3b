"""Target platforms: where a moving application lands, finer than the deployment model.

The scores carry a `target_platform` column when the scoring model decides
one; until then (and for older results) `target_platform` derives it from
the deployment model and the strategy, so the planner reads platforms the
same way in both cases.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# Cloud platforms, in the order the plan lists them (foundations, pilot coverage).
TARGET_PLATFORMS: tuple[str, ...] = (
    "national_data_center",
    "ministry_or_provincial_dc",
    "certified_gov_cloud",
    "certified_public_cloud_vn",
    "saas",
)
# Deployment model -> platform, when the scores do not name one (policy: national systems go
# to the National Data Center; a hybrid system is hosted by a certified government cloud).
_FROM_DEPLOYMENT = {
    "private": "national_data_center",
    "hybrid": "certified_gov_cloud",
    "public": "certified_public_cloud_vn",
}


def target_platform(scores: pd.DataFrame) -> np.ndarray:
    """The target platform of each scores row: its `target_platform`, else one derived from deployment.

    A repurchase goes to SaaS; a row with neither gives None.
    """
    n = len(scores)
    derived = pd.Series(scores["deployment"] if "deployment" in scores else [None] * n, dtype=object)
    derived = derived.map(_FROM_DEPLOYMENT).to_numpy(dtype=object)
    if "strategy" in scores:
        derived = np.where(scores["strategy"].to_numpy(dtype=object) == "repurchase", "saas", derived)
    if "target_platform" in scores:
        given = scores["target_platform"].to_numpy(dtype=object)
        derived = np.where(pd.notna(given), given, derived)
    return derived.astype(object)
