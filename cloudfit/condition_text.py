"""A model condition in plain words: "Security level is 3 or more and Citizen-facing: yes".

Reviewers read rules, not code: field names become their labels, the
operators words, computed codes (deployment, strategy, band) their labels,
in English or Vietnamese. The model sheet and the app show rules this way;
the JSON keeps the structured condition.
"""

from __future__ import annotations

from typing import Any

from cloudfit import formatting, i18n
from cloudfit.fields import FIELDS_BY_NAME

_CODE_LABELS = {"deployment": i18n.deployment_label, "strategy": i18n.strategy_label,
                "band": i18n.band_label, "effort_size": i18n.effort_label}  # fmt: skip


def _operand(name: str, lang: str) -> str:
    if name in FIELDS_BY_NAME:
        return i18n.field_label(name, lang)
    return i18n.MESSAGES[lang].get(f"col.{name}", name)


def _number(value: Any, lang: str) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    decimals = 0 if isinstance(value, int) else len(repr(float(value)).split(".")[1])
    return formatting.number(value, lang, decimals)


def _value(field: str, value: Any, lang: str) -> str:
    label = _CODE_LABELS.get(field)
    if isinstance(value, (list, tuple)):
        if len(value) == 2 and all(isinstance(v, (int, float)) for v in value):
            return "–".join(_number(v, lang) for v in value)
        return ", ".join(_value(field, v, lang) for v in value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _number(value, lang)
    return label(value, lang) if label else f"“{value}”"


def condition_plain(condition: Any, lang: str = "en") -> str:
    """The condition as a sentence part; `None` (no condition) reads "always"."""
    t = i18n.t
    if condition is None:
        return t("cond.always", lang)
    if condition.field is not None:
        value = _value(condition.field, condition.value, lang) if condition.has_value else ""
        template = i18n.MESSAGES[lang].get(f"cond.op.{condition.op}", f"{{field}} {condition.op} {{value}}")
        return template.format(field=_operand(condition.field, lang), value=value).strip()
    if condition.all_ is not None or condition.any_ is not None:
        parts = condition.all_ if condition.all_ is not None else condition.any_
        joiner = t("cond.and" if condition.all_ is not None else "cond.or", lang)
        return joiner.join(_nested(part, lang) for part in parts)
    return t("cond.not", lang).format(condition=condition_plain(condition.not_, lang))


def _nested(condition: Any, lang: str) -> str:
    text = condition_plain(condition, lang)
    return f"({text})" if condition.field is None and condition.not_ is None else text
