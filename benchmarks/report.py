"""Results of a benchmark run as a console table and as `docs/performance.md`.

The targets of issue 7 live here, next to the verdicts they produce, so the
document always says against what each number was judged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.metadata
import os
import platform
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

LARGE = 50_000

# Stage key → the row label shown in the table (the order is the order of the run).
STAGE_LABELS: dict[str, str] = {
    "read_raw": "read: file → raw sheets (read_workbook)",
    "validate": "validate: raw sheets → Inventory (map, coerce, check)",
    "load": "read + validate (load_inventory from the file)",
    "score": "score",
    "robustness": "robustness: margins, flips, sensitivity (assess_robustness)",
    "graph": "graph / move groups",
    "plan": "plan waves",
    "cost": "costs and budget (a what-if price change)",
    "gated_plan": "plan waves under agency readiness gates",
    "write_workbook": "write roadmap workbook",
    "write_json": "write JSON",
    "e2e": "end to end (xlsx in → roadmap out)",
    "rescore": "rescore after a weight change",
    "replan": "re-plan after a planner change",
    "floor_read": "I/O floor: read both sheets (pandas + calamine)",
    "floor_write": "I/O floor: write Applications table (sheetxml, column-wise)",
    "floor_write_xlsxwriter": "reference: write Applications table (XlsxWriter)",
}
FLOOR_WRITERS = ("floor_write", "floor_write_xlsxwriter")
PROFILE_TOP = 15  # functions listed in the profile of a stage whose target is not met


@dataclasses.dataclass
class Measurement:
    """Median seconds of `runs` timed runs, or why the stage did not run."""

    seconds: float | None = None
    runs: int = 0
    error: str = ""
    cpu: float | None = None  # median CPU seconds of this process (all threads) over the same runs


@dataclasses.dataclass
class SizeResult:
    """Everything measured at one size: stage medians, peak memory, facts about the input."""

    n_apps: int
    stages: dict[str, Measurement]
    memory: dict[str, float]
    facts: dict[str, Any]
    profiles: dict[str, str] = dataclasses.field(default_factory=dict)
    load: tuple[float, float] | None = None  # 1-minute load average when the size started and ended

    @property
    def floor(self) -> float | None:
        """Fastest read + fastest write: the lower of the two writers' medians, so the floor is never loose."""
        writes = [self.stages[k].seconds for k in FLOOR_WRITERS if self.stages[k].seconds is not None]
        read = self.stages["floor_read"].seconds
        return None if read is None or not writes else read + min(writes)

    @property
    def xlsxwriter_floor(self) -> float | None:
        read, write = self.stages["floor_read"].seconds, self.stages["floor_write_xlsxwriter"].seconds
        return None if read is None or write is None else read + write

    @property
    def ratio(self) -> float | None:
        e2e, floor = self.stages["e2e"].seconds, self.floor
        return None if e2e is None or not floor else e2e / floor

    @property
    def xlsxwriter_ratio(self) -> float | None:
        e2e, floor = self.stages["e2e"].seconds, self.xlsxwriter_floor
        return None if e2e is None or not floor else e2e / floor


def stage_cell(m: Measurement) -> str:
    if m.seconds is None:
        return m.error
    return f"{m.seconds:.3f} s" + (f" (n={m.runs})" if m.runs > 1 else "")


def memory_cell(memory: dict[str, Any]) -> str:
    if "peak_mb" not in memory:
        return f"failed: {memory.get('error', '')}"
    own = f"; this process alone {memory['process_peak_mb']:.0f} MB" if "process_peak_mb" in memory else ""
    return f"{memory['peak_mb']:.0f} MB (baseline {memory['baseline_mb']:.0f} MB{own}, {memory['seconds']:.2f} s)"


def table_rows(results: Sequence[SizeResult]) -> tuple[list[str], list[list[str]]]:
    """The results as a header and rows of text: one row per stage, one column per size."""
    header = ["stage"] + [f"{r.n_apps:,} apps" for r in results]
    rows = [[label] + [stage_cell(r.stages[key]) for r in results] for key, label in STAGE_LABELS.items()]
    rows.append(
        ["I/O floor (read + fastest write)"] + [f"{r.floor:.3f} s" if r.floor else "n/a" for r in results]
    )
    rows.append(["end to end / I/O floor"] + [f"{r.ratio:.2f}×" if r.ratio else "n/a" for r in results])
    rows.append(
        ["reference: end to end / (read + XlsxWriter write)"]
        + [f"{r.xlsxwriter_ratio:.2f}×" if r.xlsxwriter_ratio else "n/a" for r in results]
    )
    rows.append(["peak memory, end to end (fresh process)"] + [memory_cell(r.memory) for r in results])
    rows.append(
        ["end to end, CPU time of the process (all threads)"]
        + [f"{r.stages['e2e'].cpu:.3f} s" if r.stages["e2e"].cpu is not None else "n/a" for r in results]
    )
    return header, rows


def load_line(results: Sequence[SizeResult]) -> str:
    """The machine's 1-minute load average at the start and end of each size: how far to trust wall times."""
    parts = [f"{r.n_apps:,}: {r.load[0]:.1f} → {r.load[1]:.1f}" for r in results if r.load is not None]
    return (
        f"- Load average (1 minute, {os.cpu_count()} cores) at the start and end of each size: "
        + "; ".join(parts)
        + ". Above the core count other work shared the CPUs and wall times are inflated; the CPU time"
        " row of the end to end is less affected."
        if parts
        else "- Load average: not recorded."
    )


def format_table(results: Sequence[SizeResult]) -> str:
    header, rows = table_rows(results)
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)) for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


@dataclasses.dataclass(frozen=True)
class Target:
    text: str
    n_apps: int
    limit: float
    value: Callable[[SizeResult], float | None]
    unit: str
    stage: str  # the stage profiled when the target is not met

    def met(self, result: SizeResult) -> bool | None:
        value = self.value(result)
        return None if value is None else value <= self.limit


TARGETS: tuple[Target, ...] = (
    Target("End to end, 10,000 applications", 10_000, 5.0, lambda r: r.stages["e2e"].seconds, "s", "e2e"),
    Target("End to end / I/O floor, 10,000 applications", 10_000, 1.5, lambda r: r.ratio, "×", "e2e"),
    Target("End to end, 100,000 applications", 100_000, 60.0, lambda r: r.stages["e2e"].seconds, "s", "e2e"),
    Target(
        "Peak memory, 100,000 applications", 100_000, 2048.0, lambda r: r.memory.get("peak_mb"), "MB", "e2e"
    ),
    Target(
        "Rescore 10,000 applications after a weight change",
        10_000,
        0.1,
        lambda r: r.stages["rescore"].seconds,
        "s",
        "rescore",
    ),
    Target(
        "Re-plan 10,000 applications / ~30,000 dependencies",
        10_000,
        0.5,
        lambda r: r.stages["replan"].seconds,
        "s",
        "replan",
    ),
    Target(
        "Re-cost 10,000 applications and the budget after a price change",
        10_000,
        0.5,
        lambda r: r.stages["cost"].seconds,
        "s",
        "cost",
    ),
    Target(
        "Re-plan 100,000 applications / ~300,000 dependencies",
        100_000,
        5.0,
        lambda r: r.stages["replan"].seconds,
        "s",
        "replan",
    ),
)


def stages_to_profile(result: SizeResult) -> list[str]:
    """The stages behind the targets this result does not meet, each once, in target order."""
    keys = [t.stage for t in TARGETS if t.n_apps == result.n_apps and t.met(result) is False]
    return list(dict.fromkeys(keys))


def target_rows(results: Sequence[SizeResult]) -> list[list[str]]:
    by_size = {r.n_apps: r for r in results}
    rows = []
    for t in TARGETS:
        result = by_size.get(t.n_apps)
        value = t.value(result) if result else None
        measured = (
            "not measured"
            if value is None
            else f"{value:.3f} {t.unit}"
            if t.unit != "MB"
            else f"{value:.0f} MB"
        )
        met = t.met(result) if result else None
        verdict = "not measured" if met is None else "met" if met else "**not met**"
        limit = f"≤ {t.limit:g} {t.unit}"
        rows.append([t.text, limit, measured, verdict])
    return rows


def machine() -> dict[str, str]:
    import numpy
    import xlsxwriter

    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        cpu = next(
            (
                line.split(":", 1)[1].strip()
                for line in cpuinfo.read_text().splitlines()
                if line.startswith("model name")
            ),
            "",
        )
    return {
        "cores": str(os.cpu_count()),
        "cpu": cpu or platform.processor() or "unknown",
        "python": platform.python_version(),
        "pandas": pd.__version__,
        "numpy": numpy.__version__,
        "xlsxwriter": xlsxwriter.__version__,
        "python-calamine": importlib.metadata.version("python-calamine"),
        "pyarrow": importlib.metadata.version("pyarrow"),
        "platform": platform.platform(),
    }


def _fact(key: str, value: Any) -> str:
    if isinstance(value, dict):
        return f"{key}: " + (" / ".join(f"{n:,} {k}" for k, n in value.items()) or "none")
    if isinstance(value, float):
        return f"{key}: {value:.1f}"
    return f"{key}: {value:,}" if isinstance(value, int) else f"{key}: {value}"


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def markdown(results: Sequence[SizeResult], command: str, repeat: int) -> str:
    info = machine()
    header, rows = table_rows(results)
    lines = [
        "# Performance",
        "",
        "Written by `benchmarks/run.py`; run it again (`make bench`) after any change to the pipeline",
        "and commit the new file. Absolute times on a shared machine are noisy: compare ratios.",
        "",
        f"- Command: `{command}`",
        f"- Date: {dt.date.today().isoformat()}",
        load_line(results),
        f"- Machine: {info['cores']} cores, {info['cpu']}; {info['platform']}",
        f"- Python {info['python']}, pandas {info['pandas']}, numpy {info['numpy']}, "
        f"XlsxWriter {info['xlsxwriter']}, python-calamine {info['python-calamine']}, pyarrow {info['pyarrow']}",
        "",
        "## Targets",
        "",
        *_md_table(["target", "limit", "measured", "verdict"], target_rows(results)),
        "",
        "## Results (median wall time)",
        "",
        *_md_table(header, rows),
        "",
        "## Inputs",
        "",
    ]
    for r in results:
        facts = ", ".join(_fact(k, v) for k, v in r.facts.items())
        lines.append(f"- {r.n_apps:,} applications: {facts}")
    profiled = [(r, key) for r in results for key in r.profiles]
    if profiled:
        lines += ["", "## Profiles of the stages behind targets not met", ""]
        lines += [
            "One extra run of the stage under cProfile (profiling slows it down; the shares are what",
            f"count). Top {PROFILE_TOP} functions by own time (tottime), then by cumulative time.",
        ]
        for r, key in profiled:
            lines += [
                "",
                f"### {STAGE_LABELS[key]}, {r.n_apps:,} applications",
                "",
                "```",
                r.profiles[key],
                "```",
            ]
    lines += [
        "",
        "## Method",
        "",
        "- Inputs come from `benchmarks/generate.py` (seed 0): Vietnamese headers and spellings, a few",
        "  blank and messy cells, about three dependencies per application with platform hubs,",
        "  dependency cycles and tightly coupled clusters. They are cached under `benchmarks/out/`.",
        f"- Each stage runs once untimed (imports, inputs), then {repeat} timed runs per size",
        f"  (sizes of {LARGE:,} and more: `--repeat-large`, default 1); the median is shown. Each stage gets",
        "  its inputs ready-made, so the stage rows do not add up to the end to end.",
        "- End to end = `load_inventory` + `load_model` + `assess` (score, graph, plan) + `write_roadmap`.",
        "  Files are read with the default `cloudfit.inventory.Limits()`, as an analyst's upload is.",
        "- I/O floor = `pd.read_excel(engine='calamine')` of both sheets of the same input file +",
        "  the faster of two plain writers of the assessment's Applications table (`Assessment.results`:",
        "  inventory fields and scores; header + values, no widths, filters or fills):",
        "  `benchmarks.fastxlsx.write_table_streamed`, the roadmap's own column-wise XML writer",
        "  (`cloudfit/roadmap/sheetxml.py` through `Book.cell_column` / `Book.stream` / `Book.package`),",
        "  and, as a reference line, XlsxWriter in constant_memory mode, one call per cell. The ratio",
        "  is against the faster one; the reference ratio shows it against XlsxWriter.",
        "- The Roadmap (Gantt) sheet has one column per month for plans up to 120 months; past that,",
        "  one column per 3, 6, 12, 24, 60 or 120 months (the smallest step that fits in 120 columns),",
        "  so a national plan of hundreds of waves stays a sheet of at most 120 period columns, far",
        "  inside Excel's 16,384 (`cloudfit/roadmap/gantt.py`, `period_months`).",
        "- Peak memory = the larger of the high-water resident set size (`VmHWM` in `/proc/self/status`)",
        "  of a fresh Python process that runs the end to end once and the largest memory of that",
        "  process together with its descendants (the sandbox's fork server and the children that",
        "  compute the robustness analysis, the data worth collecting and the deadline search alongside",
        "  the writer: proportional set sizes, so pages they share count once), sampled every 50 ms;",
        "  'baseline' is the same process after its imports, before the run. (`ru_maxrss` is not",
        "  used: Linux carries it across fork + exec, so a child of the big benchmark process would",
        "  report the parent's size.)",
        "- Rescore = `score()` with the heaviest criterion weight doubled and the lightest set to 0.",
        "  Re-plan = `plan_waves()` on the same scores with `wave_max_apps + 5` and `pilot_size - 2`.",
        "",
    ]
    return "\n".join(lines)


NOTES = "<!-- notes: written by hand, kept when the benchmark rewrites this file -->"


def kept_notes(path: Path) -> str:
    """The hand-written part of an earlier report (from the NOTES marker on), kept under the new numbers."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    return "\n" + text[text.index(NOTES) :] if NOTES in text else ""
