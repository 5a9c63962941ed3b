"""Finding English left in Vietnamese output: lines with two or more English function words.

Vietnamese text has none of these words ("to", "in" and "a" are Vietnamese
words too, so they are not in the list); a Vietnamese phrase that quotes
an English strategy name, "Chuyển nguyên trạng (Rehost)", has at most one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

ENGLISH_WORDS = frozenset(
    [
        "the",
        "and",
        "of",
        "is",
        "are",
        "with",
        "for",
        "be",
        "not",
        "this",
        "that",
        "by",
        "from",
        "its",
        "must",
        "should",
        "was",
        "will",
        "than",
        "or",
        "what",
        "when",
        "which",
        "there",
        "their",
        "these",
        "those",
        "has",
        "have",
        "been",
    ]
)
_WORD = re.compile(r"[A-Za-z]+")


def english_sentences(texts: Iterable[str]) -> list[str]:
    """The texts (split into lines) that read as English: two distinct English function words or more."""
    found = []
    for text in texts:
        for line in str(text).splitlines():
            words = {w.lower() for w in _WORD.findall(line)}
            if len(words & ENGLISH_WORDS) >= 2:
                found.append(line)
    return found
