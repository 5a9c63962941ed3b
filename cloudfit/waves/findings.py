"""Planner findings that explain the calendar: the pilot, split loose links, freezes, the deadline."""

from __future__ import annotations

import numpy as np

from cloudfit.finding_codes import make_finding
from cloudfit.findings import Finding
from cloudfit.i18n import platform_label
from cloudfit.waves.calendar import first_day, month_names
from cloudfit.waves.fill import Wave
from cloudfit.waves.freezes import FreezeRule
from cloudfit.waves.pilot import Pilot


def pilot_findings(pilot: Pilot, pilot_size: int, n_units: int, platforms: list[str]) -> list[Finding]:
    """No pilot, a short pilot, or platforms used later that the pilot cannot exercise."""
    if pilot_size <= 0 or n_units == 0:
        return []
    chosen = int(pilot.chosen.sum())
    findings = []
    if chosen == 0:
        findings.append(
            make_finding(
                "no-pilot",
                "No application qualifies for a pilot wave: a pilot takes quick wins that are not "
                "mission-critical, hold no national database, are not XL effort and are not pinned.",
                column="quick_win",
            )
        )
    elif pilot.candidates < pilot_size:
        findings.append(
            make_finding(
                "pilot-short",
                f"Only {pilot.candidates} application(s) qualify for the pilot, fewer than the pilot size "
                f"{pilot_size}; the pilot takes them all.",
                column="quick_win",
            )
        )
    for bit in pilot.uncovered if chosen else []:
        name = platforms[bit]
        findings.append(
            make_finding(
                "pilot-platform-unproven",
                f"No low-risk application on the {platform_label(name)} platform ({name}) qualifies for the pilot, so the pilot "
                f"cannot prove it; its heavy systems wait until its first ordinary wave has ended.",
                column="target_platform",
                value=name,
                platform=name,
            )
        )
    return findings


def split_finding(n_split: int) -> list[Finding]:
    if not n_split:
        return []
    return [
        make_finding(
            "split-loose-links",
            f"{n_split} loose link(s) join applications that move at different times; each runs as a "
            "temporary hybrid link from the first cutover to the second (see the hybrid links).",
            column="coupling",
            value="loose",
        )
    ]


def _month(month: int) -> str:
    return first_day(month).strftime("%Y-%m")


def freeze_findings(
    waves: list[Wave], numbers: np.ndarray, names: list[str], masks: dict[int, int], rules: list[FreezeRule]
) -> list[Finding]:
    """One finding per wave that a freeze held back or paused, naming the months and the reasons."""
    findings = []
    for i in np.argsort(numbers, kind="stable").tolist():
        wave = waves[i]
        if wave.paused <= 0 and wave.waited_from < 0:
            continue
        stream = "the pilot" if wave.workstream < 0 else names[wave.workstream]
        mask = masks.get(i, 0)
        reasons = sorted({r.reason for r in rules if r.mask & mask and r.reason})
        parts = []
        if wave.waited_from >= 0:
            parts.append(f"starts in {_month(wave.start)} instead of {_month(wave.waited_from)}")
        if wave.paused > 0:
            parts.append(f"pauses for {wave.paused} month(s) and ends in {_month(wave.end)}")
        months = ", ".join(str(m) for m in month_names(mask))
        findings.append(
            make_finding(
                "freeze-delay",
                f"Wave {int(numbers[i])} ({stream}) {' and '.join(parts)}: freeze months {months}"
                + (f" ({'; '.join(reasons)})" if reasons else "")
                + ".",
                column="wave",
                value=int(numbers[i]),
                agency=stream,
            )
        )
    return findings


def deadline_finding(deadline) -> list[Finding]:
    if deadline.met or not deadline.existing:
        return []
    return [
        make_finding(
            "deadline-missed",
            f"By {deadline.date.isoformat()} the plan migrates {deadline.migrated} of {deadline.existing} existing "
            f"systems ({deadline.share:.1%}), below the target of {deadline.target_share:.0%} "
            f"({deadline.basis}).",
            column="wave",
        )
    ]


def horizon_finding(unscheduled: int, horizon_month: int, capacity: float) -> list[Finding]:
    """Applications the plan could not start before its horizon, at this capacity."""
    if not unscheduled:
        return []
    return [
        make_finding(
            "plan-horizon",
            f"{unscheduled} application(s) could not start by {first_day(horizon_month).isoformat()} "
            f"(the planning horizon) with {capacity:g} person-days a month per workstream; they are "
            "unscheduled.",
            column="wave",
        )
    ]
