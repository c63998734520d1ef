"""Citations of the premium features: which course passages a synthesis or a mentor plan
rests on (the shape of SPEC 3.3: ``{index, lesson_id, course_id, title, heading, snippet}``).

The passages sent to the AI are numbered from 1 in the order sent; the text cites passage
``n`` with the marker ``[n]``. Markers of numbers that were not sent (or of material that is
not a passage, such as the plan's own notes) are removed. A text that cites nothing with
markers (the offline ``local`` writer quotes without them) is cited by the passages it
quotes: those with a run of :data:`QUOTE_WORDS` words in the text.

Tutoring has its own citations (its domain is not shared): the marker rule and the relevance
rule here follow ``tutoring.domain.citations`` and ``tutoring.domain.grounding``.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final
from uuid import UUID

SNIPPET_LENGTH: Final = 300
QUOTE_WORDS: Final = 8
"""A passage is quoted when this many of its words in a row appear in the text."""
LEXICAL_WEIGHT: Final = 0.35
"""Relevance = similarity + this share of the goal's words found in the passage."""
MIN_RELEVANCE: Final = 0.32
"""A lesson is relevant to a goal when its best passage is at least this relevant."""
_MARKER = re.compile(r"[ \t]?(?<![\w)`])\[(?P<n>\d{1,3})\]")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Citation:
    index: int
    lesson_id: UUID
    course_id: UUID
    title: str
    heading: str | None
    snippet: str


@dataclass(frozen=True, slots=True)
class Source:
    """A passage sent to the AI: ``markdown`` is what the AI reads, ``text`` (plain) makes
    the snippet."""

    lesson_id: UUID
    course_id: UUID
    title: str
    heading: str | None
    markdown: str
    text: str

    def cite(self, index: int) -> Citation:
        return Citation(
            index, self.lesson_id, self.course_id, self.title, self.heading, snippet(self.text)
        )


def relevance(similarity: float, lexical: float) -> float:
    return similarity + LEXICAL_WEIGHT * lexical


def is_relevant(similarity: float, lexical: float) -> bool:
    return relevance(similarity, lexical) >= MIN_RELEVANCE


def snippet(text: str) -> str:
    """At most :data:`SNIPPET_LENGTH` characters of ``text`` on one line, cut at a word."""
    flat = " ".join(text.split())
    if len(flat) <= SNIPPET_LENGTH:
        return flat
    cut = flat[: SNIPPET_LENGTH - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > SNIPPET_LENGTH // 2 else cut).rstrip(" ,;:") + "\u2026"


def cite(content: str, sources: Sequence[Source | None]) -> tuple[str, list[Citation]]:
    """``content`` without unknown markers, and the citations of the passages it cites (in
    the order of their first marker; when it has none, of the passages it quotes). A None in
    ``sources`` is material sent in that position that cannot be cited."""

    citable = {n: source for n, source in enumerate(sources, start=1) if source is not None}

    def keep(match: re.Match[str]) -> str:
        if int(match.group("n")) in citable or _in_code(content[: match.start()]):
            return match.group(0)
        return ""

    text = _MARKER.sub(keep, content)
    cited: dict[int, None] = {}
    for match in _MARKER.finditer(text):
        if not _in_code(text[: match.start()]):
            cited.setdefault(int(match.group("n")), None)
    if not cited:
        cited = dict.fromkeys(quoted(text, sources))
    return text, [citable[number].cite(number) for number in cited]


def quoted(content: str, sources: Sequence[Source | None]) -> list[int]:
    """The numbers of the passages ``content`` quotes, in order."""
    runs = _runs(_words(content))
    numbers = []
    for number, source in enumerate(sources, start=1):
        if source is None:
            continue
        words = _words(source.text)
        if not words:
            continue
        if len(words) < QUOTE_WORDS:
            if tuple(words) in _runs(_words(content), len(words)):
                numbers.append(number)
        elif runs & _runs(words):
            numbers.append(number)
    return numbers


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _runs(words: Sequence[str], size: int = QUOTE_WORDS) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def _in_code(before: str) -> bool:
    """Whether text that follows ``before`` is inside a fenced code block or a code span."""
    lines = before.split("\n")
    fences = sum(1 for line in lines[:-1] if _FENCE.match(line))
    if fences % 2:
        return True
    return lines[-1].count("`") % 2 == 1 and not _FENCE.match(lines[-1])
