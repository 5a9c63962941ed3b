"""The JSON result, and the figures every export shares.

Everything here reads an `Assessment` and recomputes nothing: the summary
figures, the dependency table with its wave flags and the JSON document are
defined once, so the workbook, the CLI and the UI cannot disagree.
Schema: `docs/json-result.md`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import numpy as np
import orjson
import pandas as pd

from cloudfit.errors import CloudfitError
from cloudfit.fields import FIELDS
from cloudfit.findings import SEVERITIES
from cloudfit.gcpause import without_gc
from cloudfit.inventory.frame import SOURCE_COLUMNS
from cloudfit.plain import plain, records
from cloudfit.scoring.engine import TABLE_COLUMNS
from cloudfit.time_quadrant import QUADRANTS
from cloudfit.vocabulary import BANDS, DEPLOYMENTS, EFFORT_SIZES, STRATEGIES

if TYPE_CHECKING:
    from cloudfit.assessment import Assessment

SCHEMA_VERSION = 1
# Decision 1121/QĐ-TTg: at least 70% of existing systems moved to a cloud.
CLOUD_TARGET = 0.70
CLOUD_DEPLOYMENTS = ("public", "hybrid", "private")
APPLICATIONS_PER_PART = 2_000  # applications serialised at a time by `json_bytes`

FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)
SCORE_COLUMNS: tuple[str, ...] = TABLE_COLUMNS[1:]
PLAN_COLUMNS: tuple[str, ...] = ("move_group", "wave", "plan_status")
DEPENDENCY_TABLE_COLUMNS: tuple[str, ...] = (
    "app_id", "depends_on", "coupling", "notes", "app_wave", "depends_on_wave", "cross_wave", "hybrid",
    "hybrid_note",
)  # fmt: skip


def extra_columns(applications: pd.DataFrame) -> list[str]:
    """The analyst's own columns: neither a canonical field nor a source column."""
    known = set(FIELD_NAMES) | set(SOURCE_COLUMNS)
    return [str(c) for c in applications.columns if c not in known]


def _counts(series: pd.Series, codes: tuple[str, ...]) -> dict[str, int]:
    counts = series.value_counts().reindex(list(codes), fill_value=0)
    return {code: int(n) for code, n in counts.items()}


def total_months(waves: pd.DataFrame) -> int:
    """Months from the first wave's start to the last wave's end (0 without waves)."""
    if waves.empty:
        return 0
    return int(waves["end_month"].max() - waves["start_month"].min() + 1)


def on_a_cloud(results: pd.DataFrame) -> pd.Series:
    """Applications planned to move to a cloud, or retained on the cloud they already run on."""
    return results["plan_status"].isin(["planned", "stay"]) & results["deployment"].isin(CLOUD_DEPLOYMENTS)


def summary(assessment: Assessment) -> dict[str, Any]:
    """The headline figures shown by the CLI, the Summary sheet and the JSON result."""
    results = assessment.results
    n = len(results)
    cloud = on_a_cloud(results)
    eligible = int(cloud.sum())
    share = eligible / n if n else 0.0
    waves = assessment.plan.waves
    severities = pd.Series([f.severity for f in assessment.findings], dtype=object)
    return {
        "applications": n,
        "rows_read": int(assessment.inventory.rows_read),
        "rejected": int(assessment.inventory.rejected),
        "bands": _counts(results["band"], BANDS),
        "deployment": _counts(results["deployment"], DEPLOYMENTS),
        "strategy": _counts(results["strategy"], STRATEGIES),
        "effort_size": _counts(results["effort_size"], EFFORT_SIZES),
        "quick_wins": int(results["quick_win"].fillna(False).astype(bool).sum()),
        "cloud_eligible": eligible,
        "cloud_eligible_share": round(share, 4),
        "cloud_target": CLOUD_TARGET,
        "cloud_target_met": bool(share >= CLOUD_TARGET),
        "person_days": round(float(waves["person_days"].sum()), 2) if not waves.empty else 0.0,
        "person_days_all": round(float(results["person_days"].sum()), 1),
        "person_days_by_agency": person_days_by(results, "owner_agency"),
        "waves": len(waves),
        "months": total_months(waves),
        "findings": _counts(severities, SEVERITIES),
        "time_quadrants": _counts(results["time_quadrant"], QUADRANTS),
        "fragile": int(assessment.robustness.table["fragile"].sum()),
        "sensitivity": assessment.robustness.sensitivity,
        **plan_dates(assessment.plan),
    }


def plan_dates(plan) -> dict[str, Any]:
    """The plan's start and end dates and its deadline verdict (`summary.deadline`)."""
    ends = [*plan.waves.get("end_date", []), *plan.foundations.get("end_date", [])]
    return {
        "start_date": plan.start.isoformat() if plan.start else None,
        "end_date": max(ends) if ends else None,
        "deadline": plan.deadline.to_dict() if plan.deadline else None,
    }


def dependency_table(assessment: Assessment) -> pd.DataFrame:
    """Every dependency with the waves of both ends and the cross-wave and hybrid flags.

    The three link tables are joined on one integer per (app_id, depends_on)
    pair, numbered in text order, so 300,000 links join and sort in a blink
    instead of through two-column text merges.
    """
    keys = ["app_id", "depends_on"]
    deps = assessment.inventory.dependencies.reindex(columns=[*keys, "coupling", "notes"])
    links = assessment.plan.links.reindex(
        columns=[*keys, "coupling", "app_wave", "depends_on_wave", "cross_wave", "hybrid"]
    )
    hybrid = assessment.plan.hybrid_links.reindex(columns=[*keys, "note"]).rename(
        columns={"note": "hybrid_note"}
    )
    frames = (deps, links, hybrid)
    ends = pd.concat([frame[key].astype(object) for frame in frames for key in keys], ignore_index=True)
    codes, names = pd.factorize(ends, sort=True, use_na_sentinel=False)
    base = max(len(names), 1)
    keyed = []
    start = 0
    for frame in frames:
        n = len(frame)
        pair = codes[start : start + n].astype(np.int64) * base + codes[start + n : start + 2 * n]
        start += 2 * n
        part = frame.drop(columns=keys).set_axis(pd.Index(pair, dtype=np.int64), axis=0)
        keyed.append(part[~part.index.duplicated()])
    table = keyed[0].join(keyed[1], how="outer", rsuffix="_plan")
    table["coupling"] = table["coupling"].where(table["coupling"].notna(), table["coupling_plan"])
    table = table.join(keyed[2], how="left").sort_index()
    pair = table.index.to_numpy()
    names = np.asarray(names, dtype=object)
    table = table.reset_index(drop=True)
    table["app_id"] = names[pair // base]
    table["depends_on"] = names[pair % base]
    for flag in ("cross_wave", "hybrid"):
        table[flag] = table[flag].astype("boolean").fillna(False).astype(bool)
    for wave in ("app_wave", "depends_on_wave"):
        table[wave] = table[wave].astype("Int64")
    for text in ("notes", "hybrid_note"):
        table[text] = table[text].astype(object).where(table[text].notna(), None)
    return table[list(DEPENDENCY_TABLE_COLUMNS)]


def _applications(assessment: Assessment, start: int = 0, stop: int | None = None) -> list[dict[str, Any]]:
    """The `applications` array, or its part from row position `start` to `stop`."""
    results = assessment.results.iloc[start:stop].reset_index(drop=True)
    extras = extra_columns(assessment.inventory.applications)
    head = ["app_id", "name", "owner_agency", *SCORE_COLUMNS, *PLAN_COLUMNS]
    core = records(results, head)
    inputs = records(results, [f for f in FIELD_NAMES if f not in ("app_id", "name", "owner_agency")])
    extra = records(results, extras) if extras else [{} for _ in core]
    why = assessment.scores.explanations(range(start, start + len(results)))
    robust = assessment.robustness
    costs = assessment.costs
    stop = start + len(results)
    decisions = assessment.decisions
    overrides = decisions.by_app() if decisions is not None else {}
    review = decisions.review if decisions is not None else {}
    rows = zip(
        core,
        inputs,
        extra,
        why,
        results["time_quadrant"].tolist(),
        results["business_value_score"].tolist(),
        robust.table["fragile"].iloc[start:stop].tolist(),
        robust.flip_lists(start, stop),
        robust.margin_dicts(start, stop),
        costs.records(start, stop),
        costs.drivers(start, stop),
        effort_driver_records(assessment, start, stop),
    )
    for (
        row,
        given,
        more,
        explanation,
        quadrant,
        value,
        fragile,
        flips,
        margins,
        cost,
        drivers,
        effort,
    ) in rows:
        row["effort_drivers"] = effort
        row["time_quadrant"], row["business_value_score"] = quadrant, value
        row["fragile"], row["flips"], row["margins"] = fragile, flips, margins
        row["inputs"] = given
        row["extra"] = more
        row["cost"] = cost
        explanation["cost"] = drivers
        row["explanation"] = explanation
        row["override"] = plain(overrides.get(row["app_id"]))
        row["review_status"] = review.get(row["app_id"], "not_reviewed")
    return core


def effort_driver_records(assessment: Assessment, start: int = 0, stop: int | None = None) -> list[dict]:
    """Per application, person-days by driver (the strategy's base first); each adds up to person_days."""
    frame = assessment.scores.effort_drivers.iloc[start:stop]
    names = [str(c) for c in frame.columns]
    return [dict(zip(names, row)) for row in frame.to_numpy(dtype=float).tolist()]


def person_days_by(results: pd.DataFrame, key: str) -> dict[str, float]:
    """Person-days summed per value of `key` (e.g. owner_agency), for a budget line per agency."""
    if key not in results.columns or results.empty:
        return {}
    sums = results.groupby(results[key].fillna(""), sort=True)["person_days"].sum()
    return {str(k): round(float(v), 1) for k, v in sums.items()}


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cycle collector while building millions of small acyclic dicts and lists.

    Its full passes over them find nothing and cost a quarter of `to_json`
    on 10,000 applications; the previous state comes back afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def to_json(assessment: Assessment) -> dict[str, Any]:
    """The whole result as a JSON-ready dict with a stable key order (see docs/json-result.md)."""
    with _collector_paused():
        return _document(assessment, _applications(assessment))


def _document(assessment: Assessment, applications: list[dict[str, Any]]) -> dict[str, Any]:
    model = assessment.model
    inventory = assessment.inventory
    plan = assessment.plan
    return {
        "schema_version": SCHEMA_VERSION,
        "model": {
            "name": model.name,
            "file": model.file_name or None,
            "sha256": model.checksum or None,
            "version": plain(model.version),
            "title": getattr(model, "title", None),
            "title_vi": getattr(model, "title_vi", None) or None,
            "description": getattr(model, "description", None) or None,
            "description_vi": getattr(model, "description_vi", None) or None,
        },
        "options": plain(assessment.options.to_dict()),
        "inventory": {
            "source": inventory.source or None,
            "rows_read": int(inventory.rows_read),
            "accepted": int(inventory.accepted),
            "rejected": int(inventory.rejected),
            "extra_columns": extra_columns(inventory.applications),
            "format": plain(dict(inventory.format)) or None,
            "servers": plain(dict(inventory.server_summary)) or None,
            "external_systems": records(inventory.external_links)
            if inventory.external_links is not None
            else [],
        },
        "summary": {**summary(assessment), "budget": records(assessment.costs.budget)},
        "applications": applications,
        "waves": records(plan.waves),
        "foundations": records(plan.foundations),
        "move_groups": records(plan.move_groups),
        "dependencies": records(dependency_table(assessment)),
        "hybrid_links": records(plan.hybrid_links),
        "decommission": records(plan.decommission),
        "hubs": records(plan.hubs),
        "findings": [plain(f.to_dict()) for f in assessment.findings],
        "cost_model": _cost_model(assessment),
        "readiness": _readiness(assessment),
        "collect": collect_json(assessment),
    }


def collect_json(assessment: Assessment) -> dict[str, Any]:
    """What data is worth collecting: field → applications whose result it could change, and per field detail."""
    advice = assessment.collect
    return {
        "fields": advice.counts(),
        "detail": records(advice.fields),
    }


def _cost_model(assessment: Assessment) -> dict[str, Any]:
    model = assessment.costs.model
    return {
        "name": model.name,
        "version": model.version,
        "title": model.title,
        "title_vi": model.title_vi or None,
        "prices_dated": model.prices_dated,
    }


def _readiness(assessment: Assessment) -> dict[str, Any] | None:
    """The agencies' readiness the plan was gated by (docs/json-result.md), or None."""
    result = getattr(assessment, "readiness", None)
    if result is None:
        return None
    from cloudfit.readiness.report import readiness_json

    return plain(readiness_json(result))


def _json_parts(assessment: Assessment) -> Iterator[bytes | memoryview]:
    """`to_json` serialised piece by piece: the applications `APPLICATIONS_PER_PART` at a time.

    Only one part's Python objects are alive at a time, so 100,000
    applications (~1 GB of JSON) need no multi-gigabyte document in memory;
    the pieces join into exactly the bytes of the whole document.
    orjson, because the standard library's encoder took longer than building
    the document (1.6 s against 0.3 s for the ~100 MB of 10,000 applications).
    """
    with _collector_paused():
        document = _document(assessment, [])
    yield b"{"
    for i, (key, value) in enumerate(document.items()):
        yield (b"," if i else b"") + orjson.dumps(key) + b":"
        if key != "applications":
            yield orjson.dumps(value)
            continue
        yield b"["
        for start in range(0, len(assessment.results), APPLICATIONS_PER_PART):
            with _collector_paused():  # the part is built, serialised and freed before it resumes
                part = orjson.dumps(_applications(assessment, start, start + APPLICATIONS_PER_PART))
            if start:
                yield b","
            yield memoryview(part)[1:-1]  # without its brackets, not copied
        yield b"]"
    yield b"}\n"


def json_bytes(assessment: Assessment) -> bytes:
    """The JSON result as compact UTF-8 bytes (for downloads); byte-identical for equal results.

    Compact (`jq .` shows it indented), and the same bytes as
    `json.dumps(to_json(assessment), ensure_ascii=False, separators=(",", ":"))`
    except that orjson writes tiny numbers without an exponent (`0.00001`).
    """
    return b"".join(_json_parts(assessment))


@without_gc
def write_json(assessment: Assessment, target: str | Path | BinaryIO) -> None:
    """Write the JSON result to a path or a binary file object, part by part.

    A path gets the file only once it is complete (written beside it, then renamed).
    """
    if not isinstance(target, (str, Path)):
        target.writelines(_json_parts(assessment))
        return
    path = Path(target)
    partial = path.with_name(path.name + ".part")
    try:
        with partial.open("wb") as file:
            file.writelines(_json_parts(assessment))
        partial.replace(path)
    except OSError as error:
        raise CloudfitError(
            f"Cannot write the JSON result to {target}: {error.strerror or error}. "
            "Check that the folder exists and is writable."
        ) from error
    finally:
        partial.unlink(missing_ok=True)
