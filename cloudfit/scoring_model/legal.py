"""The legal texts rules may cite, and which of them are in force on a date.

Data in `legal_texts.yaml`, read once with `yaml.safe_load`. A citation is
`text_id:article` (or just `text_id`); `basis_text` renders the citations in
force on the assessment date and leaves out a superseded text, so a rule
written for both Decree 13/2023 and the Personal Data Protection Law cites
the right one for the date assessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Literal

import yaml

TEXTS_FILE = Path(__file__).with_name("legal_texts.yaml")


@dataclass(frozen=True)
class Article:
    """One cited article: its English rendering and its Vietnamese, quoted or paraphrased."""

    en: str
    vi: str
    vi_form: Literal["quote", "paraphrase"]
    vi_ref: str = ""

    def __post_init__(self) -> None:
        if not (self.en.strip() and self.vi.strip()) or self.vi_form not in ("quote", "paraphrase"):
            raise ValueError(f"an article needs 'en', 'vi' and vi_form quote|paraphrase, not {self!r}")


@dataclass(frozen=True)
class LegalText:
    """One legal text with its validity dates and quoted articles, in English and Vietnamese."""

    id: str
    title: str
    title_vi: str
    in_force: dt.date | None
    until: dt.date | None
    replaced_by: str | None
    articles: Mapping[str, Article]

    def in_force_on(self, day: dt.date) -> bool:
        """True when `day` lies between the text's first and last day in force."""
        if isinstance(day, dt.datetime):  # pandas Timestamps too
            day = day.date()
        return (self.in_force is None or self.in_force <= day) and (self.until is None or day <= self.until)


@cache
def legal_texts() -> Mapping[str, LegalText]:
    """Every citable text by id."""
    data = yaml.safe_load(TEXTS_FILE.read_text(encoding="utf-8"))
    return MappingProxyType(
        {
            t["id"]: LegalText(
                t["id"],
                t["title"]["en"],
                t["title"]["vi"],
                t.get("in_force"),
                t.get("until"),
                t.get("replaced_by"),
                MappingProxyType({key: Article(**a) for key, a in (t.get("articles") or {}).items()}),
            )
            for t in data["texts"]
        }
    )


def split_citation(citation: str) -> tuple[str, str | None]:
    """'decree_85_2016:art8' → ('decree_85_2016', 'art8')."""
    text_id, _, article = citation.partition(":")
    return text_id, article or None


def citation_problem(citation: str) -> str | None:
    """Why a citation cannot be resolved, or None when it can."""
    text_id, article = split_citation(citation)
    text = legal_texts().get(text_id)
    if text is None:
        return f"unknown legal text {text_id!r}; known texts: {', '.join(legal_texts())}"
    if article is not None and article not in text.articles:
        return f"{text_id} has no quoted article {article!r}; quoted: {', '.join(text.articles)}"
    return None


def is_article(citation: str) -> bool:
    """A citation of a specific article (not a text's general description)."""
    _, article = split_citation(citation)
    return article is not None and article != "general"


def in_force(citations: Iterable[str], day: dt.date) -> list[str]:
    """The citations whose text is in force on `day`, in the given order."""
    texts = legal_texts()
    return [c for c in citations if texts[split_citation(c)[0]].in_force_on(day)]


def render(citation: str, lang: str = "en") -> str:
    """'Title: “quote”' (or just the title for a text cited as a whole), in `lang`.

    Vietnamese quotes only an article whose official wording is recorded
    (`vi_form: quote`); a paraphrase is labelled as a summary, never put in
    quotation marks.
    """
    text_id, article = split_citation(citation)
    text = legal_texts()[text_id]
    if lang != "vi":
        return text.title if article is None else f"{text.title}: “{text.articles[article].en}”"
    if article is None:
        return text.title_vi
    part = text.articles[article]
    where = f"{text.title_vi}, {part.vi_ref}" if part.vi_ref else text.title_vi
    if part.vi_form == "quote":
        return f"{where}: “{part.vi}”"
    return f"{where} (tóm lược): {part.vi}"


def not_in_force_note(day: dt.date, lang: str = "en") -> str:
    """What a law rule says when none of the texts it cites is in force on `day`."""
    if lang == "vi":
        return f"(không văn bản nào được viện dẫn còn hiệu lực vào ngày {day:%d/%m/%Y})"
    return f"(no text it cites is in force on {day:%Y-%m-%d})"


def basis_text(kind: str, basis: str, citations: Iterable[str], day: dt.date) -> str:
    """What an explanation shows as a rule's basis on `day` (in English; `model_text` renders Vietnamese).

    Law: the in-force citations with their quoted articles (then the rule's
    own note). Policy: the rationale, then the texts it leans on that are in
    force. A law rule whose texts are all out of force says so instead of
    citing them.
    """
    cited = [render(c) for c in in_force(citations, day)]
    parts = [basis] if basis else []
    if kind == "law" and not cited and list(citations):
        parts.append(not_in_force_note(day))
    return " ".join([*parts, *(f"[{c}]" for c in cited)]).strip()
