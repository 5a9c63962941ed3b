"""Hand-made assessments for the exporter tests: small frames matching the shared contract.

The scores and the plan are written by hand here (not computed), so the
workbook and JSON tests pin the exporters alone and can state their
expected figures from this file.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

import numpy as np
import openpyxl
import pandas as pd

from cloudfit.assessment import Assessment
from cloudfit.findings import Finding
from cloudfit.inventory.frame import SOURCE_COLUMNS, applications_from_records, dependencies_from_records
from cloudfit.inventory.model import Inventory
from cloudfit.options import AssessOptions, Pin, PlanOptions
from cloudfit.robustness import MARGIN_COLUMNS, Robustness
from cloudfit.scoring import TABLE_COLUMNS
from cloudfit.scoring_model.schema import ScoringModel
from cloudfit.waves import WavePlan

AS_OF = dt.date(2025, 9, 1)

MODEL = {
    "name": "tiny",
    "version": "1.0",
    "title": "Tiny test model",
    "fitness": {
        "groups": [{"id": "tech", "label": "Technology"}],
        "criteria": [
            {
                "id": "arch",
                "field": "architecture",
                "label": "Architecture",
                "group": "tech",
                "weight": 2.0,
                "points": {"microservices": 1.0, "mainframe": 0.0},
                "missing": 0.5,
            },
            {
                "id": "sec",
                "field": "security_level",
                "group": "tech",
                "weight": 1.0,
                "steps": [{"below": 4.0, "points": 1.0}, {"points": 0.0}],
                "missing": 0.5,
            },
        ],
        "caps": [
            {
                "id": "secret_cap",
                "when": {"field": "state_secret", "op": "in", "value": ["mat"]},
                "max": 20.0,
                "reason": "State secret",
            }
        ],
        "bands": {"yellow_red": 20.0, "yellow": 40.0, "yellow_green": 60.0, "green": 80.0},
    },
    "effort": {
        "factors": [
            {
                "id": "servers",
                "field": "servers",
                "weight": 1.0,
                "steps": [{"below": 5.0, "points": 0.0}, {"points": 1.0}],
                "missing": 0.5,
            }
        ],
        "sizes": {"M": 40.0, "L": 120.0, "XL": 300.0},
        "base_days": {
            "rehost": 10.0,
            "relocate": 5.0,
            "replatform": 20.0,
            "refactor": 60.0,
            "repurchase": 30.0,
            "retire": 5.0,
            "retain": 1.0,
        },
        "drivers": [{"id": "servers", "field": "servers", "scale": "linear", "days": 2.5, "source": "test"}],
        "strategy_multipliers": {
            "rehost": 1.0,
            "relocate": 0.8,
            "replatform": 1.5,
            "refactor": 3.0,
            "repurchase": 1.2,
            "retire": 0.2,
            "retain": 0.0,
        },
    },
    "constraints": [
        {
            "id": "secret",
            "when": {"field": "state_secret", "op": "in", "value": ["mat"]},
            "deployment": ["on_premises"],
            "strategy": ["retain"],
            "reason": "State secret",
            "basis": "Law 29/2018/QH14",
        }
    ],
    "deployment": {"rules": [{"id": "default_public", "outcome": "public", "reason": "Fits public cloud"}]},
    "strategy": {"rules": [{"id": "default_rehost", "outcome": "rehost", "reason": "Lift and shift"}]},
    "target_platform": {
        "rules": [{"id": "certified", "outcome": "certified_public_cloud_vn", "reason": "Certified provider"}]
    },
    "priority": {
        "weights": {"opportunity": 1.0, "ease": 1.0, "risk": 1.0},
        "opportunity": [
            {"id": "value", "field": "business_value", "weight": 1.0, "points": {"high": 1.0}, "missing": 0.5}
        ],
        "risk": [
            {"id": "crit", "field": "criticality", "weight": 1.0, "points": {"high": 1.0}, "missing": 0.5}
        ],
    },
    "quick_win": {"when": {"field": "fitness", "op": ">=", "value": 80}},
    "confidence": {"fitness": 0.4, "effort": 0.3, "decisions": 0.2, "priority": 0.1},
}

HOSTILE = ('=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1")


@dataclass(frozen=True)
class HandScores:
    """Stands in for `ScoreResult`: the table, the contributions, and a simple explanation."""

    table: pd.DataFrame
    contributions: pd.DataFrame
    notes: dict = field(default_factory=dict)
    findings: tuple = ()

    @property
    def effort_drivers(self) -> pd.DataFrame:
        return pd.DataFrame({"base": self.table["person_days"]}, index=self.table.index)

    def explain(self, app_id: str) -> dict:
        row = self.table.index[self.table["app_id"] == app_id][0]
        return {
            "app_id": app_id,
            "fitness": float(self.table.at[row, "fitness"]),
            "criteria": [
                {"id": c, "contribution": float(self.contributions.at[row, c])}
                for c in self.contributions.columns
            ],
        }


def applications(names: tuple[str, ...] = ()) -> pd.DataFrame:
    names = (
        names
        + ("Cổng dịch vụ công", "Quản lý văn bản", "Hệ thống cũ", "Hồ sơ mật", "Kho dữ liệu")[len(names) :]
    )
    records = [
        {
            "app_id": "APP-1",
            "name": names[0],
            "owner_agency": "Bộ Khoa học và Công nghệ",
            "architecture": "microservices",
            "security_level": 2,
            "state_secret": "none",
            "citizen_facing": True,
            "servers": 4,
            "data_size_gb": 120.5,
            "license_expiry": "2026-06-30",
            "depends_on": None,
            "Ghi chú riêng": "extra text",
            "Cost centre": 17,
        },
        {
            "app_id": "APP-2",
            "name": names[1],
            "owner_agency": "Bộ Tài chính",
            "architecture": "n_tier",
            "security_level": 3,
            "state_secret": "none",
            "citizen_facing": False,
            "servers": 8,
            "data_size_gb": 40.0,
            "license_expiry": None,
            "depends_on": "APP-1",
            "Ghi chú riêng": "=1+1",
            "Cost centre": 18,
        },
        {
            "app_id": "APP-3",
            "name": names[2],
            "owner_agency": "Bộ Tài chính",
            "architecture": "mainframe",
            "security_level": 2,
            "state_secret": "none",
            "citizen_facing": None,
            "servers": None,
            "data_size_gb": None,
            "license_expiry": "2025-12-31",
            "depends_on": None,
            "Ghi chú riêng": None,
            "Cost centre": None,
        },
        {
            "app_id": "APP-4",
            "name": names[3],
            "owner_agency": "Bộ Công an",
            "architecture": "client_server",
            "security_level": 4,
            "state_secret": "mat",
            "citizen_facing": False,
            "servers": 2,
            "data_size_gb": 10.0,
            "license_expiry": None,
            "depends_on": "APP-2",
            "Ghi chú riêng": "@secret",
            "Cost centre": 19,
        },
        {
            "app_id": "APP-5",
            "name": names[4],
            "owner_agency": "Bộ Tài chính",
            "architecture": "n_tier",
            "security_level": 3,
            "state_secret": "none",
            "citizen_facing": False,
            "servers": 6,
            "data_size_gb": 900.0,
            "license_expiry": None,
            "depends_on": "APP-2",
            "Ghi chú riêng": "",
            "Cost centre": 20,
        },
    ]
    return applications_from_records(records)


def scores(apps: pd.DataFrame) -> HandScores:
    table = pd.DataFrame(
        {
            "app_id": apps["app_id"].tolist(),
            "fitness": [85.0, 62.5, 30.0, 20.0, 62.5],
            "band": ["green", "yellow_green", "yellow_red", "yellow_red", "yellow_green"],
            "effort_score": [10.0, 40.0, 80.0, 30.0, 45.0],
            "complexity_score": [15.0, 35.0, 70.0, 40.0, 50.0],
            "effort_size": ["S", "M", "XL", "M", "M"],
            "person_days": [20.0, 90.0, 80.0, 0.0, 90.0],
            "deployment": ["public", "private", "none", "on_premises", "hybrid"],
            "strategy": ["rehost", "replatform", "retire", "retain", "replatform"],
            "priority": [90.0, 55.0, 0.0, 0.0, 50.0],
            "quick_win": [True, False, False, False, False],
            "confidence": [1.0, 0.9, 0.5, 1.0, 0.8],
            "deployment_rule": [
                "default_public",
                "default_private",
                "default_private",
                "hard.state_secret",
                "default_public",
            ],
            "deployment_reason": [
                "Fits public cloud",
                "Government cloud",
                "Government cloud",
                "State secret",
                "Fits",
            ],
            "deployment_basis": ["", "Decision 1121/QĐ-TTg", "", "Law 29/2018/QH14", ""],
            "strategy_rule": ["default_rehost", "r2", "lifecycle_retire", "hard.state_secret", "r2"],
            "strategy_reason": [
                "Lift and shift",
                "New platform",
                "Planned for decommission",
                "State secret",
                "x",
            ],
            "strategy_basis": ["", "", "", "Law 29/2018/QH14", ""],
            "caps": ["", "", "", "secret_cap", ""],
            "missing": ["", "", "servers,data_size_gb", "", ""],
            "target_platform": [
                "certified_public_cloud_vn",
                "certified_gov_cloud",
                "none",
                "current_hosting",
                "certified_gov_cloud",
            ],
            "evidence": ["verified", "declared", "declared", "declared", "declared"],
            "deployment_kind": ["policy", "policy", "policy", "law", "policy"],
            "strategy_kind": ["policy", "policy", "policy", "law", "policy"],
            "target_platform_rule": ["public", "private", "retired", "retained", "private"],
            "target_platform_reason": [
                "Certified",
                "Government cloud",
                "Retired",
                "Stays",
                "Government cloud",
            ],
            "security_level_declared": pd.array([2, 3, 2, 4, 3], dtype="Int64"),
            "security_level_used": pd.array([2, 3, 2, 4, 3], dtype="Int64"),
            "band_from_fitness": ["green", "yellow_green", "yellow_red", "yellow_red", "yellow_green"],
        }
    )[list(TABLE_COLUMNS)]
    contributions = pd.DataFrame(
        {
            "arch": [60.0, 40.0, 10.0, 30.0, 40.0],
            "sec": [25.0, 22.5, 20.0, 0.0, 22.5],
            "cap_adjustment": [0.0, 0.0, 0.0, -10.0, 0.0],
        }
    )
    return HandScores(table, contributions)


def plan(apps: pd.DataFrame) -> WavePlan:
    """Wave 1 (pilot, months 1-2): APP-1; wave 2 (months 3-5): move group G1 = APP-2 + APP-5."""
    assignments = pd.DataFrame(
        {
            "app_id": apps["app_id"].tolist(),
            "move_group": [None, "G1", None, None, "G1"],
            "wave": pd.array([1, 2, None, None, 2], dtype="Int64"),
            "plan_status": ["planned", "planned", "retire", "stay", "planned"],
        }
    )
    waves = pd.DataFrame(
        {
            "wave": [1, 2],
            "name": ["Pilot", "Finance"],
            "workstream": ["Pilot", "Bộ Tài chính"],
            "start_month": [1, 3],
            "end_month": [2, 5],
            "start_date": ["2027-04-01", "2027-06-01"],
            "end_date": ["2027-05-31", "2027-08-31"],
            "start_quarter": ["2027 Q2", "2027 Q2"],
            "fiscal_year": [2027, 2027],
            "app_ids": [["APP-1"], ["APP-2", "APP-5"]],
            "n_apps": [1, 2],
            "person_days": [20.0, 180.0],
            "public": [1, 0],
            "hybrid": [0, 1],
            "private": [0, 1],
            "pilot": [True, False],
            "oversize": [False, False],
        }
    )
    move_groups = pd.DataFrame(
        {
            "move_group": ["G1"],
            "members": [["APP-2", "APP-5"]],
            "size": [2],
            "reason": ["tight coupling"],
            "wave": [2],
        }
    )
    decommission = pd.DataFrame({"app_id": ["APP-3"], "reason": ["Planned for decommission"]})
    hybrid_links = pd.DataFrame(
        {
            "app_id": ["APP-4"],
            "depends_on": ["APP-2"],
            "coupling": ["loose"],
            "migrating": ["APP-2"],
            "staying": ["APP-4"],
            "note": ["APP-4 stays on premises and calls APP-2 in the cloud"],
        }
    )
    links = pd.DataFrame(
        {
            "app_id": ["APP-2", "APP-4", "APP-5"],
            "depends_on": ["APP-1", "APP-2", "APP-2"],
            "coupling": ["loose", "loose", "tight"],
            "app_wave": pd.array([2, None, 2], dtype="Int64"),
            "depends_on_wave": pd.array([1, 2, 2], dtype="Int64"),
            "cross_wave": [True, False, False],
            "hybrid": [False, True, False],
        }
    )
    hubs = pd.DataFrame({"app_id": ["APP-2"], "dependants": [2], "depth": [1]})
    findings = (Finding("info", "pilot", "Wave 1 is a pilot.", "Check it."),)
    foundations = pd.DataFrame(
        {
            "platform": ["national_data_center"],
            "task": ["ndc_onboarding"],
            "months": [3],
            "start_month": [1],
            "end_month": [3],
            "start_date": ["2027-01-01"],
            "end_date": ["2027-03-31"],
        }
    )
    return WavePlan(
        assignments, waves, move_groups, decommission, hybrid_links, links, hubs, findings, foundations
    )


def make_assessment(names: tuple[str, ...] = (), weights: dict | None = None) -> Assessment:
    """A five-application assessment: one per outcome (moves, group, retire, stays, hybrid)."""
    apps = applications(names)
    deps = dependencies_from_records(
        [
            {"app_id": "APP-2", "depends_on": "APP-1", "coupling": "loose", "notes": "-reads citizen data"},
            {"app_id": "APP-4", "depends_on": "APP-2", "coupling": "loose", "notes": None},
            {"app_id": "APP-5", "depends_on": "APP-2", "coupling": "tight", "notes": None},
        ]
    )
    findings = (
        Finding(
            "error",
            "bad-value",
            "Unknown architecture '=cmd'.",
            "Use one of the codes.",
            sheet="Applications",
            row=9,
            column="Architecture",
            value="=cmd",
        ),
        Finding(
            "warning",
            "missing",
            "Servers missing.",
            "Fill it in.",
            sheet="Applications",
            row=4,
            column="Servers",
        ),
    )
    inventory = Inventory(
        apps,
        deps,
        findings,
        rows_read=6,
        rejected=1,
        source="hand.xlsx",
        extra_columns=("Ghi chú riêng", "Cost centre"),
    )
    options = AssessOptions(
        weights=weights or {},
        as_of=AS_OF,
        plan=PlanOptions(wave_max_apps=5, pilot_size=1, pins={"APP-1": Pin(1)}),
    )
    model = ScoringModel.model_validate(MODEL)
    return with_robustness(Assessment(inventory, model, options, scores(apps), plan(apps)))


def hand_robustness(n: int) -> Robustness:
    """Stands in for the robustness of the hand-made scores: the first application is fragile, its
    deployment sits 1.5 fitness points above a threshold and flips at security level 4."""
    table = pd.DataFrame({"fragile": [i == 0 for i in range(n)]})
    for name in MARGIN_COLUMNS:
        table[name] = [None] * n if name.endswith(("field", "rule")) else np.nan
    table.loc[0, ["deployment_margin_distance", "deployment_margin_threshold"]] = [1.5, 60.0]
    table.loc[0, ["deployment_margin_field", "deployment_margin_rule"]] = ["fitness", "default_public"]
    flips = pd.DataFrame(
        {
            "row": [0, 1],
            "decision": ["deployment", "strategy"],
            "field": ["security_level", "architecture"],
            "value": [4, "=cmd"],
            "outcome": ["private", "retain"],
            "one_step": [True, False],
        }
    )
    shares = {"weights": 0.0, "any_input": 0.2, "security_level": 0.2}
    return Robustness(
        table, flips, {"band": dict(shares), "deployment": dict(shares), "strategy": dict(shares)}
    )


def with_robustness(assessment: Assessment) -> Assessment:
    """The assessment with the hand-made robustness in place of one computed from its (hand-made) scores."""
    assessment.__dict__["robustness"] = hand_robustness(len(assessment.scores.table))
    return assessment


def inventory_file() -> bytes:
    """An analyst's workbook made in code: hostile names, an extra column, a dependencies sheet."""
    apps = applications(HOSTILE[:4]).drop(columns=list(SOURCE_COLUMNS))
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Applications"
    ws.append(list(apps.columns))
    for record in apps.astype(object).where(apps.notna(), None).itertuples(index=False):
        ws.append([v.to_pydatetime() if isinstance(v, pd.Timestamp) else v for v in record])
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
    deps = book.create_sheet("Dependencies")
    deps.append(["app_id", "depends_on", "coupling", "notes"])
    deps.append(["APP-5", "APP-2", "tight", "shares the database"])
    deps.append(["APP-3", "APP-1", "loose", None])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
