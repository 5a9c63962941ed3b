"""Gates: an agency's readiness → what its applications may do in the wave plan, as plain data.

A pure function of (readiness, applications): per application the first
month it may start and why (an answer that calls for an action first), a
factor on its person-days (a Red theme: the same work takes the agency's
team longer), and whether it is kept out of the pilot (the pilot takes
the readiest agencies' quick wins). Each gate comes with one finding per
agency that says what it holds back and until when; the wave planner
(`cloudfit.readiness.planning`) turns the data into pins and inputs.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from cloudfit.finding_codes import make_finding
from cloudfit.findings import Finding
from cloudfit.readiness.rating import ReadinessResult
from cloudfit.vocabulary import BANDS

_LISTED = 20  # application ids named in a finding


def agency_key(name: object) -> str:
    """Agency names compare without case, accents' encoding or extra spaces."""
    if name is None or (isinstance(name, float) and name != name):
        return ""
    return " ".join(unicodedata.normalize("NFC", str(name)).split()).casefold()


@dataclass(frozen=True)
class Hold:
    """An application that may not start before `month` (1-based) because of `gate` until `action` is done."""

    app_id: str
    agency: str
    gate: str
    action: str
    month: int


@dataclass(frozen=True)
class GateInputs:
    """What the readiness asks of the planner; empty when no agency matches."""

    holds: tuple[Hold, ...] = ()
    effort_factor: dict[str, float] = field(default_factory=dict)
    pilot_excluded: frozenset[str] = frozenset()
    findings: tuple[Finding, ...] = ()

    def not_before_month(self) -> dict[str, int]:
        """Per held application the latest of its holds' months."""
        months: dict[str, int] = {}
        for hold in self.holds:
            months[hold.app_id] = max(months.get(hold.app_id, 1), hold.month)
        return months


def _listed(ids: list[str]) -> str:
    return ", ".join(ids[:_LISTED]) + (f" and {len(ids) - _LISTED} more" if len(ids) > _LISTED else "")


def _agencies(result: ReadinessResult, apps: pd.DataFrame) -> tuple[pd.Series, list[Finding]]:
    """Each application's readiness agency name (or None), and a finding per agency owning nothing."""
    by_key = {agency_key(a.agency): a.agency for a in result.agencies}
    names = apps["owner_agency"].astype(object)
    keys = {name: agency_key(name) for name in pd.unique(names)}  # a few hundred agencies, not one per row
    owner = names.map(keys)
    matched = owner.map(by_key)
    owned = set(owner)
    example = next((str(v) for v in apps["owner_agency"].dropna()), "")
    findings = [
        make_finding(
            "readiness-unknown-agency",
            f"{a.agency} answered the readiness questionnaire but owns no application of the inventory.",
            value=a.agency,
            example=example,
        )
        for a in result.agencies
        if agency_key(a.agency) not in owned
    ]
    return matched, findings


def gate_inputs(result: ReadinessResult, apps: pd.DataFrame, pilot_size: int = 10) -> GateInputs:
    """The gates of `result.questionnaire` applied to `apps` (app_id, owner_agency, security_level,
    deployment, quick_win); `pilot_size` is the planner's, for the pilot preference."""
    q = result.questionnaire
    agency_of, findings = _agencies(result, apps)
    codes, uniques = pd.factorize(agency_of)  # compare integers per agency, not text per application
    names = list(uniques)
    ids = apps["app_id"].astype(str)
    level = pd.to_numeric(apps["security_level"], errors="coerce")
    deployment = apps["deployment"].astype(object)
    holds: list[Hold] = []
    factor: dict[str, float] = {}
    for agency in result.agencies:
        own = codes == (names.index(agency.agency) if agency.agency in names else -2)
        if not own.any():
            continue
        for gate in q.gates:
            if gate.question is not None:
                answer = agency.answer(gate.question)
                if answer not in gate.answers:
                    continue
                mask = own.copy()
                if gate.min_security_level is not None:
                    mask &= (level >= gate.min_security_level).fillna(False).to_numpy()
                if gate.deployments:
                    mask &= deployment.isin(gate.deployments).to_numpy()
                held = ids[mask].tolist()
                if not held:
                    continue
                end = agency.action_end(gate.until) or 0
                action = q.actions_by_id[gate.until]
                holds += [Hold(app_id, agency.agency, gate.id, gate.until, end + 1) for app_id in held]
                label = q.answers(gate.question)[answer].en
                findings.append(
                    make_finding(
                        "readiness-gate",
                        f"{agency.agency}: {gate.question} answered '{label}', so its {len(held)} "
                        f"{_selection(gate)} application(s) ({_listed(held)}) cannot start before month "
                        f"{end + 1}, after '{action.en}' (months {end - action.months + 1}-{end}).",
                        value=agency.agency,
                        remedy=f"Do '{action.en}' first, or update the answer to {gate.question} once it is done",
                    )
                )
            elif agency.theme(gate.theme).rating in gate.ratings and agency.theme(gate.theme).confidence > 0:
                # a theme left unanswered is Red for want of evidence, but it is no evidence of a problem
                slowed = ids[own].tolist()
                factor.update(dict.fromkeys(slowed, gate.effort_factor))
                findings.append(
                    make_finding(
                        "readiness-gate",
                        f"{agency.agency}: theme {gate.theme} is rated {agency.theme(gate.theme).rating}, so its "
                        f"{len(slowed)} application(s) are planned at {gate.effort_factor:g}× their person-days "
                        f"(the same team does less per month).",
                        value=agency.agency,
                        remedy=f"Carry out the {gate.theme} actions of its plan, or add staff or a managed service",
                    )
                )
    excluded, pilot_findings = _pilot(result, apps, agency_of, pilot_size)
    return GateInputs(tuple(holds), factor, excluded, tuple(findings + pilot_findings))


def _selection(gate) -> str:
    parts = []
    if gate.min_security_level is not None:
        parts.append(f"level-{gate.min_security_level}+")
    if gate.deployments:
        parts.append("/".join(gate.deployments))
    return " ".join(parts)


def _pilot(
    result: ReadinessResult, apps: pd.DataFrame, agency_of: pd.Series, pilot_size: int
) -> tuple[frozenset[str], list[Finding]]:
    """Quick wins of agencies with a theme below `pilot_min_rating` leave the pilot, if enough others remain."""
    q = result.questionnaire
    floor = BANDS.index(q.pilot_min_rating)
    weak = {a.agency for a in result.agencies if BANDS.index(a.lowest) < floor}
    quick = (
        apps["quick_win"].astype("boolean").fillna(False).to_numpy(dtype=bool)
        if "quick_win" in apps
        else None
    )
    if not weak or quick is None:
        return frozenset(), []
    out = agency_of.isin(weak).to_numpy() & quick
    if not out.any():
        return frozenset(), []
    removed = apps["app_id"].astype(str)[out].tolist()
    remaining = int((quick & ~out).sum())
    if pilot_size <= 0 or remaining < pilot_size:
        return frozenset(), []
    names = ", ".join(sorted(weak))
    finding = make_finding(
        "readiness-gate",
        f"The pilot prefers the readiest agencies: quick wins of {names} (a theme below "
        f"{q.pilot_min_rating}) stay out of it ({_listed(removed)}); {remaining} other quick wins remain.",
        remedy="Raise the weak themes of these agencies if one of their applications should be the pilot",
    )
    return frozenset(removed), [finding]


def skills_answer_fill(result: ReadinessResult, apps: pd.DataFrame) -> tuple[pd.Series, list[Finding]]:
    """`team_cloud_skills` with empty values filled from the agency's answer (the questionnaire's mapping)."""
    q = result.questionnaire
    skills = apps["team_cloud_skills"].copy()
    source = q.team_cloud_skills
    if source is None:
        return skills, []
    agency_of, _ = _agencies(result, apps)
    level = {a.agency: source.answers.get(a.answer(source.question) or "") for a in result.agencies}
    filled = agency_of.map(level)
    take = skills.isna().to_numpy() & filled.notna().to_numpy()
    if not take.any():
        return skills, []
    skills = skills.astype(object)
    skills[take] = filled[take]
    skills = skills.astype(apps["team_cloud_skills"].dtype)
    counts = pd.Series(agency_of[take]).value_counts().sort_index()
    findings = [
        make_finding(
            "readiness-skills-filled",
            f"{agency}: team_cloud_skills of {n} application(s) without a value set to "
            f"'{level[agency]}' from the answer to {source.question}.",
            column="team_cloud_skills",
            value=agency,
        )
        for agency, n in counts.items()
    ]
    return skills, findings
