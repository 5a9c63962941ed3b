"""Run a parser over untrusted bytes in a bounded child process.

A hostile spreadsheet can make a native parser abort the whole process
(SIGABRT), allocate gigabytes or spin for minutes; none of that may reach
the app server or the CLI. `run_bounded` runs one module-level function in
a child forked from a small preloaded server (multiprocessing's
`forkserver`: a few milliseconds per call, no re-import), under an address
space cap, a CPU-time limit and a wall-clock limit. Only the arguments go in
(a path, plain options) and only the pickled result comes out. Whatever
kills or exhausts the child becomes one `InputError` saying the file could
not be read safely; the caller carries on.
"""

from __future__ import annotations

import datetime as dt
import math
import multiprocessing
import os
import resource
import signal
import tempfile
import threading
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from cloudfit.errors import UNSAFE, UNSAFE_VI, CloudfitError, InputError
from cloudfit.inventory import ColumnMatch, Inventory, inspect_workbook, load_inventory, read_workbook
from cloudfit.inventory.limits import DEFAULT_LIMITS, MB, Limits, human_bytes
from cloudfit.inventory.reader import Source

T = TypeVar("T")

# Imported once by the fork server, so that each child starts with them loaded and warm.
PRELOAD = ("cloudfit.sandbox", "cloudfit.sandbox_preload")


@dataclass(frozen=True)
class Bounds:
    """What one child may use: memory beyond what it starts with, CPU seconds and wall-clock seconds."""

    memory_bytes: int = 2048 * MB
    cpu_seconds: float = 120.0
    wall_seconds: float = 150.0

    def __post_init__(self) -> None:
        for name in ("memory_bytes", "cpu_seconds", "wall_seconds"):
            if getattr(self, name) <= 0:
                raise ValueError(f"Bounds.{name} must be positive")


_context_lock = threading.Lock()
_context: Any = None


def _cores() -> int:
    """The cores this process may use: its CPU affinity, lowered to a container's CPU quota."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    quota = cpu_quota()
    return max(1, min(cores, quota) if quota else cores)


def cpu_quota(root: Path = Path("/sys/fs/cgroup")) -> int | None:
    """Whole cores a cgroup CPU quota allows (rounded up); None without a quota.

    A container limited to 2 CPUs on a 64-core host still sees 64 cores; its
    quota is in `cpu.max` (cgroup v2: "<quota> <period>" or "max <period>")
    or in `cpu/cpu.cfs_quota_us` and `cpu/cpu.cfs_period_us` (v1, -1 for none).
    """
    words = _words(root / "cpu.max") or _words(
        root / "cpu" / "cpu.cfs_quota_us", root / "cpu" / "cpu.cfs_period_us"
    )
    try:
        quota, period = int(words[0]), int(words[1])
    except (ValueError, IndexError):  # "max", or no such files
        return None
    return math.ceil(quota / period) if quota > 0 and period > 0 else None


def _words(*paths: Path) -> list[str]:
    try:
        return [word for path in paths for word in path.read_text().split()]
    except OSError:
        return []


# At most one child per core reads at a time; more callers wait their turn. Ten uploads at once
# then finish sooner (2 cores: the median of ten 10,000-row uploads ~9.5 s -> ~6 s, the slowest
# ~10 s -> ~9 s), as the children no longer thrash each other's caches, and the memory the
# children may hold together is bounded by construction: SLOTS x Bounds.memory_bytes.
SLOTS = _cores()
_slots = threading.BoundedSemaphore(SLOTS)


def forkserver_context() -> Any:
    """The multiprocessing context whose children fork from the preloaded server."""
    global _context
    with _context_lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(list(PRELOAD))
            _context = context
        return _context


def _address_space() -> int:
    """This process's current virtual memory size in bytes (VmSize)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _limit(kind: int, value: int) -> None:
    _, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(kind, (value, hard))


def _child(conn: Any, fn: Callable[..., Any], args: tuple, bounds: Bounds) -> None:
    """In the child: cap memory and CPU, run `fn`, send back ('ok', result) or why it failed."""
    try:
        _limit(resource.RLIMIT_AS, _address_space() + bounds.memory_bytes)
        cpu = max(1, int(bounds.cpu_seconds + 0.999))
        _limit(resource.RLIMIT_CPU, cpu)
        outcome: tuple[str, Any] = ("ok", fn(*args))
    except CloudfitError as error:
        outcome = ("user", error)
    except MemoryError:
        outcome = ("memory", "")
    except RecursionError:
        outcome = ("crash", "the file is nested too deeply")
    except BaseException as error:  # native panics derive from BaseException
        last = traceback.extract_tb(error.__traceback__)[-1:] if error.__traceback__ else []
        where = f" in {os.path.basename(last[0].filename)}" if last else ""
        outcome = ("crash", f"{type(error).__name__}{where}: {str(error)[:200]}")
    try:
        conn.send(outcome)
    except MemoryError:
        conn.send(("memory", ""))
    except Exception as error:  # an unpicklable result is a bug, reported as one
        conn.send(("crash", f"the result could not be passed back ({type(error).__name__})"))
    finally:
        conn.close()


def _death(exitcode: int | None, bounds: Bounds) -> str:
    if exitcode is not None and exitcode < 0:
        number = -exitcode
        if number == signal.SIGXCPU:
            return f"reading used more than {bounds.cpu_seconds:g} s of CPU time"
        if number == signal.SIGKILL:
            return "the reader was stopped (out of memory)"
        if number == signal.SIGABRT:
            return "the spreadsheet parser aborted on this file"
        if number == signal.SIGSEGV:
            return "the spreadsheet parser crashed on this file"
        return f"the reader was stopped by signal {signal.Signals(number).name}"
    return f"the reader ended unexpectedly (exit code {exitcode})"


def run_bounded(fn: Callable[..., T], *args: Any, bounds: Bounds | None = None, name: str = "file") -> T:
    """`fn(*args)` in a bounded child process; its result, or one `InputError` naming `name`.

    `fn` must be a module-level function; its `CloudfitError`s come back with
    their own message, every other failure as "this file could not be read
    safely: …". At most `SLOTS` children run at once; a caller that cannot
    start one within `bounds.wall_seconds` is told the server is busy.
    """
    bounds = bounds or Bounds()
    if not _slots.acquire(timeout=bounds.wall_seconds):  # waiting has the same bound as reading
        raise InputError(
            f"{name}: the server is busy reading other files (at most {SLOTS} at once) and no reader became "
            f"free within {bounds.wall_seconds:g} s. Try again in a minute.",
            f"{name}: máy chủ đang bận đọc các tệp khác (tối đa {SLOTS} tệp cùng lúc) và không có lượt đọc nào "
            f"trống trong {bounds.wall_seconds:g} giây. Hãy thử lại sau một phút.",
        )
    try:
        return _run_child(fn, args, bounds, name)
    finally:
        _slots.release()


def _run_child(fn: Callable[..., T], args: tuple, bounds: Bounds, name: str) -> T:
    context = forkserver_context()
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(send, fn, args, bounds), daemon=True)
    try:
        process.start()
        send.close()
        if not receive.poll(bounds.wall_seconds):
            process.kill()
            raise InputError(
                f"{name}: {UNSAFE}: reading took longer than {bounds.wall_seconds:g} s. "
                "Split the inventory into smaller files or remove unused sheets and columns.",
                f"{name}: {UNSAFE_VI}: việc đọc mất hơn {bounds.wall_seconds:g} giây. "
                "Hãy tách danh mục thành các tệp nhỏ hơn hoặc xóa các trang tính, cột không dùng.",
            )
        try:
            kind, payload = receive.recv()
        except (EOFError, OSError):
            process.join(5)
            kind, payload = "died", _death(process.exitcode, bounds)
    finally:
        receive.close()
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join()
        process.close()
    if kind == "ok":
        return payload
    if kind == "user":
        raise payload
    payload_vi = payload  # a parser's own words, quoted as they are
    if kind == "memory":
        payload = f"reading needed more than {human_bytes(bounds.memory_bytes)} of memory"
        payload_vi = f"việc đọc cần hơn {human_bytes(bounds.memory_bytes)} bộ nhớ"
    raise InputError(
        f"{name}: {UNSAFE}: {payload}. Open it in Excel or LibreOffice, save it again and check its size.",
        f"{name}: {UNSAFE_VI} ({payload_vi}). Hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại và kiểm tra dung lượng.",
    )


# ---- the bounded entry points ---------------------------------------------------------------------


def bounds_for(limits: Limits) -> Bounds:
    """The child's bounds from an inventory's `Limits`."""
    return Bounds(
        memory_bytes=limits.max_memory_bytes,
        cpu_seconds=limits.max_cpu_seconds,
        wall_seconds=limits.max_seconds,
    )


def _load_in_child(
    path: str, filename: str, mapping: Any, limits: Limits, format: str, as_of: dt.date | None
) -> Inventory:
    return load_inventory(path, filename=filename, mapping=mapping, limits=limits, format=format, as_of=as_of)


def _matches_in_child(path: str, filename: str, mapping: Any, limits: Limits) -> tuple[ColumnMatch, ...]:
    return _column_matches(read_workbook(path, filename=filename, limits=limits), mapping)


def _column_matches(raw: Any, mapping: Any) -> tuple[ColumnMatch, ...]:
    from cloudfit.inventory.header import widest_row
    from cloudfit.inventory.mapping import auto_mapping, load_mapping

    try:
        return inspect_workbook(raw, mapping=mapping).applications.matches
    except InputError:  # no header names a field: offer the fullest row's cells for the analyst to map
        header = widest_row(raw.sheets[0]) if raw.sheets else None
        if header is None:
            raise
        return tuple(auto_mapping(list(header.headers), explicit=load_mapping(mapping)))


def _format_in_child(path: str, filename: str, name: str, limits: Limits) -> dict:
    from cloudfit.formats.presets import chosen_format

    return chosen_format(read_workbook(path, filename=filename, limits=limits), name).as_dict()


def _upload_in_child(
    path: str, filename: str, mapping: Any, limits: Limits, formats: tuple[str, ...]
) -> UploadRead:
    from cloudfit.formats.presets import chosen_format
    from cloudfit.formats.spec import header_view

    raw = read_workbook(path, filename=filename, limits=limits)
    try:
        matches = _column_matches(raw, header_view(mapping))
    except CloudfitError:
        matches = None
    shown = {}
    for name in formats:
        try:
            shown[name] = chosen_format(raw, name).as_dict()
        except CloudfitError:
            continue  # asked for again on its own, it raises with its message
    try:
        inventory, error = load_inventory(raw, filename=filename, mapping=mapping, limits=limits), None
    except CloudfitError as failed:
        inventory, error = None, failed.with_traceback(None)
    return UploadRead(inventory, error, matches, shown)


def _answers_in_child(path: str, filename: str) -> tuple[dict, list, str]:
    from cloudfit.readiness import load_questionnaire
    from cloudfit.readiness.reader import read_answers

    return read_answers(load_questionnaire(), path, filename=filename)


def _with_path(source: Source, filename: str | None, limits: Limits, task: Callable[[str, str], T]) -> T:
    """Run `task(path, name)` on a file the child can open: a path as given, bytes or a stream via a temp file."""
    if isinstance(source, str | os.PathLike):
        return task(os.fspath(source), filename or Path(source).name)
    if not isinstance(source, bytes | bytearray):
        source = source.read(limits.max_bytes + 1)
    name = filename or "uploaded file"
    with tempfile.TemporaryDirectory(prefix="cloudfit-") as folder:
        path = Path(folder) / ("upload" + Path(name).suffix.lower()[:8])
        path.write_bytes(source)
        return task(str(path), name)


def load_inventory_bounded(
    source: Source,
    *,
    filename: str | None = None,
    mapping: str | Path | Mapping[str, Any] | None = None,
    limits: Limits | None = None,
    format: str = "auto",
    as_of: dt.date | None = None,
) -> Inventory:
    """`load_inventory` for untrusted files: parsed in a bounded child, the result handed back.

    Raises `InputError` for every unusable or hostile file, including one
    that crashes or exhausts the parser.
    """
    limits = limits or DEFAULT_LIMITS
    plain = (
        dict(mapping) if isinstance(mapping, Mapping) else (None if mapping is None else os.fspath(mapping))
    )

    def task(path: str, name: str) -> Inventory:
        return run_bounded(
            _load_in_child, path, name, plain, limits, format, as_of, bounds=bounds_for(limits), name=name
        )

    return _with_path(source, filename, limits, task)


@dataclass(frozen=True)
class UploadRead:
    """What the app shows of one file under one mapping, from a single bounded read.

    Reading a 10,000-row workbook is most of an upload's cost; the app needs the
    inventory, the column matches of the mapping step and the detected format,
    so one child reads the file once and derives all three. `error` says why
    the inventory did not load; `matches` is None when not even the columns
    could be read (no header row).
    """

    inventory: Inventory | None
    error: CloudfitError | None
    matches: tuple[ColumnMatch, ...] | None
    formats: Mapping[str, dict]


def read_upload_bounded(
    source: Source,
    *,
    filename: str | None = None,
    mapping: Mapping[str, Any] | None = None,
    formats: tuple[str, ...] = ("auto",),
    limits: Limits | None = None,
) -> UploadRead:
    """Inventory, column matches and the formats `formats` of one file, read once in a bounded child.

    Raises `InputError` when the file cannot be read at all (or not safely);
    a file that reads but does not make an inventory comes back with `error` set.
    """
    limits = limits or DEFAULT_LIMITS
    plain = None if mapping is None else dict(mapping)

    def task(path: str, name: str) -> UploadRead:
        return run_bounded(
            _upload_in_child, path, name, plain, limits, tuple(formats), bounds=bounds_for(limits), name=name
        )

    return _with_path(source, filename, limits, task)


def column_matches_bounded(
    source: Source,
    *,
    filename: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    limits: Limits | None = None,
) -> tuple[ColumnMatch, ...]:
    """How the applications sheet's columns match fields (the UI's mapping step), read in a bounded child."""
    limits = limits or DEFAULT_LIMITS
    plain = None if mapping is None else dict(mapping)

    def task(path: str, name: str) -> tuple[ColumnMatch, ...]:
        return run_bounded(_matches_in_child, path, name, plain, limits, bounds=bounds_for(limits), name=name)

    return _with_path(source, filename, limits, task)


def file_format_bounded(
    source: Source, *, filename: str | None = None, name: str = "auto", limits: Limits | None = None
) -> dict:
    """The format a file is read as ({name, title, reason, sheet}), detected or chosen in a bounded child."""
    limits = limits or DEFAULT_LIMITS

    def task(path: str, shown: str) -> dict:
        return run_bounded(_format_in_child, path, shown, name, limits, bounds=bounds_for(limits), name=shown)

    return _with_path(source, filename, limits, task)


def read_answers_bounded(source: Source, *, filename: str | None = None) -> tuple[dict, list, str]:
    """A filled readiness questionnaire read in a bounded child: `cloudfit.readiness.reader.read_answers`."""
    limits = DEFAULT_LIMITS

    def task(path: str, shown: str) -> tuple[dict, list, str]:
        return run_bounded(_answers_in_child, path, shown, bounds=bounds_for(limits), name=shown)

    return _with_path(source, filename, limits, task)
