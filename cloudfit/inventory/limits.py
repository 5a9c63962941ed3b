"""Limits that keep a hostile or runaway upload from exhausting the machine.

Uploads are treated as hostile: the size of the file, the size of what a
zip-based workbook unpacks to, the number of rows and the wall-clock time
are all bounded, and each breach is one clear `InputError`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from cloudfit.errors import InputError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Bounds on one inventory file; pass a custom one to `load_inventory` to widen or tighten them.

    `max_uncompressed_bytes` (all parts) and `max_part_bytes` (any one
    part) are checked by unpacking an xlsx/xlsm/ods in bounded chunks before
    any parser sees it (zip bombs). `max_columns`, `max_cells` and
    `max_shared_strings` are checked against what the workbook declares
    (dimensions, cell references, shared-string counts, ODS repeat
    attributes) before the parser allocates anything. `max_seconds`,
    `max_cpu_seconds` and `max_memory_bytes` bound the child process that
    parses an upload (`cloudfit.sandbox`); `max_seconds` is also checked
    between reading stages.
    """

    max_bytes: int = 50 * MB
    max_rows: int = 200_000
    # About five links per application at the row limit: national inventories
    # average three, and the dependencies sheet has one row per link.
    max_dependency_rows: int = 1_000_000
    max_uncompressed_bytes: int = 1024 * MB
    max_part_bytes: int = 512 * MB
    max_zip_members: int = 10_000
    max_columns: int = 1_000
    max_cells: int = 20_000_000
    max_shared_strings: int = 5_000_000
    max_seconds: float = 120.0
    max_cpu_seconds: float = 120.0
    max_memory_bytes: int = 3 * 1024 * MB

    def __post_init__(self) -> None:
        for name in (
            "max_bytes",
            "max_rows",
            "max_dependency_rows",
            "max_uncompressed_bytes",
            "max_part_bytes",
            "max_zip_members",
            "max_columns",
            "max_cells",
            "max_shared_strings",
            "max_seconds",
            "max_cpu_seconds",
            "max_memory_bytes",
        ):
            if getattr(self, name) <= 0:
                raise ValueError(f"Limits.{name} must be positive")

    @property
    def max_sheet_rows(self) -> int:
        """Rows any one sheet may have before its role (applications or links) is known."""
        return max(self.max_rows, self.max_dependency_rows)


def check_rows(source: str, sheet: str, rows: int, limit: int, what: str) -> None:
    """Refuse a sheet with more rows than `limit`, saying how to get under it."""
    if rows > limit:
        raise InputError(
            f"{source}: sheet '{sheet}' has {rows:,} {what}, more than the limit of {limit:,}. "
            "Split the inventory into several files or raise the row limit."
        )


DEFAULT_LIMITS = Limits()


class Deadline:
    """Wall-clock budget for one load; `check` raises once it is spent."""

    def __init__(self, limits: Limits, source: str) -> None:
        self._end = time.monotonic() + limits.max_seconds
        self._limits = limits
        self._source = source

    def check(self, stage: str) -> None:
        if time.monotonic() > self._end:
            raise InputError(
                f"{self._source}: reading took longer than {self._limits.max_seconds:g} s (while {stage}). "
                "Split the inventory into smaller files or remove unused sheets and columns."
            )


def human_bytes(n: int) -> str:
    """Sizes in messages the way a person reads them."""
    if n >= MB:
        return f"{n / MB:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"
