"""Checks that need the field registry: fields exist, operators and values fit them.

Each problem is reported as (key path, message), e.g.
("fitness.criteria[3].field", "unknown field 'colour'; allowed: ..."), so the
analyst can find the line in the YAML file.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Any

from cloudfit.scoring_model.legal import citation_problem, is_article
from cloudfit.scoring_model.schema import Condition, Criterion, Driver, ScoringModel
from cloudfit.scoring_model.vocabulary import (
    OPERATORS,
    RESERVED_PREFIX,
    Operand,
    is_year_field,
    operands_for,
)

Problem = tuple[str, str]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _describe(operand: Operand) -> str:
    if operand.kind == "category":
        return f"one of: {', '.join(operand.allowed)}"
    if operand.kind in ("int", "float"):
        lo = "" if operand.minimum is None else f" from {operand.minimum:g}"
        hi = "" if operand.maximum is None else f" to {operand.maximum:g}"
        return f"a number{lo}{hi}"
    return f"a {operand.kind}"


def _operand(path: str, name: str | None, stage: str) -> tuple[Operand | None, list[Problem]]:
    operands = operands_for(stage)
    if name in operands:
        return operands[name], []
    return None, [(path, f"unknown field {name!r}; allowed here: {', '.join(operands)}")]


def _check_value(path: str, operand: Operand, op: str, shape: str, cond: Condition) -> list[Problem]:
    value = cond.value
    if shape == "none":
        return [(f"{path}.value", f"operator {op!r} takes no value")] if cond.has_value else []
    if not cond.has_value:
        return [(path, f"operator {op!r} needs a 'value'")]
    if shape == "code":
        if value not in operand.allowed:
            return [(f"{path}.value", f"{value!r} is not a code of {operand.name}; use {_describe(operand)}")]
    elif shape == "codes":
        if not isinstance(value, list) or not value:
            return [(f"{path}.value", f"operator {op!r} needs a list of codes ({_describe(operand)})")]
        bad = [v for v in value if v not in operand.allowed]
        if bad:
            return [
                (f"{path}.value", f"{bad[0]!r} is not a code of {operand.name}; use {_describe(operand)}")
            ]
    elif shape == "number":
        if not _is_number(value):
            return [(f"{path}.value", f"operator {op!r} needs a number, got {value!r}")]
        return _check_range(f"{path}.value", operand, [value])
    elif shape in ("numbers", "pair"):
        ok = isinstance(value, list) and value and all(_is_number(v) for v in value)
        if shape == "pair":
            ok = ok and len(value) == 2 and value[0] <= value[1]
        if not ok:
            need = "[low, high] with low <= high" if shape == "pair" else "a list of numbers"
            return [(f"{path}.value", f"operator {op!r} needs {need}, got {value!r}")]
        return _check_range(f"{path}.value", operand, value)
    return []


def _check_range(path: str, operand: Operand, values: Sequence[float]) -> list[Problem]:
    if operand.kind == "date":
        return []
    for v in values:
        if (operand.minimum is not None and v < operand.minimum) or (
            operand.maximum is not None and v > operand.maximum
        ):
            return [(path, f"{v!r} is outside the range of {operand.name}: {_describe(operand)}")]
    return []


def check_condition(path: str, cond: Condition, stage: str) -> list[Problem]:
    """Problems of one condition tree evaluated at `stage`."""
    if cond.all_ is not None or cond.any_ is not None:
        key, items = ("all", cond.all_) if cond.all_ is not None else ("any", cond.any_)
        return [p for i, c in enumerate(items) for p in check_condition(f"{path}.{key}[{i}]", c, stage)]
    if cond.not_ is not None:
        return check_condition(f"{path}.not", cond.not_, stage)
    operand, problems = _operand(f"{path}.field", cond.field, stage)
    if operand is None:
        return problems
    ops = OPERATORS[operand.kind]
    if cond.op not in ops:
        return [
            (
                f"{path}.op",
                f"operator {cond.op!r} does not fit {operand.name} ({operand.kind}); "
                f"allowed: {', '.join(ops)}",
            )
        ]
    return _check_value(path, operand, cond.op, ops[cond.op], cond)


def condition_fields(cond: Condition | None) -> Iterator[str]:
    """Every operand name a condition reads."""
    if cond is None:
        return
    for child in (cond.all_ or []) + (cond.any_ or []) + ([cond.not_] if cond.not_ is not None else []):
        yield from condition_fields(child)
    if cond.field is not None:
        yield cond.field


def check_criterion(path: str, crit: Criterion, stage: str) -> list[Problem]:
    """The field exists and can be scored, and points or steps fit its kind."""
    operand, problems = _operand(f"{path}.field", crit.field, stage)
    if operand is None:
        return problems
    if operand.kind == "text":
        return [
            (
                f"{path}.field",
                f"{crit.field} is free text and cannot be scored; "
                "score a category, yes/no, number or date field",
            )
        ]
    if crit.measure == "age_years" and not is_year_field(operand):
        return [(f"{path}.measure", f"'age_years' only fits a year field, not {crit.field}")]
    if operand.kind in ("category", "bool"):
        if crit.steps is not None or crit.points is None:
            return [(path, f"{crit.field} is a {operand.kind}: give 'points' (code → 0-1), not 'steps'")]
        codes: tuple[Any, ...] = operand.allowed if operand.kind == "category" else (True, False)
        unknown = [k for k in crit.points if k not in codes]
        if unknown:
            return [
                (
                    f"{path}.points",
                    f"{unknown[0]!r} is not a value of {crit.field}; allowed: {', '.join(map(str, codes))}",
                )
            ]
        absent = [str(c) for c in codes if c not in crit.points]
        if absent:
            return [
                (
                    f"{path}.points",
                    f"points missing for {', '.join(absent)}; give every value of {crit.field} its points",
                )
            ]
        return []
    if crit.points is not None or crit.steps is None:
        return [
            (path, f"{crit.field} is a {operand.kind}: give 'steps' (list of below/points), not 'points'")
        ]
    for i, step in enumerate(crit.steps[:-1]):
        if step.below is None:
            return [(f"{path}.steps[{i}].below", "every step but the last needs 'below'")]
        following = crit.steps[i + 1].below
        if following is not None and following <= step.below:
            return [(f"{path}.steps[{i + 1}].below", "'below' must increase from step to step")]
    if crit.steps[-1].below is not None:
        return [(f"{path}.steps[{len(crit.steps) - 1}]", "the last step has no 'below' (it takes the rest)")]
    return []


def _unique(path: str, ids: Sequence[str]) -> list[Problem]:
    seen: set[str] = set()
    out: list[Problem] = []
    for i, ident in enumerate(ids):
        if ident in seen:
            out.append((f"{path}[{i}].id", f"id {ident!r} is used twice"))
        if ident.startswith(RESERVED_PREFIX):
            out.append(
                (f"{path}[{i}].id", f"ids starting with {RESERVED_PREFIX!r} are reserved for the engine")
            )
        seen.add(ident)
    return out


def _increasing(path: str, names: Sequence[str], values: Sequence[float]) -> list[Problem]:
    for (a, va), (b, vb) in zip(zip(names, values), zip(names[1:], values[1:])):
        if vb <= va:
            return [(f"{path}.{b}", f"must be greater than {a} ({va:g})")]
    return []


def _check_rules(path: str, rules: Sequence[Any], stage: str) -> list[Problem]:
    out = _unique(path, [r.id for r in rules])
    for i, rule in enumerate(rules):
        last = i == len(rules) - 1
        if rule.when is None and not last:
            out.append((f"{path}[{i}].when", "only the last rule may have no 'when' (it catches the rest)"))
        if rule.when is not None:
            if last:
                out.append(
                    (f"{path}[{i}]", "the last rule must have no 'when' so every application gets an outcome")
                )
            out += check_condition(f"{path}[{i}].when", rule.when, stage)
    return out


def check_legal(path: str, item: Any) -> list[Problem]:
    """Citations resolve; a `law` item cites at least one quoted article."""
    out = [(f"{path}.cites[{i}]", p) for i, c in enumerate(item.cites) if (p := citation_problem(c))]
    if item.kind == "law" and not any(is_article(c) for c in item.cites):
        out.append(
            (
                f"{path}.cites",
                "a rule of kind 'law' must cite the article it rests on (text_id:article, see "
                "cloudfit/scoring_model/legal_texts.yaml); otherwise make it kind 'policy' with its rationale",
            )
        )
    return out


def check_driver(path: str, driver: Driver) -> list[Problem]:
    """The driver's field fits its scale, and its condition is valid."""
    out: list[Problem] = []
    if driver.when is not None:
        out += check_condition(f"{path}.when", driver.when, "drivers")
    if driver.scale == "flag":
        if driver.when is None:
            out.append((f"{path}.when", "a 'flag' driver needs 'when' (where its days apply)"))
        return out
    if driver.field is None:
        return [*out, (f"{path}.field", f"a {driver.scale!r} driver needs 'field'")]
    operand, problems = _operand(f"{path}.field", driver.field, "drivers")
    if operand is None:
        return out + problems
    if driver.scale == "per_value":
        if operand.kind != "category" or driver.values is None:
            return [*out, (path, "'per_value' needs a category field and 'values' (code → days)")]
        absent = [c for c in operand.allowed if c not in driver.values]
        extra = [c for c in driver.values if c not in operand.allowed]
        if extra:
            out.append((f"{path}.values", f"{extra[0]!r} is not a code of {driver.field}"))
        if absent:
            out.append((f"{path}.values", f"days missing for {', '.join(absent)}"))
        return out
    if operand.kind not in ("int", "float"):
        out.append((f"{path}.field", f"a {driver.scale!r} driver needs a number field, not {driver.field}"))
    return out


def check_model(model: ScoringModel) -> list[Problem]:
    """Every problem of a structurally valid model that needs the registry to see."""
    out: list[Problem] = []
    fit = model.fitness
    groups = [g.id for g in fit.groups]
    out += _unique("fitness.groups", groups)
    out += _unique("fitness.criteria", [c.id for c in fit.criteria])
    out += [
        (f"fitness.criteria[{i}].id", "'cap_adjustment' is reserved for the column of the caps' effect")
        for i, c in enumerate(fit.criteria)
        if c.id == "cap_adjustment"
    ]
    for i, crit in enumerate(fit.criteria):
        out += check_criterion(f"fitness.criteria[{i}]", crit, "fitness")
        if crit.group not in groups:
            out.append(
                (
                    f"fitness.criteria[{i}].group",
                    f"{crit.group!r} is not a group; use one of: {', '.join(groups)}",
                )
            )
    if not any(c.weight > 0 for c in fit.criteria):
        out.append(("fitness.criteria", "at least one criterion needs a weight above 0"))
    out += _unique("fitness.caps", [c.id for c in fit.caps])
    b = fit.bands
    lows = [b.yellow_red, b.yellow, b.yellow_green, b.green]
    names = ["red", "yellow_red", "yellow", "yellow_green", "green"]
    for i, cap in enumerate(fit.caps):
        out += check_condition(f"fitness.caps[{i}].when", cap.when, "caps")
        out += check_legal(f"fitness.caps[{i}]", cap)
        landed = names[sum(cap.max >= low for low in lows)]
        if cap.band is not None and landed != cap.band:
            out.append(
                (
                    f"fitness.caps[{i}].max",
                    f"{cap.max:g} lands in band {landed}, not in {cap.band} as 'band' says",
                )
            )
    out += _increasing(
        "fitness.bands",
        ["yellow_red", "yellow", "yellow_green", "green"],
        [b.yellow_red, b.yellow, b.yellow_green, b.green],
    )

    eff = model.effort
    out += _unique("effort.factors", [c.id for c in eff.factors])
    for i, crit in enumerate(eff.factors):
        out += check_criterion(f"effort.factors[{i}]", crit, "effort")
    if not any(c.weight > 0 for c in eff.factors):
        out.append(("effort.factors", "at least one factor needs a weight above 0"))
    out += _increasing("effort.sizes", ["M", "L", "XL"], [eff.sizes.M, eff.sizes.L, eff.sizes.XL])
    out += _unique("effort.drivers", [d.id for d in eff.drivers])
    for i, driver in enumerate(eff.drivers):
        out += check_driver(f"effort.drivers[{i}]", driver)

    out += _unique("constraints", [c.id for c in model.constraints])
    for i, con in enumerate(model.constraints):
        out += check_condition(f"constraints[{i}].when", con.when, "constraints")
        out += check_legal(f"constraints[{i}]", con)
        if con.deployment is not None and "deployment" in set(condition_fields(con.when)):
            out.append(
                (
                    f"constraints[{i}].deployment",
                    "a constraint that reads the deployment may only restrict the strategy",
                )
            )
    out += _check_rules("deployment.rules", model.deployment.rules, "deployment")
    out += _check_rules("strategy.rules", model.strategy.rules, "strategy")
    out += _check_rules("target_platform.rules", model.target_platform.rules, "target_platform")
    follow = model.deployment.follow_strategy
    out += _unique("deployment.follow_strategy", [r.id for r in follow])
    for i, rule in enumerate(follow):
        if rule.when is None:
            out.append((f"deployment.follow_strategy[{i}].when", "every follow-strategy rule needs 'when'"))
        else:
            out += check_condition(f"deployment.follow_strategy[{i}].when", rule.when, "follow_strategy")
        out += check_legal(f"deployment.follow_strategy[{i}]", rule)
    for key, rules in (
        ("deployment.rules", model.deployment.rules),
        ("strategy.rules", model.strategy.rules),
        ("target_platform.rules", model.target_platform.rules),
    ):
        for i, rule in enumerate(rules):
            out += check_legal(f"{key}[{i}]", rule)
    out += _unique("consistency_checks", [c.id for c in model.consistency_checks])
    for i, check in enumerate(model.consistency_checks):
        out += check_condition(f"consistency_checks[{i}].when", check.when, "consistency")
        out += check_legal(f"consistency_checks[{i}]", check)

    pri = model.priority
    for key, crits in (("opportunity", pri.opportunity), ("risk", pri.risk)):
        out += _unique(f"priority.{key}", [c.id for c in crits])
        for i, crit in enumerate(crits):
            out += check_criterion(f"priority.{key}[{i}]", crit, "priority")
        if not any(c.weight > 0 for c in crits):
            out.append((f"priority.{key}", "at least one criterion needs a weight above 0"))
    w = pri.weights
    if w.opportunity + w.ease + w.risk <= 0:
        out.append(("priority.weights", "at least one weight must be above 0"))
    out += check_condition("quick_win.when", model.quick_win.when, "quick_win")
    shares = model.confidence
    total = shares.fitness + shares.effort + shares.decisions + shares.priority
    if abs(total - 1) > 1e-9:
        out.append(("confidence", f"the shares must add up to 1 (they add up to {total:g})"))
    out += check_views(model)
    return out


def check_views(model: ScoringModel) -> list[Problem]:
    """The optional `time_quadrant` and `robustness` sections: fields exist and fit their use."""
    out: list[Problem] = []
    value = model.time_quadrant.value
    out += _unique("time_quadrant.value", [c.id for c in value])
    for i, crit in enumerate(value):
        out += check_criterion(f"time_quadrant.value[{i}]", crit, "fitness")
    if not any(c.weight > 0 for c in value):
        out.append(("time_quadrant.value", "at least one criterion needs a weight above 0"))
    operands = operands_for("fitness")
    for i, name in enumerate(model.robustness.graded_fields):
        operand = operands.get(name)
        if operand is None or operand.computed or operand.kind not in ("category", "int"):
            out.append(
                (
                    f"robustness.graded_fields[{i}]",
                    f"{name!r} is not a graded inventory field; use a category or whole-number field",
                )
            )
    return out
