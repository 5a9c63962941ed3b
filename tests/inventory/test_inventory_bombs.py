"""Hostile files are refused from their own declarations, or contained by the bounded child process."""

from __future__ import annotations

import functools
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from benchmarks import hostile
from cloudfit import sandbox
from cloudfit.errors import InputError
from cloudfit.inventory import Limits, load_inventory
from cloudfit.sandbox import Bounds, load_inventory_bounded, run_bounded

# Declaration checks switched off, so the parser itself meets the bomb inside the child.
NO_DECLARED_LIMITS = Limits(
    max_rows=10**9,
    max_dependency_rows=10**9,
    max_columns=10**9,
    max_cells=10**18,
    max_shared_strings=10**12,
    max_memory_bytes=400 * 1024 * 1024,
    max_seconds=60,
    max_cpu_seconds=60,
)


@pytest.mark.parametrize(
    ("name", "limit"),
    [
        ("last-cell.xlsx", "max_rows"),
        ("dimension.xlsx", "max_rows"),
        ("shared-strings.xlsx", "max_shared_strings"),
        ("repeated-row.ods", "max_rows"),
        ("commas.csv", "max_columns"),
    ],
)
def test_bomb_is_refused_from_its_declarations_naming_the_limit(name, limit):
    data = hostile.BOMBS[name]()
    assert len(data) < 1_100_000
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        load_inventory(data, filename=name)
    assert time.monotonic() - started < 20
    message = str(caught.value)
    assert message.startswith(f"{name}: ") and limit in message and "refused before reading" in message


def test_declaration_limits_are_configurable():
    data = hostile.valid_xlsx(30)
    with pytest.raises(InputError, match=r"max_columns"):
        load_inventory(data, filename="narrow.xlsx", limits=Limits(max_columns=2))
    with pytest.raises(InputError, match=r"max_cells"):
        load_inventory(data, filename="small.xlsx", limits=Limits(max_cells=50))
    assert load_inventory(data, filename="ok.xlsx").rows_read == 30


def test_ods_with_long_empty_tail_as_libreoffice_writes_it_is_read():
    inventory = load_inventory(hostile.valid_ods(), filename="calc.ods")
    assert inventory.rows_read == 1 and list(inventory.applications["app_id"]) == ["A1"]


@pytest.mark.parametrize("name", ["last-cell.xlsx", "shared-strings.xlsx", "repeated-row.ods"])
def test_parser_exhausted_inside_the_child_becomes_one_clear_error(name):
    with pytest.raises(InputError) as caught:
        load_inventory_bounded(hostile.BOMBS[name](), filename=name, limits=NO_DECLARED_LIMITS)
    message = str(caught.value)
    assert message.startswith(f"{name}: ")
    assert "could not be read safely" in message or "cannot be read" in message
    assert "Traceback" not in message


def test_bounded_load_returns_the_same_inventory_as_in_process(tmp_path):
    data = hostile.valid_xlsx(12)
    inside = load_inventory(data, filename="apps.xlsx")
    path = tmp_path / "apps.xlsx"
    path.write_bytes(data)
    for source in (data, path):
        bounded = load_inventory_bounded(source, filename="apps.xlsx")
        assert bounded.applications.equals(inside.applications)
        assert bounded.findings == inside.findings and bounded.rows_read == inside.rows_read == 12


def test_a_user_error_in_the_child_keeps_its_own_message():
    with pytest.raises(InputError, match=r"^empty\.csv: the file is empty"):
        load_inventory_bounded(b"  ", filename="empty.csv")


def test_a_child_that_aborts_is_reported_and_the_caller_carries_on():
    with pytest.raises(InputError, match=r"^crash\.xlsx: this file could not be read safely: .*aborted"):
        run_bounded(os.abort, name="crash.xlsx")
    assert run_bounded(os.getpid) != os.getpid()


def test_a_child_over_its_memory_cap_is_reported():
    with pytest.raises(InputError, match=r"could not be read safely: reading needed more than 64.0 MB"):
        run_bounded(
            bytearray, 512 * 1024 * 1024, bounds=Bounds(memory_bytes=64 * 1024 * 1024), name="big.xlsx"
        )


def test_a_child_past_its_wall_clock_limit_is_stopped():
    started = time.monotonic()
    with pytest.raises(InputError, match=r"longer than 0.5 s"):
        run_bounded(time.sleep, 30, bounds=Bounds(wall_seconds=0.5), name="slow.csv")
    assert time.monotonic() - started < 10


def test_a_child_past_its_cpu_limit_is_stopped():
    spin = functools.partial(sum, range(10**12))
    with pytest.raises(InputError, match=r"CPU time"):
        run_bounded(spin, bounds=Bounds(cpu_seconds=1, wall_seconds=60), name="spin.csv")


@pytest.fixture
def one_slot(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sandbox as on a one-core machine: one child reads at a time."""
    monkeypatch.setattr(sandbox, "SLOTS", 1)
    monkeypatch.setattr(sandbox, "_slots", threading.BoundedSemaphore(1))


def test_children_read_one_per_core_and_the_others_wait_their_turn(one_slot: None) -> None:
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda _: run_bounded(time.sleep, 0.6), range(2)))
    assert time.monotonic() - started >= 1.2  # one child after the other, not both at once


def test_a_caller_waiting_past_its_wall_clock_limit_for_a_reader_is_told_the_server_is_busy(
    one_slot: None,
) -> None:
    with ThreadPoolExecutor(max_workers=1) as pool:
        busy = pool.submit(run_bounded, time.sleep, 2)
        time.sleep(0.3)  # the first caller holds the only reader
        with pytest.raises(InputError, match=r"^queued\.csv: the server is busy .*\(at most 1 at once\)"):
            run_bounded(time.sleep, 0, bounds=Bounds(wall_seconds=0.5), name="queued.csv")
        busy.result()
    assert run_bounded(os.getpid) != os.getpid()  # the reader is free again


@pytest.mark.parametrize(
    ("files", "cores"),
    [
        ({"cpu.max": "150000 100000\n"}, 2),  # cgroup v2: 1.5 CPUs, rounded up
        ({"cpu.max": "max 100000\n"}, None),  # v2 without a quota
        ({"cpu/cpu.cfs_quota_us": "400000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 4),  # v1
        ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),  # v1 without one
        ({}, None),  # no cgroup files at all
    ],
)
def test_a_containers_cpu_quota_bounds_the_reading_children(tmp_path, files: dict, cores: int | None) -> None:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert sandbox.cpu_quota(tmp_path) == cores
