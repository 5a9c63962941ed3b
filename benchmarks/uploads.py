"""Concurrent uploads: N sessions read an N-row inventory at once, in the server's threads or in bounded children.

    python -m benchmarks.uploads [--size 10000] [--sessions 10]

The app server runs every session in a thread of one process; reading in
that process serialises the sessions on the GIL, while reading through
`cloudfit.sandbox` lets them use every core. Prints the wall time until
every session has its inventory, and the time of one upload alone. A
report, never a test.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.generate import generate_inventory, write_inventory_xlsx
from cloudfit.inventory import load_inventory
from cloudfit.sandbox import load_inventory_bounded


def _concurrently(read: Callable[[bytes], object], data: bytes, sessions: int) -> tuple[float, list[float]]:
    each: list[float] = []
    lock = threading.Lock()

    def session() -> None:
        started = time.perf_counter()
        read(data)
        with lock:
            each.append(time.perf_counter() - started)

    threads = [threading.Thread(target=session) for _ in range(sessions)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, each


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--sessions", type=int, default=10)
    args = parser.parse_args(argv)
    apps, deps = generate_inventory(args.size)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "inventory.xlsx"
        write_inventory_xlsx(apps, deps, path)
        data = path.read_bytes()
    readers = {
        "in the server process": lambda d: load_inventory(d, filename="upload.xlsx"),
        "in bounded children": lambda d: load_inventory_bounded(d, filename="upload.xlsx"),
    }
    print(f"{args.sessions} concurrent uploads of {args.size:,} applications ({len(data) / 1e6:.1f} MB xlsx)")
    for label, read in readers.items():
        read(data)  # warm: imports, the fork server
        started = time.perf_counter()
        read(data)
        alone = time.perf_counter() - started
        wall, each = _concurrently(read, data, args.sessions)
        print(
            f"  {label}: one alone {alone:.2f} s; all {args.sessions} done in {wall:.2f} s "
            f"(median session {statistics.median(each):.2f} s, slowest {max(each):.2f} s)"
        )


if __name__ == "__main__":
    main()
