"""The national portfolio: every agency's latest accepted submission assessed as one.

Each submission is read again from its stored file (exactly what was
submitted), its rows and findings tagged with the agency. Dependencies that
one agency's inventory could not resolve are resolved against the other
agencies' applications; an application ID used by two agencies is a
finding, and the first agency's application (by name) is kept. The result
is an ordinary `Assessment` with the reviewers' decisions attached.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pandas as pd
from sqlalchemy import select

from cloudfit.bounded_cache import BoundedCache
from cloudfit.decisions import Override, apply_decisions
from cloudfit.finding_codes import make_finding
from cloudfit.workspace.access import Principal
from cloudfit.workspace.audit import entries, log_frame
from cloudfit.workspace.errors import WorkspaceError
from cloudfit.workspace.reviews import active_overrides, review_statuses
from cloudfit.workspace.schema import Agency
from cloudfit.workspace.store import Workspace, agency_named, get_setting
from cloudfit.workspace.submissions import latest

if TYPE_CHECKING:
    from cloudfit.assessment import Assessment
    from cloudfit.inventory import Inventory

PLAN_SETTING = "plan"


@dataclass(frozen=True)
class Part:
    agency: str
    version: int
    sha256: str
    file_name: str
    mapping: str


# Stored submissions read again, cached on their checksum (stored files never change): every agency of
# a national portfolio, but bounded in entries, applications and age, so that a long-running server
# does not keep every portfolio it ever assembled.
_LOADED: BoundedCache[Inventory] = BoundedCache(
    entries=128, max_age_seconds=20 * 60, weigh=lambda inventory: inventory.rows_read, max_weight=200_000
)


def _load(sha256: str, file_name: str, mapping: str, content: bytes) -> Inventory:
    """One stored submission read again (a file that was accepted when submitted)."""
    from cloudfit.inventory import load_inventory

    return _LOADED.get(
        (sha256, file_name, mapping),
        lambda: load_inventory(content, filename=file_name, mapping=json.loads(mapping) or None),
    )


def _tag(sheet: object, agency: str) -> str:
    return f"{agency}: {sheet}" if sheet else agency


def combine(parts: list[tuple[str, Inventory]], label: str) -> tuple[Inventory, dict[str, str]]:
    """One inventory of several agencies' inventories, and the agency of each kept application."""
    from cloudfit.inventory import Inventory

    frames, deps, externals, findings = [], [], [], []
    kept: dict[str, str] = {}
    rejected = rows_read = 0
    for agency, inventory in parts:
        apps = inventory.applications.copy()
        apps["owner_agency"] = apps["owner_agency"].where(apps["owner_agency"].notna(), agency)
        apps["source_sheet"] = apps["source_sheet"].map(lambda s, a=agency: _tag(s, a))
        keys = apps["app_id"].str.casefold()
        taken = keys.map(kept)
        duplicates = apps[taken.notna()]
        for app_id, sheet, row, first in zip(
            duplicates["app_id"], duplicates["source_sheet"], duplicates["source_row"], taken[taken.notna()]
        ):
            findings.append(
                make_finding(
                    "cross-agency-duplicate-app-id",
                    f"{agency}: the application ID '{app_id}' is also used by {first}; "
                    "this row is not assessed in the national portfolio.",
                    sheet=sheet,
                    row=int(row),
                    column="app_id",
                    value=app_id,
                    first=first,
                )
            )
        apps = apps[taken.isna()]
        kept.update(dict.fromkeys(apps["app_id"].str.casefold(), agency))
        rejected += int(inventory.rejected) + int(taken.notna().sum())
        rows_read += int(inventory.rows_read)
        frames.append(apps)
        deps.append(
            inventory.dependencies.assign(
                source_sheet=inventory.dependencies["source_sheet"].map(lambda s, a=agency: _tag(s, a))
            )
        )
        if inventory.external_links is not None and not inventory.external_links.empty:
            externals.append(inventory.external_links.assign(agency=agency))
        findings += [replace(f, sheet=_tag(f.sheet, agency)) for f in inventory.findings]
    applications = pd.concat(frames, ignore_index=True) if frames else parts[0][1].applications.iloc[0:0]
    known = dict(zip(applications["app_id"].str.casefold(), applications["app_id"]))
    resolved: set[tuple[str, int, str]] = set()
    still_outside = None
    if externals:
        outside = pd.concat(externals, ignore_index=True)
        target = outside["depends_on"].str.casefold().map(known)
        ok = target.notna() & (target != outside["app_id"])
        found = outside[ok].assign(
            depends_on=target[ok],
            source_sheet=[_tag(s, a) for s, a in zip(outside["source_sheet"][ok], outside["agency"][ok])],
        )
        resolved = {
            (s, int(r), str(v))
            for s, r, v in zip(found["source_sheet"], found["source_row"], outside["depends_on"][ok])
        }
        deps.append(found.drop(columns=["agency"]))
        still_outside = outside[~ok].assign(
            source_sheet=[_tag(s, a) for s, a in zip(outside["source_sheet"][~ok], outside["agency"][~ok])]
        )
        still_outside = still_outside.drop(columns=["agency"]).reset_index(drop=True)
        findings = [
            f
            for f in findings
            if not (f.code == "dependency-unknown-app" and (f.sheet, f.row, f.value) in resolved)
        ]
    dependencies = pd.concat(deps, ignore_index=True) if deps else parts[0][1].dependencies
    dependencies = dependencies[dependencies["app_id"].isin(applications["app_id"])]
    dependencies = dependencies.drop_duplicates(["app_id", "depends_on"]).reset_index(drop=True)
    owner = {app_id: kept[app_id.casefold()] for app_id in applications["app_id"]}
    return Inventory(
        applications=applications.reset_index(drop=True),
        dependencies=dependencies,
        findings=tuple(findings),
        rows_read=rows_read,
        rejected=rejected,
        source=label,
        extra_columns=tuple(dict.fromkeys(c for _, inv in parts for c in inv.extra_columns)),
        external_links=still_outside,
    ), owner


@dataclass(frozen=True)
class Portfolio:
    """The combined inventory, the submissions it comes from, the decisions, and each application's agency."""

    inventory: Inventory
    parts: list[Part]
    overrides: list[Override]
    review: dict[str, str]
    owner: dict[str, str]

    @property
    def key(self) -> str:
        """Stands for the inventory: the agencies' submitted files."""
        return "|".join(f"{p.agency}:{p.sha256}:{p.mapping}" for p in self.parts)


def portfolio(workspace: Workspace, user: Principal, agency: str | None = None) -> Portfolio:
    """The combined inventory of the latest submissions the user may see, and their decisions."""
    user.require("view", agency)
    raw, overrides, review = [], [], {}
    with workspace.reading() as session:
        if agency:
            agencies = [agency_named(session, agency)]
        else:
            agencies = [a for a in session.scalars(select(Agency).order_by(Agency.name)) if user.sees(a.name)]
        for row in agencies:
            submission = latest(session, row)
            if submission is None:
                continue
            raw.append(
                (
                    Part(
                        row.name,
                        submission.version,
                        submission.sha256,
                        submission.file_name,
                        submission.mapping,
                    ),
                    submission.content,
                )
            )
            for item in active_overrides(session, row):
                if not item["app_present"]:
                    continue
                overrides.append(
                    (
                        row.name,
                        Override(
                            item["app_id"],
                            item["field"],
                            item["final"],
                            item["reason"],
                            item["user"],
                            item["at"],
                            item["status"],
                            item["needs_rereview"],
                        ),
                    )
                )
            review.update({(row.name, app): status for app, status in review_statuses(session, row).items()})
    if not raw:
        raise WorkspaceError("No agency has submitted an inventory yet: submit one first (workspace submit).")
    loaded = [
        (part.agency, _load(part.sha256, part.file_name, part.mapping, content)) for part, content in raw
    ]
    label = agency or f"national portfolio ({len(raw)} agencies)"
    inventory, owner = combine(loaded, label)
    mine = [o for a, o in overrides if owner.get(o.app_id) == a]
    statuses = {app: status for (a, app), status in review.items() if owner.get(app) == a}
    return Portfolio(inventory, [p for p, _ in raw], mine, statuses, owner)


def assess_workspace(
    workspace: Workspace, user: Principal, agency: str | None = None, model: str = "default"
) -> Assessment:
    """The national portfolio (or one agency) assessed with the saved planner settings, decisions attached."""
    from cloudfit.assessment import assess
    from cloudfit.options import AssessOptions, PlanOptions
    from cloudfit.scoring_model import load_model

    found = portfolio(workspace, user, agency)
    with workspace.reading() as session:
        saved = get_setting(session, PLAN_SETTING, {}) or {}
    options = AssessOptions(plan=PlanOptions(**saved))
    assessment = assess(found.inventory, load_model(model), options)
    log = log_frame(entries(workspace, user, agency))
    return apply_decisions(assessment, found.overrides, found.review, log)
