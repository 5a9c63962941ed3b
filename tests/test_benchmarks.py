"""The benchmark generator and harness: deterministic, realistic, loadable, and runnable end to end.

No timing is asserted anywhere: these machines are shared and noisy. The
smoke run only proves that every stage still runs and is reported.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from benchmarks import report, run
from benchmarks.fastxlsx import write_table_streamed
from benchmarks.generate import (
    CATEGORY_MIX,
    UNREADABLE,
    dependency_edges,
    generate_inventory,
    header_for,
    write_inventory_csv,
    write_inventory_xlsx,
)
from cloudfit.fields import FIELDS, FIELDS_BY_NAME, REQUIRED_FIELDS
from cloudfit.text import fold_key

N = 3000


@pytest.fixture(scope="module")
def inventory() -> tuple[pd.DataFrame, pd.DataFrame]:
    return generate_inventory(N, seed=0)


def _code(field_name: str, raw: object) -> str | None:
    """The canonical code a raw category cell stands for, by the registry alone."""
    spec = FIELDS_BY_NAME[field_name]
    key = fold_key(str(raw))
    if key in spec.allowed:
        return key
    synonyms = {fold_key(k): v for k, v in spec.synonyms.items()}
    return synonyms.get(key)


def test_same_seed_gives_identical_frames_and_another_seed_differs():
    apps_a, deps_a = generate_inventory(400, seed=7)
    apps_b, deps_b = generate_inventory(400, seed=7)
    pd.testing.assert_frame_equal(apps_a, apps_b)
    pd.testing.assert_frame_equal(deps_a, deps_b)
    apps_c, deps_c = generate_inventory(400, seed=8)
    assert not apps_a.equals(apps_c)
    assert not deps_a.equals(deps_c)


@pytest.mark.parametrize("n_apps", [1, 7, 250])
def test_generator_makes_exactly_the_requested_number_of_unique_applications(n_apps):
    apps, deps = generate_inventory(n_apps, seed=0)
    assert len(apps) == n_apps
    assert apps["app_id"].is_unique
    assert set(deps["app_id"]) | set(deps["depends_on"]) <= set(apps["app_id"])


def test_every_registry_field_is_a_column_with_values_and_required_ones_are_never_blank(inventory):
    apps, _ = inventory
    for spec in FIELDS:
        assert spec.name in apps.columns, spec.name
        assert apps[spec.name].notna().sum() > 0, spec.name
    for name in REQUIRED_FIELDS:
        assert apps[name].notna().all(), name
    optional = [f.name for f in FIELDS if not f.required and f.name not in ("depends_on", "notes")]
    assert all(apps[name].isna().any() for name in optional), "optional fields should have a few blanks"


def test_every_category_field_shows_several_allowed_values_in_mixed_spellings(inventory):
    apps, _ = inventory
    for spec in FIELDS:
        if spec.kind != "category":
            continue
        raw = apps[spec.name].dropna()
        readable = raw[~raw.map(lambda v: fold_key(str(v)) in {fold_key(u) for u in UNREADABLE})]
        codes = readable.map(lambda v, name=spec.name: _code(name, v))
        assert codes.notna().all(), (
            f"{spec.name}: {sorted(set(readable[codes.isna()]))} match no allowed code"
        )
        assert codes.nunique() >= min(3, len(spec.allowed)), spec.name
        assert raw.astype(str).nunique() > codes.nunique(), f"{spec.name}: one spelling per code only"


def test_generator_vocabulary_matches_the_registry():
    for field_name, mix in CATEGORY_MIX.items():
        for code, (_, spellings) in mix.items():
            assert code in FIELDS_BY_NAME[field_name].allowed, (field_name, code)
            for spelling in spellings:
                assert _code(field_name, spelling) == code, (field_name, spelling)


def test_some_cells_are_messy_the_way_real_sheets_are(inventory):
    apps, _ = inventory
    text = pd.concat([apps[c].dropna().astype(str) for c in ("name", "owner_agency", "criticality")])
    assert text.str.startswith("\u00a0").any()
    assert (text != text.map(lambda s: unicodedata.normalize("NFC", s))).any()
    assert apps["security_level"].astype(str).str.startswith("Cấp độ").any()
    users = apps["users"].dropna()
    assert users.map(lambda v: isinstance(v, str) and "." in v).any()
    assert users.map(lambda v: isinstance(v, str) and "," in v).any()
    assert apps["license_expiry"].map(lambda v: isinstance(v, str) and v.count("/") == 2).any()
    assert apps["criticality"].isin(UNREADABLE).any()


def test_about_three_dependencies_per_application_without_self_links_or_duplicates(inventory):
    apps, deps = inventory
    edges = dependency_edges(apps, deps)
    assert 2.7 <= len(edges) / len(apps) <= 3.5
    assert not (edges["app_id"] == edges["depends_on"]).any()
    assert not edges.duplicated(["app_id", "depends_on"]).any()
    assert set(edges["depends_on"]) <= set(apps["app_id"])
    assert apps["depends_on"].notna().sum() > 0, "some applications list their links in the column"


def test_dependency_graph_has_hubs_small_cycles_and_tight_clusters(inventory):
    apps, deps = inventory
    edges = dependency_edges(apps, deps)
    in_degree = edges["depends_on"].value_counts()
    assert in_degree.iloc[0] >= 20 * in_degree.median(), "a power-law in-degree has platform hubs"
    graph = nx.DiGraph(list(zip(edges["app_id"], edges["depends_on"])))
    cycles = [c for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert cycles and max(map(len, cycles)) <= 4, "cycles exist and stay small"
    tight = edges[edges["coupling"] == "tight"]
    clusters = list(nx.connected_components(nx.Graph(list(zip(tight["app_id"], tight["depends_on"])))))
    assert len(clusters) >= 10
    assert max(map(len, clusters)) <= 4, "tight clusters do not percolate through the portfolio"


def test_xlsx_has_two_sheets_with_vietnamese_headers_and_typed_cells(inventory, tmp_path):
    apps, deps = inventory
    path = write_inventory_xlsx(apps.head(200), deps.head(300), tmp_path / "inv.xlsx")
    sheets = pd.read_excel(path, sheet_name=None, engine="calamine")
    assert list(sheets) == ["Applications", "Dependencies"]
    read = sheets["Applications"]
    assert len(read) == 200 and len(sheets["Dependencies"]) == 300
    assert header_for("app_id") in read.columns and "Cấp độ an toàn" in read.columns
    expiry = read[header_for("license_expiry")]
    assert expiry.map(lambda v: isinstance(v, pd.Timestamp)).any(), "dates stay date cells"
    notes = read[header_for("notes")].dropna()
    assert notes.str.startswith(("-", "+")).any(), "formula-like text is written as text"


def _load(path: Path):
    from cloudfit.inventory import load_inventory

    return load_inventory(path)


def test_generated_xlsx_loads_with_no_error_findings_and_keeps_every_link(tmp_path):
    apps, deps = generate_inventory(600, seed=3)
    inventory = _load(write_inventory_xlsx(apps, deps, tmp_path / "inv.xlsx"))
    assert [f for f in inventory.findings if f.severity == "error"] == []
    assert len(inventory.applications) == 600
    assert len(inventory.dependencies) == len(dependency_edges(apps, deps))
    codes = inventory.applications["state_secret"].dropna()
    assert codes.isin(FIELDS_BY_NAME["state_secret"].allowed).all()


def test_generated_csv_loads_with_no_error_findings_and_every_link_inline(tmp_path):
    apps, deps = generate_inventory(300, seed=4)
    inventory = _load(write_inventory_csv(apps, deps, tmp_path / "inv.csv"))
    assert [f for f in inventory.findings if f.severity == "error"] == []
    assert len(inventory.applications) == 300
    assert len(inventory.dependencies) == len(dependency_edges(apps, deps))


def test_smoke_run_completes_and_reports_every_stage(tmp_path, capsys):
    out = tmp_path / "performance.md"
    out.write_text(f"# old numbers\n\n{report.NOTES}\n## Why\n\nkept\n", encoding="utf-8")
    assert run.main(["--smoke", "--cache-dir", str(tmp_path), "--out", str(out)]) == 0
    written = out.read_text(encoding="utf-8")
    assert "# old numbers" not in written and "end to end" in written
    assert written.endswith(f"\n{report.NOTES}\n## Why\n\nkept\n")  # the analysis by hand survives
    out = capsys.readouterr().out
    table = out[out.index("stage ") :]
    for stage in run.STAGES:
        line = next(line for line in table.splitlines() if line.startswith(stage.label))
        assert line.rstrip().endswith(" s"), line
    assert "end to end / I/O floor" in table and "×" in table
    assert "MB (baseline" in table
    assert list(tmp_path.glob("inventory_1000_*.xlsx")), "the input is cached for the next run"


def test_every_stage_is_labelled_and_reported_in_run_order():
    assert [s.key for s in run.STAGES] == list(report.STAGE_LABELS)


def _result(
    n_apps: int, e2e: float, floor_read: float, floor_write: float, peak_mb: float
) -> report.SizeResult:
    stages = {s.key: report.Measurement(0.01, 3) for s in run.STAGES}
    stages["e2e"] = report.Measurement(e2e, 3)
    stages["floor_read"] = report.Measurement(floor_read, 3)
    stages["floor_write"] = report.Measurement(floor_write, 3)
    stages["floor_write_xlsxwriter"] = report.Measurement(3 * floor_write, 3)
    memory = {"peak_mb": peak_mb, "baseline_mb": 150.0, "seconds": e2e}
    return report.SizeResult(n_apps, stages, memory, {"applications": n_apps})


def test_report_judges_each_target_against_its_limit_and_names_the_machine_and_command():
    # 10k: e2e 4 s ≤ 5 (met); floor 1 + 1 = 2 s, ratio 2.0 > 1.5 (not met). 100k: 2,500 MB > 2 GB.
    results = [_result(10_000, 4.0, 1.0, 1.0, 300.0), _result(100_000, 50.0, 10.0, 30.0, 2500.0)]
    verdicts = {row[0]: row[3] for row in report.target_rows(results)}
    assert verdicts["End to end, 10,000 applications"] == "met"
    assert verdicts["End to end / I/O floor, 10,000 applications"] == "**not met**"
    assert verdicts["End to end, 100,000 applications"] == "met"
    assert verdicts["Peak memory, 100,000 applications"] == "**not met**"
    text = report.markdown(results, "python -m benchmarks.run --sizes 10000 100000", 3)
    assert "python -m benchmarks.run --sizes 10000 100000" in text
    assert "2.00×" in text and "| End to end / I/O floor, 10,000 applications | ≤ 1.5 × | 2.000 × |" in text
    assert "cores" in text


def test_report_states_the_load_the_times_were_measured_under():
    result = _result(10_000, 4.0, 1.0, 1.0, 300.0)
    result.load = (0.5, 2.25)
    result.stages["e2e"] = report.Measurement(4.0, 3, cpu=3.5)
    text = report.markdown([result], "python -m benchmarks.run --sizes 10000", 3)
    assert "10,000: 0.5 → 2.2" in text
    assert "| end to end, CPU time of the process (all threads) | 3.500 s |" in text
    assert "Load average: not recorded" in report.markdown([_result(10_000, 4.0, 1.0, 1.0, 300.0)], "c", 3)


def test_report_says_not_measured_for_sizes_that_were_not_run():
    rows = report.target_rows([_result(1000, 1.0, 0.5, 0.5, 200.0)])
    assert {row[3] for row in rows} == {"not measured"}


def test_floor_is_the_read_plus_the_faster_of_the_two_writers():
    result = _result(10_000, 6.0, 1.0, 2.0, 300.0)  # streamed write 2 s, XlsxWriter 6 s
    assert result.floor == pytest.approx(3.0) and result.ratio == pytest.approx(2.0)
    assert result.xlsxwriter_ratio == pytest.approx(6.0 / 7.0)
    result.stages["floor_write_xlsxwriter"] = report.Measurement(0.5, 3)  # now XlsxWriter is faster
    assert result.floor == pytest.approx(1.5)
    result.stages["floor_write"] = report.Measurement(error="skipped: gone")
    assert result.floor == pytest.approx(1.5), "one writer missing: the other still makes the floor"


def test_only_the_stages_behind_targets_not_met_are_profiled():
    met = _result(10_000, 2.0, 1.0, 1.0, 300.0)  # 2 s ≤ 5, ratio 1.0 ≤ 1.5, others 0.01 s
    assert report.stages_to_profile(met) == []
    slow = _result(10_000, 4.0, 1.0, 1.0, 300.0)  # ratio 2.0 > 1.5
    slow.stages["rescore"] = report.Measurement(0.2, 3)  # > 0.1 s
    assert report.stages_to_profile(slow) == ["e2e", "rescore"]
    big = _result(100_000, 70.0, 10.0, 10.0, 2500.0)  # time and memory both over: e2e once
    assert report.stages_to_profile(big) == ["e2e"]


def test_profile_names_the_functions_that_took_the_time():
    text = run.profile(lambda: sorted(range(20_000), key=str))
    assert "function calls" in text and "tottime" in text and "sorted" in text


def test_streamed_floor_writer_reads_back_every_kind_of_value(tmp_path):
    frame = pd.DataFrame(
        {
            "text": ["a & <b>", "=1+1", None],
            "number": [1.5, None, -2.0],
            "count": pd.array([3, None, 4], dtype="Int64"),
            "flag": pd.array([True, False, None], dtype="boolean"),
            "date": pd.to_datetime(["2026-01-31", None, "1999-12-01"]),
        }
    )
    path = write_table_streamed(frame, "Applications", tmp_path / "floor.xlsx")
    read = pd.read_excel(path, sheet_name="Applications", engine="openpyxl")
    assert list(read.columns) == list(frame.columns)
    assert read["text"].tolist()[:2] == ["a & <b>", "=1+1"] and pd.isna(read["text"][2])
    assert read["number"].tolist()[::2] == [1.5, -2.0] and pd.isna(read["number"][1])
    assert read["count"].tolist()[::2] == [3, 4]
    assert read["flag"].tolist()[:2] == [True, False]
    assert list(read["date"].dropna()) == [pd.Timestamp("2026-01-31"), pd.Timestamp("1999-12-01")]


@pytest.mark.parametrize("meter", ["server and its reaped children", "whole machine"])
def test_the_upload_benchmark_counts_the_cpu_of_a_child_that_has_ended(meter):
    """The app's CPU is measured over the server and its sandbox, including children already reaped;
    the machine's over every process, the browser's included."""
    import subprocess
    import sys

    from benchmarks.app_uploads import machine_cpu, tree_cpu

    measure = {"server and its reaped children": lambda: tree_cpu(os.getpid()), "whole machine": machine_cpu}[
        meter
    ]
    before = measure()
    subprocess.run([sys.executable, "-c", "sum(i * i for i in range(3_000_000))"], check=True)
    assert measure() - before >= 0.05


def test_the_upload_report_gives_its_verdict_and_the_memory_left_after_the_sessions():
    from benchmarks.app_uploads import Concurrent, Sessions, _report

    mb = 2**20
    concurrent = Concurrent(
        10, [8.0] * 10, 9.5, 2.0, 300 * mb, 15.0, 1.6, 40.0, 700 * mb, 900 * mb, [0.01], 0, []
    )
    sessions = Sessions(250 * mb, 4, [500 * mb, 520 * mb, 510 * mb, 515 * mb], 300 * mb, 320 * mb, 35, [])
    text = _report(10_000, concurrent, sessions, "python -m benchmarks.app_uploads", ["0.5", "0.7"])
    assert "**Verdict:** all 10 rendered within about 10 s: **met** (9.5 s)" in text
    assert "cannot take less than 7.5 s." in text
    assert "the server held 320 MB, 20 MB more than before the concurrent uploads" in text
    assert "(the browser drawing the pages, the benchmark, other load) | 25.0 s |" in text
    loaded = _report(10_000, concurrent, sessions, "python -m benchmarks.app_uploads", ["6.0"])
    assert "with a load average of 6.0" in loaded
    no_memory_phase = Sessions(250 * mb, 0, [], 300 * mb, 300 * mb, 0.0, [])
    alone = _report(10_000, concurrent, no_memory_phase, "python -m benchmarks.app_uploads", ["0.5"])
    assert "**met** (9.5 s)" in alone and "## Memory over" not in alone


def test_a_report_keeps_the_notes_written_by_hand(tmp_path):
    out = tmp_path / "uploads.md"
    assert report.kept_notes(out) == ""
    out.write_text(f"# old numbers\n\n{report.NOTES}\n## Why\n\nkept\n", encoding="utf-8")
    assert report.kept_notes(out) == f"\n{report.NOTES}\n## Why\n\nkept\n"


def test_the_memory_watch_counts_the_children_of_the_watched_process() -> None:
    import subprocess
    import sys

    from benchmarks.run import MB, TreeWatch

    script = (
        "import subprocess, sys; subprocess.run([sys.executable, '-c', "
        "'import time; block = b\"x\" * (200 * 2**20); time.sleep(1.0)'], check=True)"
    )
    process = subprocess.Popen([sys.executable, "-c", script])
    with TreeWatch(process.pid) as tree:
        process.wait()
    assert tree.peak / MB >= 200  # the grandchild's block, seen through the watched process
