"""What a briefing says, as numbers: for the whole portfolio or for one agency.

Computed from the `Assessment`'s results table with `value_counts` and
`groupby`, never recomputed scores, so the brief, the workbook and the CLI
agree. An agency brief counts that agency's applications and the waves
they are in; the findings stay portfolio-wide only where they cannot be
tied to an application (they carry no agency).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from cloudfit.errors import OptionsError
from cloudfit.export import CLOUD_TARGET, on_a_cloud
from cloudfit.vocabulary import BANDS, DEPLOYMENTS, STRATEGIES

TOP_AGENCIES = 15  # agencies listed by name in a portfolio brief; the rest are summed as "others"
TOP_FINDINGS = 8  # finding codes listed, most frequent first


@dataclass(frozen=True)
class BriefFigures:
    """The figures of one brief; `agency` is None for the portfolio."""

    agency: str | None
    applications: int
    rejected: int
    cloud: int
    share: float
    target: float
    quick_wins: int
    person_days: float
    low_confidence: int
    bands: dict[str, int]
    deployment: dict[str, int]
    strategy: dict[str, int]
    waves: pd.DataFrame  # wave, pilot, oversize, start_month, end_month, n_apps, person_days
    agencies: pd.DataFrame  # agency, n_apps, cloud, red, person_days (portfolio briefs only)
    findings: pd.DataFrame  # code, severity, n (most frequent first)
    errors: int

    @property
    def target_met(self) -> bool:
        return self.applications > 0 and self.share >= self.target

    @property
    def gap(self) -> int:
        """Applications more that must be planned for a cloud to reach the target."""
        needed = math.ceil(round(self.target * self.applications, 6))
        return max(0, needed - self.cloud)


def _counts(series: pd.Series, codes: tuple[str, ...]) -> dict[str, int]:
    counts = series.value_counts().reindex(list(codes), fill_value=0)
    return {code: int(n) for code, n in counts.items()}


def _cloud(results: pd.DataFrame) -> pd.Series:
    return on_a_cloud(results)


def _agency_table(results: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "agency": results["owner_agency"].fillna("").astype(str).str.strip(),
            "n_apps": 1,
            "cloud": _cloud(results).astype(int),
            "red": results["band"].isin(["red", "yellow_red"]).astype(int),
            "person_days": results["person_days"].fillna(0.0).astype(float),
        }
    )
    table = frame.groupby("agency", sort=True).sum().reset_index()
    table = table.sort_values(["n_apps", "agency"], ascending=[False, True], kind="stable")
    if len(table) <= TOP_AGENCIES + 1:
        return table.reset_index(drop=True)
    top, rest = table.iloc[:TOP_AGENCIES], table.iloc[TOP_AGENCIES:]
    others = rest.drop(columns="agency").sum().to_frame().T.assign(agency=None)
    return pd.concat([top, others[top.columns]], ignore_index=True)


def _wave_table(assessment_waves: pd.DataFrame, results: pd.DataFrame, agency: str | None) -> pd.DataFrame:
    columns = ["wave", "pilot", "oversize", "start_month", "end_month", "n_apps", "person_days"]
    waves = assessment_waves.reindex(columns=columns)
    if agency is None or waves.empty:
        return waves.reset_index(drop=True)
    planned = results.loc[results["wave"].notna()]
    mine = planned.groupby(planned["wave"].astype(int)).agg(
        n_apps=("app_id", "size"), person_days=("person_days", "sum")
    )
    waves = waves.drop(columns=["n_apps", "person_days"]).join(
        mine, on=waves["wave"].astype(int), how="inner"
    )
    return waves[columns].reset_index(drop=True)


def _finding_table(findings: tuple, app_ids: set[str] | None) -> pd.DataFrame:
    frame = pd.DataFrame(
        [(f.code, f.severity, f.value) for f in findings], columns=["code", "severity", "value"], dtype=object
    )
    if app_ids is not None:
        frame = frame.loc[frame["value"].isin(app_ids)]
    ranked = (
        frame.groupby(["code", "severity"], sort=False)
        .size()
        .rename("n")
        .reset_index()
        .assign(order=lambda t: t["severity"].map({"error": 0, "warning": 1, "info": 2}))
        .sort_values(["order", "n", "code"], ascending=[True, False, True], kind="stable")
    )
    return ranked.drop(columns="order").reset_index(drop=True)


def brief_figures(assessment, agency: str | None = None) -> BriefFigures:
    """The figures of the portfolio brief, or of `agency`'s brief."""
    results = assessment.results
    if agency is not None:
        owners = results["owner_agency"].fillna("").astype(str).str.strip()
        if not owners.eq(agency).any():
            known = sorted(set(owners) - {""})
            raise OptionsError(
                f"No application of agency {agency!r} in this inventory; agencies: "
                + "; ".join(known[:10])
                + ("; …" if len(known) > 10 else "")
            )
        results = results.loc[owners.eq(agency)]
    n = len(results)
    cloud = int(_cloud(results).sum())
    severity = pd.Series([f.severity for f in assessment.findings], dtype=object)
    app_ids = set(results["app_id"].astype(str)) if agency is not None else None
    return BriefFigures(
        agency=agency,
        applications=n,
        rejected=int(assessment.inventory.rejected) if agency is None else 0,
        cloud=cloud,
        share=cloud / n if n else 0.0,
        target=CLOUD_TARGET,
        quick_wins=int(results["quick_win"].fillna(False).astype(bool).sum()),
        person_days=float(results.loc[results["wave"].notna(), "person_days"].fillna(0.0).sum()),
        low_confidence=int(results["confidence"].lt(0.6).sum()),
        bands=_counts(results["band"], BANDS),
        deployment=_counts(results["deployment"], DEPLOYMENTS),
        strategy=_counts(results["strategy"], STRATEGIES),
        waves=_wave_table(assessment.plan.waves, results, agency),
        agencies=_agency_table(results) if agency is None else pd.DataFrame(),
        findings=_finding_table(assessment.findings, app_ids).head(TOP_FINDINGS),
        errors=int(severity.eq("error").sum()) if agency is None else 0,
    )


def agencies(assessment) -> list[str]:
    """The agencies that own at least one assessed application, sorted."""
    owners = assessment.results["owner_agency"].dropna().astype(str).str.strip()
    return sorted(set(owners) - {""})
