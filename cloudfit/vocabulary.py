"""The domain's codes, defined once (DESIGN.md, Vocabulary).

Scoring models, the planner, the exporters, the charts and the UI all speak
these codes; labels in English and Vietnamese live in `cloudfit.i18n`.
"""

from __future__ import annotations

# The five-colour readiness scale of the World Bank reports, worst first.
BANDS: tuple[str, ...] = ("red", "yellow_red", "yellow", "yellow_green", "green")
EFFORT_SIZES: tuple[str, ...] = ("S", "M", "L", "XL")
# `none`: a retired application goes nowhere (it is on the decommission list).
DEPLOYMENTS: tuple[str, ...] = ("public", "hybrid", "private", "on_premises", "none")
CLOUD_DEPLOYMENTS: tuple[str, ...] = ("public", "hybrid", "private")
# Where an application lands, beside its deployment model; decided by the
# model file's `target_platform` rules. `current_hosting`: it stays where it runs.
TARGET_PLATFORMS: tuple[str, ...] = (
    "national_data_center",
    "ministry_or_provincial_dc",
    "certified_gov_cloud",
    "certified_public_cloud_vn",
    "saas",
    "current_hosting",
    "none",
)
# Every rule, constraint and cap says whether a legal text requires it or the model chose it.
RULE_KINDS: tuple[str, ...] = ("law", "policy")
# What backs an application's inventory record: the agency's word, or a reviewer's check.
EVIDENCE_LEVELS: tuple[str, ...] = ("declared", "verified")
# The 7 Rs; the first five move an application to a cloud.
STRATEGIES: tuple[str, ...] = (
    "rehost",
    "relocate",
    "replatform",
    "refactor",
    "repurchase",
    "retire",
    "retain",
)
MOVING_STRATEGIES: tuple[str, ...] = STRATEGIES[:5]
# Law 29/2018 on State Secrets: Mật, Tối mật, Tuyệt mật.
STATE_SECRET_CODES: tuple[str, ...] = ("mat", "toi_mat", "tuyet_mat")
LANGUAGES: tuple[str, ...] = ("en", "vi")
# What a reviewer may override (cloudfit.decisions) and the review statuses of an application.
OVERRIDE_FIELDS: tuple[str, ...] = ("deployment", "target_platform", "strategy", "wave", "person_days")
REVIEW_STATUSES: tuple[str, ...] = ("not_reviewed", "agreed", "overridden", "needs_data")
