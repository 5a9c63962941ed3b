"""YAML and JSON from users, bounded by construction: size, aliases, nesting and the text itself.

Mapping and scoring-model files are small, so they are parsed in process,
but a 1 KB YAML "billion laughs" (aliases of aliases) or a file nested ten
thousand levels deep must not cost gigabytes or a `RecursionError`. The
loader counts aliases and depth while composing, refuses files beyond a
size cap or expanding (through aliases) to more than `MAX_NODES` values, and checks every string for lone surrogates and control
characters (which break printing, JSON and the workbook later). Only
`yaml.SafeLoader` is used: no Python tags.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from cloudfit.errors import CloudfitError

MAX_BYTES = 1_000_000
MAX_ALIASES = 20
MAX_DEPTH = 40
MAX_NODES = 200_000  # values once aliases are expanded: a model has a few thousand
_BRACKETS = re.compile(r"[^\[\]{}]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class _TooComplex(Exception):
    """Raised inside the composer; turned into the caller's error with the file's name."""


class BoundedLoader(yaml.SafeLoader):
    """`SafeLoader` that stops at `MAX_ALIASES` aliases and `MAX_DEPTH` levels of nesting."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._aliases = 0
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise _TooComplex(f"it uses more than {MAX_ALIASES} aliases (*name references)")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _TooComplex(f"it is nested more than {MAX_DEPTH} levels deep")
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def read_bounded(path: Path, error: type[CloudfitError], what: str, max_bytes: int = MAX_BYTES) -> str:
    """The UTF-8 text of a small user file, read by count (pipes too) and refused beyond `max_bytes`."""
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise error(f"{what} {path} does not exist. Check the path.") from None
    except OSError as problem:
        raise error(f"{what} {path} cannot be read ({problem.strerror or problem}).") from None
    if len(data) > max_bytes:
        raise error(f"{what} {path} is larger than {max_bytes // 1000} kB; is it the right file?")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        raise error(f"{what} {path} is not UTF-8 text: {problem.reason}.") from None


def load_text(text: str, *, source: str, error: type[CloudfitError], as_json: bool = False) -> Any:
    """Parse YAML (or JSON) text within the bounds; every failure is one `error` naming `source`.

    YAML syntax errors propagate as `yaml.YAMLError` so callers can word
    them with the line and column.
    """
    if len(text) > MAX_BYTES:
        raise error(f"{source} is larger than {MAX_BYTES // 1000} kB; is it the right file?")
    if _bracket_depth(text) > MAX_DEPTH:
        raise error(f"{source} is refused: it is nested more than {MAX_DEPTH} levels deep.")
    try:
        if as_json:
            data = json.loads(text)
        else:
            loader = BoundedLoader(text)
            try:
                data = loader.get_single_data()
            finally:
                loader.dispose()
    except _TooComplex as problem:
        raise error(f"{source} is refused: {problem}.") from None
    except RecursionError:
        raise error(f"{source} is refused: it is nested more than {MAX_DEPTH} levels deep.") from None
    except ValueError as problem:
        raise error(f"{source} is not valid JSON ({problem}).") from None
    check_plain(data, source=source, error=error)
    return data


def _bracket_depth(text: str) -> int:
    """The deepest nesting of [ and { (quotes ignored: an over-estimate is harmless at this bound).

    Checked before parsing because PyYAML's scanner is quadratic in the depth
    of flow collections: 5,000 '[' cost it tens of seconds before the
    composer's own depth check is reached.
    """
    brackets = _BRACKETS.sub("", text)
    if not brackets:
        return 0
    opening = np.frombuffer(brackets.encode("ascii"), dtype=np.uint8)
    steps = np.where((opening == ord("[")) | (opening == ord("{")), 1, -1)
    return int(np.cumsum(steps).max())


def check_plain(data: Any, *, source: str, error: type[CloudfitError]) -> None:
    """Refuse deep nesting, huge expansions and strings with lone surrogates or control characters.

    Shared values (YAML aliases) are visited once, and the expanded size is
    counted with a memo, so a "billion laughs" costs as much as its text.
    """
    seen: set[int] = set()
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise error(f"{source} is refused: it is nested more than {MAX_DEPTH} levels deep.")
        if isinstance(value, str):
            _check_string(value, source, error)
        elif isinstance(value, dict | list | tuple) and id(value) not in seen:
            seen.add(id(value))
            items = [x for pair in value.items() for x in pair] if isinstance(value, dict) else value
            stack.extend((item, depth + 1) for item in items)
    if _expanded(data, {}) > MAX_NODES:
        raise error(
            f"{source} is refused: its aliases expand to more than {MAX_NODES:,} values; write the values out."
        )


def _expanded(value: Any, memo: dict[int, int]) -> int:
    if not isinstance(value, dict | list | tuple):
        return 1
    key = id(value)
    if key not in memo:
        items = value.values() if isinstance(value, dict) else value
        memo[key] = 1 + sum(_expanded(item, memo) for item in items)
    return memo[key]


def _check_string(text: str, source: str, error: type[CloudfitError]) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise error(
            f"{source} is refused: the text {text[:40].encode('utf-8', 'replace').decode()!r} holds a lone "
            "surrogate (an invalid character); save the file again as UTF-8."
        ) from None
    found = _CONTROL.search(text)
    if found is not None:
        bad = found.group()
        raise error(
            f"{source} is refused: the text {text[:40].encode('unicode_escape').decode()!r} holds the "
            f"control character U+{ord(bad):04X}; remove it."
        )
