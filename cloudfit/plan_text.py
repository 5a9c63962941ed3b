"""The planner's and the findings' sentences in the reader's language, for the workbook and the UI.

The planner writes its notes (hybrid links, decommission reasons) and the
findings their messages in English where they are made; a Vietnamese
reader gets them from the locale files: a hybrid note by the kind of cloud,
a decommission reason by the model's reason and the count of users left, a
finding's message and action from the message catalogue with their own
values (`message_text`), else by its code's title and generic action (its
place and value stay in their own columns).
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from cloudfit import i18n
from cloudfit.message_text import finding_action, finding_message
from cloudfit.model_text import translate_series
from cloudfit.waves.tables import EXTERNAL_NOTE, HYBRID_NOTES, TEMPORARY_NOTE

_STILL_USED = re.compile(r"^(?P<reason>.*?)(?: (?P<n>\d+) application\(s\) still depend on it;.*)?$", re.S)


def hybrid_notes(notes: pd.Series, lang: str) -> pd.Series:
    """Hybrid-link notes in `lang` (mapped by the cloud kind each English note names)."""
    if lang == "en":
        return notes
    table = {text: i18n.t(f"hybrid.note.{kind or 'any'}", lang) for kind, text in HYBRID_NOTES.items()}
    table |= {
        TEMPORARY_NOTE: i18n.t("hybrid.note.temporary", lang),
        EXTERNAL_NOTE: i18n.t("hybrid.note.external", lang),
    }
    objects = notes.astype(object)
    return objects.map({text: table.get(text, text) for text in pd.unique(objects.dropna())})


def decommission_reasons(reasons: pd.Series, lang: str, model: Any = None) -> pd.Series:
    """Decommission reasons in `lang`: the model's reason, then how many applications still use it."""
    if lang == "en":
        return reasons
    parts = reasons.astype(str).str.extract(_STILL_USED)
    base = parts["reason"].replace("Strategy: retire.", i18n.t("plan.retire_reason", lang))
    text = translate_series(base, lang, model)
    users = parts["n"]
    suffix = users.map(lambda n: " " + i18n.t("plan.still_used", lang).format(n=n), na_action="ignore")
    return text + suffix.fillna("")


def finding_messages(codes: pd.Series, messages: pd.Series, actions: pd.Series, lang: str):
    """(message, action) columns of findings in `lang`: each sentence from the message catalogue with its
    own values, else the code's title and generic action (one translation per distinct sentence)."""
    if lang == "en":
        return messages, actions
    table = i18n.MESSAGES[lang]

    def column(texts: pd.Series, translate, fallback: str) -> pd.Series:
        pairs = pd.Series(
            list(zip(codes.astype(object), texts.astype(object))), index=codes.index, dtype=object
        )
        distinct = {pair: translate(pair[0], pair[1], lang) for pair in pd.unique(pairs)}
        found = pairs.map(lambda pair: distinct[pair])
        return found.fillna(codes.map(lambda code: table.get(f"finding.{code}.{fallback}"))).fillna(texts)

    return column(messages, finding_message, "title"), column(actions, finding_action, "todo")


def findings_in(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A findings table (`findings_frame`) with its message and action in `lang`; place and value kept."""
    if lang == "en" or frame.empty:
        return frame
    messages, actions = finding_messages(frame["code"], frame["message"], frame["action"], lang)
    return frame.assign(message=messages, action=actions)
