"""Scoring models: YAML files in `scoring_models/`, read safely and validated.

    model = load_model("default")            # a bundled model by name
    model = load_model("my_ministry.yaml")   # or any file

A broken file raises one `ModelError` that names the file, the key path of
each problem (e.g. `fitness.criteria[3].field`) and what is allowed there.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from cloudfit.errors import ModelError
from cloudfit.safeload import load_text, read_bounded
from cloudfit.scoring_model.checks import check_model
from cloudfit.scoring_model.schema import Condition, Criterion, ScoringModel

__all__ = ["MODELS_DIR", "Condition", "Criterion", "ModelError", "ScoringModel", "list_models", "load_model"]

MODELS_DIR = Path(__file__).resolve().parents[2] / "scoring_models"
_MAX_PROBLEMS = 12
_MAX_BYTES = 1_000_000


def list_models() -> list[str]:
    """Names of the bundled models, sorted."""
    return sorted(p.stem for p in MODELS_DIR.glob("*.yaml"))


def _path_of(name_or_path: str | Path) -> Path:
    text = str(name_or_path)
    if (
        isinstance(name_or_path, str)
        and not text.endswith((".yaml", ".yml"))
        and "/" not in text
        and "\\" not in text
    ):
        path = MODELS_DIR / f"{text}.yaml"
        if not path.is_file():
            raise ModelError(
                f"There is no bundled scoring model named {text!r}. Bundled models: "
                f"{', '.join(list_models())}; or give the path of a .yaml file."
            )
        return path
    path = Path(name_or_path)
    if not path.is_file():
        raise ModelError(f"Scoring model file {path} does not exist.")
    return path


def _format_loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif str(part).startswith(("function-", "list[", "dict[")):
            continue
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def _pydantic_problems(error: ValidationError) -> list[tuple[str, str]]:
    problems = []
    for e in error.errors(include_url=False):
        loc = tuple(p for p in e["loc"] if p not in ("nullable",))
        msg = e["msg"].removeprefix("Value error, ")
        if e["type"] == "missing":
            msg = "required key is missing"
        elif e["type"] in (
            "float_type",
            "int_type",
            "string_type",
            "bool_type",
            "list_type",
            "dict_type",
            "model_type",
            "literal_error",
            "greater_than_equal",
            "less_than_equal",
            "finite_number",
            "string_pattern_mismatch",
            "too_short",
            "string_too_short",
        ):
            msg = f"{msg} (got {e['input']!r})"
        problems.append((_format_loc(loc), msg))
    return problems


def _fail(path: Path, problems: list[tuple[str, str]]) -> ModelError:
    lines = [f"  - {where}: {what}" for where, what in problems[:_MAX_PROBLEMS]]
    more = len(problems) - _MAX_PROBLEMS
    if more > 0:
        lines.append(f"  … and {more} more")
    return ModelError(f"Scoring model {path} is invalid:\n" + "\n".join(lines))


def _read_yaml(path: Path, text: str) -> Any:
    try:
        return load_text(text, source=f"Scoring model {path}", error=ModelError)
    except yaml.constructor.ConstructorError as error:
        where = f" (line {error.problem_mark.line + 1})" if error.problem_mark else ""
        raise ModelError(
            f"Scoring model {path} uses a YAML tag that is not allowed{where}: "
            f"{error.problem}. Scoring models are plain data (maps, lists, text, numbers)."
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise ModelError(f"Scoring model {path} is not valid YAML{where}: {problem}.") from None


def load_model(name_or_path: str | Path) -> ScoringModel:
    """A bundled model by name (see `list_models`) or a model file by path, validated.

    The same text at the same path gives the same (immutable) model without parsing it again:
    the bounded YAML reader is pure Python and costs a few tenths of a second per model.
    """
    path = _path_of(name_or_path)
    return _validated(path, read_bounded(path, ModelError, "Scoring model", _MAX_BYTES))


@lru_cache(maxsize=16)
def _validated(path: Path, text: str) -> ScoringModel:
    data = _read_yaml(path, text)
    if not isinstance(data, dict):
        raise _fail(path, [("(top level)", "the file must be a map of keys (name, version, fitness, …)")])
    try:
        model = ScoringModel.model_validate(data)
    except ValidationError as error:
        raise _fail(path, _pydantic_problems(error)) from None
    problems = check_model(model)
    if problems:
        raise _fail(path, problems)
    model._source_file = str(path)
    model._checksum = hashlib.sha256(path.read_bytes()).hexdigest()
    return model
