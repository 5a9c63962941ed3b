"""Time every pipeline stage at national scale, against the I/O floor of the same run.

    python -m benchmarks.run --sizes 1000 10000 100000 [--repeat N] [--out docs/performance.md]

For each size the synthetic inventory is generated once (cached under
`benchmarks/out/`), then each stage is timed on its own (median of several
runs, inputs prepared untimed), end to end (xlsx in → roadmap workbook out),
and the **I/O floor**: the fastest reader alone on the same file (pandas +
calamine, both sheets) plus the fastest plain writer alone on the
Applications table (the roadmap's column-wise `sheetxml` writer; XlsxWriter
constant_memory is timed as a reference line). End-to-end / floor is the
number that survives a noisy shared machine. Peak memory is the high-water
resident set size (`VmHWM`) of a fresh process that runs the end-to-end
once. Each stage behind a target that is not met is run once more under
cProfile and its top functions go into the report. `--smoke` is the 1,000-application run the test suite makes so this
script cannot rot. No timing is ever asserted; targets are reported.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import dataclasses
import datetime as dt
import gc
import io
import json
import os
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from benchmarks.app_uploads import rss, tree_total
from benchmarks.fastxlsx import write_table_streamed, write_tables_xlsx
from benchmarks.generate import GENERATOR_VERSION, generate_inventory, write_inventory_xlsx
from benchmarks.report import (
    LARGE,
    PROFILE_TOP,
    STAGE_LABELS,
    Measurement,
    SizeResult,
    format_table,
    kept_notes,
    markdown,
    memory_cell,
    stage_cell,
    stages_to_profile,
    target_rows,
)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CACHE = ROOT / "benchmarks" / "out"
AS_OF = dt.date(2026, 1, 1)
MB = 1024 * 1024


class StageUnavailable(Exception):
    """A pipeline function the stage needs is not there (yet)."""


def _function(module: str, *names: str) -> Callable[..., Any]:
    """The first of `names` that `module` defines, or StageUnavailable naming what is missing."""
    try:
        mod = __import__(module, fromlist=["_"])
    except ImportError as error:
        raise StageUnavailable(f"cannot import {module} ({error})") from error
    for name in names:
        if callable(getattr(mod, name, None)):
            return getattr(mod, name)
    raise StageUnavailable(f"{module} has no {' / '.join(names)}")


class Context:
    """One size: the input file and every intermediate product, each made once and untimed."""

    INPUTS = ("raw", "model", "inventory", "scores", "plan", "assessment", "changed_weights", "changed_plan")

    def __init__(self, n_apps: int, path: Path, work: Path, model_name: str) -> None:
        self.n_apps = n_apps
        self.path = path
        self.work = work
        self.model_name = model_name

    @cached_property
    def model(self) -> Any:
        return _function("cloudfit.scoring_model", "load_model")(self.model_name)

    def prepare(self) -> None:
        """Make every stage's inputs (and import its modules) now, untimed.

        A failure here is not raised: the stage that needs the input reports it.
        """
        steps = [lambda name=name: getattr(self, name) for name in self.INPUTS]
        steps += [
            lambda: _function("cloudfit.roadmap", "write_roadmap"),
            lambda: _function("cloudfit.export", "write_json"),
        ]
        for step in steps:
            with contextlib.suppress(Exception):
                step()

    @cached_property
    def raw(self) -> Any:
        return _function("cloudfit.inventory", "read_workbook")(self.path)

    @cached_property
    def inventory(self) -> Any:
        return _function("cloudfit.inventory", "load_inventory")(self.path)

    @cached_property
    def scores(self) -> Any:
        return _function("cloudfit.scoring", "score")(self.inventory.applications, self.model, as_of=AS_OF)

    @cached_property
    def options(self) -> Any:
        from cloudfit.options import AssessOptions

        return AssessOptions(as_of=AS_OF)

    @cached_property
    def plan(self) -> Any:
        return _plan_with(self, self.options.plan)

    @cached_property
    def assessment(self) -> Any:
        from cloudfit.assessment import Assessment

        return Assessment(self.inventory, self.model, self.options, self.scores, self.plan)

    @cached_property
    def changed_weights(self) -> dict[str, float]:
        """The what-if: the heaviest criterion doubled, the lightest set to zero."""
        weights = dict(self.model.criterion_weights())
        ordered = sorted(weights, key=lambda k: (weights[k], k))
        weights[ordered[-1]] *= 2
        weights[ordered[0]] = 0.0
        return weights

    @cached_property
    def changed_plan(self) -> Any:
        """A planner slider moved: bigger waves and a smaller pilot."""
        plan = self.options.plan
        return dataclasses.replace(
            plan, wave_max_apps=plan.wave_max_apps + 5, pilot_size=max(plan.pilot_size - 2, 0)
        )


# --- stages -------------------------------------------------------------------


def _read_raw(ctx: Context) -> Any:
    return _function("cloudfit.inventory", "read_workbook")(ctx.path)


def _validate(ctx: Context) -> Any:
    return _function("cloudfit.inventory", "load_inventory")(ctx.raw)


def _load(ctx: Context) -> Any:
    return _function("cloudfit.inventory", "load_inventory")(ctx.path)


def _score(ctx: Context) -> Any:
    inventory = ctx.inventory
    return _function("cloudfit.scoring", "score")(
        inventory.applications, ctx.model, as_of=AS_OF, dependencies=inventory.dependencies
    )


def _robustness(ctx: Context) -> Any:
    """Margins, flips and the sensitivity table of every decision (what `Assessment.robustness` holds)."""
    assess_robustness = _function("cloudfit.robustness", "assess_robustness")
    inventory = ctx.inventory
    return assess_robustness(
        inventory.applications, ctx.model, ctx.scores, None, AS_OF, dependencies=inventory.dependencies
    )


def _graph(ctx: Context) -> Any:
    """The dependency graph, the move groups of the moving applications and the hubs."""
    build_graph = _function("cloudfit.dependencies", "build_graph")
    move_units = _function("cloudfit.dependencies", "move_units")
    from cloudfit.waves import MOVING_STRATEGIES

    table = ctx.scores.table
    moving = table["strategy"].isin(MOVING_STRATEGIES) & (table["deployment"] != "on_premises")
    graph = build_graph(table["app_id"], ctx.inventory.dependencies)
    return move_units(graph, moving.to_numpy()), graph.hubs()


def _plan_with(ctx: Context, options: Any) -> Any:
    """`plan_waves` as `assess` calls it: with the agencies, the model's programme and the as-of date."""
    return _function("cloudfit.waves", "plan_waves")(
        ctx.scores.table,
        ctx.inventory.dependencies,
        options,
        applications=ctx.inventory.applications,
        programme=ctx.model.programme,
        as_of=AS_OF,
    )


def _plan(ctx: Context) -> Any:
    return _plan_with(ctx, ctx.options.plan)


def _cost(ctx: Context) -> Any:
    """Per-application costs and the budget, as a what-if price change recomputes them."""
    load_cost_model = _function("cloudfit.cost", "load_cost_model")
    return _function("cloudfit.cost", "estimate_costs")(ctx.assessment, load_cost_model("default"))


def _gated_plan(ctx: Context) -> Any:
    """The wave plan under readiness gates: a quarter of the agencies each without approved security-level
    dossiers, without a procurement route, with a Red skills theme, or ready (the planner runs two or more times)."""
    q = _function("cloudfit.readiness", "load_questionnaire")()
    rate, given = _function("cloudfit.readiness", "rate"), _function("cloudfit.readiness", "Given")
    ready = {qid: next(iter(q.answers(qid))) for qid in q.questions}
    profiles = ({"legal.security_dossiers": "none"}, {"procurement.route": "none"},
                {"skills.cloud_certified": "none", "skills.it_staff": "none"}, {})  # fmt: skip
    agencies = sorted(ctx.inventory.applications["owner_agency"].dropna().astype(str).unique())
    answers = {
        agency: {k: given(k, v, "doc") for k, v in {**ready, **profiles[i % len(profiles)]}.items()}
        for i, agency in enumerate(agencies)
    }
    readiness_plan = _function("cloudfit.readiness.apply", "readiness_plan")
    return readiness_plan(ctx.inventory, ctx.scores, ctx.options.plan, rate(q, answers))


def _write_workbook(ctx: Context) -> Any:
    return _function("cloudfit.roadmap", "write_roadmap")(ctx.assessment, ctx.work / "roadmap.xlsx")


def _write_json(ctx: Context) -> Any:
    return _function("cloudfit.export", "write_json")(ctx.assessment, ctx.work / "result.json")


def end_to_end(path: Path, out: Path, model_name: str) -> Any:
    """xlsx in → roadmap workbook out, as the `assess` command does it."""
    from cloudfit.assessment import assess
    from cloudfit.options import AssessOptions

    inventory = _function("cloudfit.inventory", "load_inventory")(path)
    model = _function("cloudfit.scoring_model", "load_model")(model_name)
    assessment = assess(inventory, model, AssessOptions(as_of=AS_OF))
    _function("cloudfit.roadmap", "write_roadmap")(assessment, out)
    return assessment


def _end_to_end(ctx: Context) -> Any:
    return end_to_end(ctx.path, ctx.work / "roadmap_e2e.xlsx", ctx.model_name)


def _rescore(ctx: Context) -> Any:
    score = _function("cloudfit.scoring", "score")
    inventory = ctx.inventory
    return score(
        inventory.applications,
        ctx.model,
        weights=ctx.changed_weights,
        as_of=AS_OF,
        dependencies=inventory.dependencies,
    )


def _replan(ctx: Context) -> Any:
    return _plan_with(ctx, ctx.changed_plan)


def _floor_read(ctx: Context) -> Any:
    return pd.read_excel(ctx.path, sheet_name=["Applications", "Dependencies"], engine="calamine")


def _floor_write(ctx: Context) -> Any:
    return write_table_streamed(ctx.assessment.results, "Applications", ctx.work / "floor.xlsx")


def _floor_write_xlsxwriter(ctx: Context) -> Any:
    return write_tables_xlsx({"Applications": ctx.assessment.results}, ctx.work / "floor_xlsxwriter.xlsx")


@dataclasses.dataclass(frozen=True)
class Stage:
    key: str
    run: Callable[[Context], Any]

    @property
    def label(self) -> str:
        return STAGE_LABELS[self.key]


STAGES: tuple[Stage, ...] = (
    Stage("read_raw", _read_raw),
    Stage("validate", _validate),
    Stage("load", _load),
    Stage("score", _score),
    Stage("robustness", _robustness),
    Stage("graph", _graph),
    Stage("plan", _plan),
    Stage("cost", _cost),
    Stage("gated_plan", _gated_plan),
    Stage("write_workbook", _write_workbook),
    Stage("write_json", _write_json),
    Stage("e2e", _end_to_end),
    Stage("rescore", _rescore),
    Stage("replan", _replan),
    Stage("floor_read", _floor_read),
    Stage("floor_write", _floor_write),
    Stage("floor_write_xlsxwriter", _floor_write_xlsxwriter),
)


# --- measuring ----------------------------------------------------------------


def measure(fn: Callable[[], Any], repeat: int) -> Measurement:
    """Median wall time (and CPU time of this process) of `repeat` runs, each after a garbage collection."""
    times, cpu = [], []
    for _ in range(repeat):
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return Measurement(statistics.median(times), repeat, cpu=statistics.median(cpu))


def peak_memory(path: Path, work: Path, model_name: str) -> dict[str, float]:
    """Run the end-to-end once in a fresh process: its wall time, its own high-water mark and the peak
    of its process tree's proportional set size (with the child its robustness analysis forks)."""
    command = [
        sys.executable,
        "-m",
        "benchmarks.run",
        "--child-e2e",
        str(path),
        "--child-dir",
        str(work),
        "--model",
        model_name,
    ]
    # Watched from here, not from a thread in the child: a thread there would keep the end to end
    # from forking its robustness analysis onto the other core (`cloudfit.background.can_fork`).
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    with TreeWatch(process.pid) as tree:
        stdout, stderr = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(stderr.strip().splitlines()[-1] if stderr.strip() else "child failed")
    measured = json.loads(stdout.strip().splitlines()[-1])
    measured["peak_mb"] = max(measured["process_peak_mb"], tree.peak / MB)
    return measured


def high_water_mb() -> float:
    """Peak resident memory of this process image, in MB.

    `VmHWM` from /proc is reset by exec; `ru_maxrss` is not: a child forked
    from a large benchmark process would report the parent's size.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(path: Path, work: Path, model_name: str) -> None:
    for module in ("cloudfit.assessment", "cloudfit.inventory", "cloudfit.roadmap", "cloudfit.scoring_model"):
        __import__(module)  # imports are the baseline, not the run
    baseline = high_water_mb()
    start = time.perf_counter()
    end_to_end(path, work / "roadmap_child.xlsx", model_name)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "process_peak_mb": high_water_mb(), "baseline_mb": baseline}))


def pss(pid: int) -> int:
    """Proportional set size of one process in bytes: its private pages plus its share of the pages
    it shares (the fork server's children share most of theirs); its RSS where the kernel has no
    `smaps_rollup`, 0 once it has ended."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return rss(pid)


def tree_pss(pid: int) -> int:
    """`pss` of a process and all its descendants: the memory the whole tree takes from the machine."""
    return tree_total(pid, pss)


class TreeWatch:
    """Samples the memory of a process and its descendants (the child that works alongside the
    writer) every 50 ms; `peak` is the largest total seen (`tree_pss`)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while True:
            self.peak = max(self.peak, tree_pss(self.pid))
            if self._stop.wait(0.05):
                return


def input_file(n_apps: int, seed: int, cache: Path) -> Path:
    """The benchmark input for one size, generated once and kept (the generator is deterministic)."""
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"inventory_{n_apps}_seed{seed}_v{GENERATOR_VERSION}.xlsx"
    if not path.exists():
        start = time.perf_counter()
        apps, deps = generate_inventory(n_apps, seed)
        partial = path.with_suffix(".partial.xlsx")
        write_inventory_xlsx(apps, deps, partial)
        partial.replace(path)
        print(f"  generated {path.name} in {time.perf_counter() - start:.1f} s", flush=True)
    return path


def _facts(ctx: Context) -> dict[str, Any]:
    facts: dict[str, Any] = {"file_mb": ctx.path.stat().st_size / MB}
    try:
        inventory = ctx.inventory
        facts["applications"] = len(inventory.applications)
        facts["dependencies"] = len(inventory.dependencies)
        severities = pd.Series([f.severity for f in inventory.findings], dtype=object)
        facts["findings"] = {k: int(v) for k, v in severities.value_counts().sort_index().items()}
        plan = ctx.plan
        facts["move_groups"] = len(plan.move_groups)
        facts["waves"] = len(plan.waves)
        facts["planned"] = int((plan.assignments["plan_status"] == "planned").sum())
    except Exception as error:  # facts are context; a missing stage is reported in the table
        facts["incomplete"] = type(error).__name__
    return facts


def run_size(n_apps: int, repeat: int, seed: int, cache: Path, model_name: str) -> SizeResult:
    path = input_file(n_apps, seed, cache)
    load_at_start = os.getloadavg()[0]
    stages: dict[str, Measurement] = {}
    with tempfile.TemporaryDirectory(prefix="cloudfit-bench-") as tmp:
        work = Path(tmp)
        ctx = Context(n_apps, path, work, model_name)
        ctx.prepare()
        for stage in STAGES:
            try:
                if repeat > 1:
                    stage.run(ctx)  # warm-up, so first-call costs stay out of the median
                stages[stage.key] = measure(lambda stage=stage: stage.run(ctx), repeat)
            except (StageUnavailable, ImportError) as error:
                stages[stage.key] = Measurement(error=f"skipped: {error}")
            except Exception as error:  # a broken stage is reported, and the others still run
                stages[stage.key] = Measurement(error=f"failed: {type(error).__name__}: {error}")
            print(f"  {stage.label:<56} {stage_cell(stages[stage.key])}", flush=True)
        try:
            memory = peak_memory(path, work, model_name)
        except RuntimeError as error:
            memory = {"error": str(error)}  # type: ignore[dict-item]
        print(f"  {'peak memory of end to end (fresh process)':<56} {memory_cell(memory)}", flush=True)
        facts = _facts(ctx)
        result = SizeResult(n_apps, stages, memory, facts, load=(load_at_start, os.getloadavg()[0]))
        by_key = {stage.key: stage for stage in STAGES}
        for key in stages_to_profile(result):
            print(f"  profiling {by_key[key].label} (a target is not met)", flush=True)
            result.profiles[key] = profile(lambda key=key: by_key[key].run(ctx))
    return result


def profile(fn: Callable[[], Any], top: int = PROFILE_TOP) -> str:
    """One run of `fn` under cProfile: the top functions by own time, then by cumulative time."""
    gc.collect()
    profiler = cProfile.Profile()
    profiler.runcall(fn)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    text = out.getvalue().replace(str(ROOT) + "/", "")
    return "\n".join(line.rstrip() for line in text.splitlines() if line.strip())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per stage (median is reported)")
    parser.add_argument("--repeat-large", type=int, default=1, help=f"timed runs for sizes ≥ {LARGE:,}")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--model", default="default", help="bundled scoring model name or YAML path")
    parser.add_argument("--out", type=Path, help="write the results as markdown here (docs/performance.md)")
    parser.add_argument(
        "--cache-dir", type=Path, default=DEFAULT_CACHE, help="where generated inputs are kept"
    )
    parser.add_argument(
        "--smoke", action="store_true", help="1,000 applications, 1 run (docs only with --out): for the tests"
    )
    parser.add_argument(
        "--allow-missing",
        action="store_true",
        help="exit 0 even when a stage could not run (while the pipeline is being built)",
    )
    parser.add_argument("--child-e2e", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-dir", type=Path, help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.child_e2e:
        _child(args.child_e2e, args.child_dir, args.model)
        return 0
    if args.smoke:
        args.sizes, args.repeat, args.repeat_large = [1000], 1, 1
    command = "python -m benchmarks.run " + " ".join(argv if argv is not None else sys.argv[1:])
    results = []
    for n_apps in args.sizes:
        repeat = args.repeat_large if n_apps >= LARGE else args.repeat
        print(f"{n_apps:,} applications, {repeat} run(s) per stage", flush=True)
        results.append(run_size(n_apps, repeat, args.seed, args.cache_dir, args.model))
        if args.out:  # after every size, so a long run that is stopped keeps what it measured
            args.out.parent.mkdir(parents=True, exist_ok=True)
            notes = kept_notes(args.out)
            args.out.write_text(markdown(results, command, args.repeat) + notes, encoding="utf-8")
    print()
    print(format_table(results))
    print()
    for row in target_rows(results):
        print(f"{row[0]:<55} {row[1]:>10}  {row[2]:>14}  {row[3].strip('*')}")
    if args.out:
        print(f"\nWritten to {args.out}")
    missing = [s.label for s in STAGES for r in results if r.stages[s.key].seconds is None]
    if (missing or any("peak_mb" not in r.memory for r in results)) and not args.allow_missing:
        print(f"\nNot every stage ran: {', '.join(sorted(set(missing))) or 'peak memory'}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
