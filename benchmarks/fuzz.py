"""Seeded fuzzing of everything a user can upload: inventories (xlsx, csv, ods) and mapping files (YAML).

    python -m benchmarks.fuzz --inputs 10000 [--seed 0]     # `make fuzz`

Each input is a valid seed file put through one seeded mutator: bit flips,
truncation, declared-size lies (zip sizes, dimensions, shared-string
counts, repeat attributes), rows or header rows repeated, nesting and
aliases. The oracle, for every input: reading ends with an `Inventory` (or
a mapping) or one `InputError`, never another exception; within
`MAX_SECONDS`; inside the memory cap of the child that reads it; and every
row of a generated sheet (legends and repeated headers included) is either
an application, a rejected row or a finding. A sample also goes through the
CLI (`cloudfit validate`): exit 0 or 2, no traceback.

Inputs are read in batches inside bounded children (`cloudfit.sandbox`), so
a parser crash costs one batch, whose inputs are then read one by one
through `load_inventory_bounded` to find the crash and check that the user
gets one clear message.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import sys
import tempfile
import time
import traceback
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import hostile
from cloudfit.errors import CloudfitError, InputError
from cloudfit.inventory.limits import MB, Limits

MAX_SECONDS = 20.0
LIMITS = Limits(max_seconds=MAX_SECONDS, max_cpu_seconds=MAX_SECONDS, max_memory_bytes=1024 * MB)
BATCH = 40
CLI_EVERY = 25
VI_HEADER = ["Mã hệ thống", "Tên hệ thống", "Đơn vị quản lý", "Mức độ quan trọng", "Số người dùng"]
LEGEND = ["Mã hệ thống: mã duy nhất", "Tên hệ thống", "Đơn vị quản lý", "Mức độ quan trọng", "Số người dùng"]


@dataclass(frozen=True)
class Case:
    """One fuzz input; `expected_rows` is set when the input is a generated sheet left unmutated."""

    name: str
    data: bytes
    mutator: str
    expected_rows: int | None = None


@dataclass
class Report:
    inputs: int = 0
    loaded: int = 0
    refused: int = 0
    crashes_contained: int = 0
    cli_runs: int = 0
    slowest: float = 0.0
    problems: list[str] = field(default_factory=list)


# ---- seeds ---------------------------------------------------------------------------------------


def _rows(rng: random.Random, n: int) -> tuple[list[list[str]], int]:
    """Data rows with blank rows, repeated headers and a legend; the count of application rows."""
    rows: list[list[str]] = [["DANH SÁCH HỆ THỐNG THÔNG TIN", "", "", "", ""], VI_HEADER]
    apps = 0
    for i in range(n):
        roll = rng.random()
        if roll < 0.08:
            rows.append(["", "", "", "", ""])
        elif roll < 0.14:
            rows.append(list(VI_HEADER))
        rows.append(
            [f"HT{i:04d}", f"Hệ thống {i}", "Bộ Tài chính", rng.choice(["Cao", "Thấp", "x"]), str(i * 7)]
        )
        apps += 1
    if rng.random() < 0.5:
        rows += [["", "", "", "", ""], list(LEGEND)]
    return rows, apps


def _csv(rows: list[list[str]], sep: str = ",") -> bytes:
    return "\n".join(sep.join(f'"{cell}"' if sep in cell else cell for cell in row) for row in rows).encode()


def _xlsx(rows: list[list[str]]) -> bytes:
    width = max(len(r) for r in rows)
    padded = [[cell for cell in row] + [""] * (width - len(row)) for row in rows]
    return hostile.xlsx([[c for c in row] for row in padded])


def _ods(rows: list[list[str]]) -> bytes:
    body = "".join(hostile.ods_row(row) for row in rows)
    return hostile.ods(body)


def _mapping() -> bytes:
    return "Mã hệ thống: app_id\nTên hệ thống: name\nĐơn vị quản lý: owner_agency\nGhi chú:\n".encode()


# ---- mutators ------------------------------------------------------------------------------------


def flip_bits(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))]


def repeat_lines(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    i = rng.randrange(len(lines))
    return b"\n".join(lines[:i] + [lines[i]] * rng.choice([2, 50, 5000]) + lines[i:])


def insert_oddities(data: bytes, rng: random.Random) -> bytes:
    odd = rng.choice([b"\x00", b'"', b"1" + b"0" * 400, b"inf", b"-1e999", b"\r", b"((((" * 500, b";" * 3000])
    i = rng.randrange(len(data))
    return data[:i] + odd + data[i:]


def lie_about_sizes(data: bytes, rng: random.Random) -> bytes:
    """Change the declared uncompressed size of one zip member in the central directory."""
    out = bytearray(data)
    central = [i for i in range(len(out) - 46) if out[i : i + 4] == b"PK\x01\x02"]
    if not central:
        return flip_bits(data, rng)
    at = rng.choice(central)
    out[at + 24 : at + 28] = rng.choice([0, 1, 2**31 - 1, 2**32 - 1]).to_bytes(4, "little")
    return bytes(out)


def mutate_part(data: bytes, rng: random.Random) -> bytes:
    """Unpack one XML part, mutate its text (declarations included), pack it again: reaches the parser."""
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        names = source.namelist()
    except (zipfile.BadZipFile, ValueError, zlib.error):
        return flip_bits(data, rng)
    target = rng.choice([n for n in names if n.endswith(".xml")] or names)
    text = source.read(target)
    text = rng.choice(
        [
            lambda t: flip_bits(t, rng),
            lambda t: truncate(t, rng),
            lambda t: t.replace(b'r="', b'r="XFD', 1),
            lambda t: t.replace(b"<row ", b'<row spans="1:16384" ', 1).replace(b'r="2"', b'r="1048576"', 1),
            lambda t: t.replace(
                b"table:table-row>", b'table:table-row table:number-rows-repeated="999999">', 1
            ),
            lambda t: t.replace(b"<sheetData>", b'<dimension ref="A1:ZZ900000"/><sheetData>', 1),
            lambda t: (
                t.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "b">]>', 1)
                if b"?>" in t
                else b"<!DOCTYPE x>" + t
            ),
            lambda t: t.decode("utf-8", "replace").encode("utf-16"),
        ]
    )(text)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.writestr(hostile.entry(name), text if name == target else source.read(name))
    return buffer.getvalue()


def nest(data: bytes, rng: random.Random) -> bytes:
    depth = rng.choice([50, 5000])
    return b"a: " + b"[" * depth + b"]" * depth + b"\n" + data


def alias(data: bytes, rng: random.Random) -> bytes:
    return hostile.alias_bomb_yaml(rng.choice([3, 9])) + data


Mutator = Callable[[bytes, random.Random], bytes]
ZIP_MUTATORS: tuple[Mutator, ...] = (flip_bits, truncate, lie_about_sizes, mutate_part, mutate_part)
CSV_MUTATORS: tuple[Mutator, ...] = (flip_bits, truncate, repeat_lines, insert_oddities, insert_oddities)
YAML_MUTATORS: tuple[Mutator, ...] = (flip_bits, truncate, nest, alias, insert_oddities)


def cases(seed: int, count: int) -> Iterator[Case]:
    """`count` inputs from `seed`: the same seed gives the same inputs."""
    rng = random.Random(seed)
    bombs = list(hostile.BOMBS.items())
    for i in range(count):
        kind = rng.choice(["xlsx", "csv", "ods", "yaml", "xlsx", "csv"])
        if kind == "yaml":
            data = _mapping()
            mutator = rng.choice(YAML_MUTATORS)
            yield Case(f"{i}-map.yaml", mutator(data, rng), mutator.__name__)
            continue
        if rng.random() < 0.02:
            name, build = rng.choice(bombs)
            yield Case(f"{i}-{name}", build(), "bomb")
            continue
        rows, apps = _rows(rng, rng.randint(0, 30))
        data = {"xlsx": _xlsx, "csv": _csv, "ods": _ods}[kind](rows)
        if rng.random() < 0.15:
            yield Case(f"{i}-generated.{kind}", data, "none", expected_rows=apps)
            continue
        mutator = rng.choice(ZIP_MUTATORS if kind in ("xlsx", "ods") else CSV_MUTATORS)
        yield Case(f"{i}-{mutator.__name__}.{kind}", mutator(data, rng), mutator.__name__)


# ---- the oracle ------------------------------------------------------------------------------------


def check(case: Case) -> tuple[str, float, str | None]:
    """Read one input in this process: ('loaded' | 'refused', seconds, problem or None)."""
    from cloudfit.inventory import load_inventory, load_mapping

    started = time.monotonic()
    problem = None
    outcome = "refused"
    try:
        if case.name.endswith(".yaml"):
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "map.yaml"
                path.write_bytes(case.data)
                load_mapping(path)
        else:
            inventory = load_inventory(case.data, filename=case.name, limits=LIMITS)
            problem = _conservation(case, inventory)
        outcome = "loaded"
    except InputError as error:
        if not str(error).strip():
            problem = "an InputError without a message"
    except CloudfitError as error:
        problem = f"{type(error).__name__} instead of InputError: {error}"
    except BaseException as error:
        if isinstance(error, KeyboardInterrupt):
            raise
        problem = "".join(traceback.format_exception(error))[-1500:]
    seconds = time.monotonic() - started
    if seconds > MAX_SECONDS:
        problem = problem or f"took {seconds:.1f} s (limit {MAX_SECONDS:g} s)"
    return outcome, seconds, problem


def _conservation(case: Case, inventory) -> str | None:
    if inventory.rows_read != inventory.accepted + inventory.rejected:
        return f"rows_read {inventory.rows_read} != accepted {inventory.accepted} + rejected {inventory.rejected}"
    if case.expected_rows is not None and inventory.accepted != case.expected_rows:
        return f"{case.expected_rows} applications generated, {inventory.accepted} read"
    return None


def check_batch(batch: list[Case]) -> list[tuple[str, float, str | None]]:
    return [check(case) for case in batch]


def _cli(case: Case) -> str | None:
    """`cloudfit validate` on the input: exit 0 or 2 and no traceback."""
    from cloudfit.cli import main

    suffix = Path(case.name).suffix
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(case.data)
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            try:
                code = main(["validate", str(path)])
            except SystemExit as exit_:
                code = exit_.code
    if code not in (0, 2) or "Traceback" in err.getvalue():
        return f"cli exit {code}: {err.getvalue()[-500:]}"
    return None


def run(seed: int = 0, count: int = 300, *, cli_every: int = CLI_EVERY) -> Report:
    """Fuzz `count` inputs; the report lists every broken promise (an empty list is a clean run)."""
    from cloudfit.sandbox import Bounds, load_inventory_bounded, run_bounded

    report = Report()
    bounds = Bounds(
        memory_bytes=LIMITS.max_memory_bytes,
        cpu_seconds=BATCH * MAX_SECONDS,
        wall_seconds=BATCH * MAX_SECONDS,
    )
    all_cases = list(cases(seed, count))
    for start in range(0, len(all_cases), BATCH):
        batch = all_cases[start : start + BATCH]
        try:
            results = run_bounded(check_batch, batch, bounds=bounds, name="fuzz batch")
        except InputError:
            results = []
            for case in batch:  # a crash took the batch down: each input alone, through the bounded reader
                try:
                    if case.name.endswith(".yaml"):
                        results.append(check(case))
                        continue
                    results.append(
                        (
                            "loaded",
                            0.0,
                            _conservation(
                                case, load_inventory_bounded(case.data, filename=case.name, limits=LIMITS)
                            ),
                        )
                    )
                except InputError:
                    report.crashes_contained += 1
                    results.append(("refused", 0.0, None))
        for case, (outcome, seconds, problem) in zip(batch, results, strict=True):
            report.inputs += 1
            report.loaded += outcome == "loaded"
            report.refused += outcome == "refused"
            report.slowest = max(report.slowest, seconds)
            if problem:
                report.problems.append(f"{case.name} ({case.mutator}): {problem}")
    for case in all_cases[::cli_every]:
        report.cli_runs += 1
        problem = _cli(case)
        if problem:
            report.problems.append(f"{case.name} ({case.mutator}) via the CLI: {problem}")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    started = time.monotonic()
    report = run(args.seed, args.inputs)
    print(
        f"{report.inputs} inputs in {time.monotonic() - started:.0f} s: {report.loaded} loaded, "
        f"{report.refused} refused with a message ({report.crashes_contained} parser crashes contained), "
        f"{report.cli_runs} through the CLI; slowest {report.slowest:.2f} s"
    )
    for problem in report.problems:
        print("PROBLEM:", problem)
    return 1 if report.problems else 0


if __name__ == "__main__":
    from benchmarks import fuzz  # run as the importable module: the sandbox's children never import __main__

    sys.exit(fuzz.main())
