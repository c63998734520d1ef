"""Citations of the premium features: which course passages a synthesis or a mentor plan
rests on (the shape of SPEC 3.3: ``{index, lesson_id, course_id, title, heading, snippet}``).

The passages sent to the AI are numbered from 1 in the order sent; the text cites passage
``n`` with the marker ``[n]``. Markers of numbers that were not sent (or of material that is
not a passage, such as the plan's own notes) are removed. A text that cites nothing with
markers (the offline ``local`` writer quotes without them) is cited by the passages it
quotes: those with a run of :data:`QUOTE_WORDS` words in the text.

The marker rule, the snippet and the relevance rule are the shared kernel's
(``shared.citations``), as in tutoring.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final
from uuid import UUID

from tutor_platform.shared.citations import (
    MIN_RELEVANCE,
    Citation,
    cited_numbers,
    relevance,
    snippet,
    strip_unknown_markers,
)

QUOTE_WORDS: Final = 8
"""A passage is quoted when this many of its words in a row appear in the text."""
_WORD = re.compile(r"[^\W_]+")


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


def is_relevant(similarity: float, lexical: float) -> bool:
    return relevance(similarity, lexical) >= MIN_RELEVANCE


def cite(content: str, sources: Sequence[Source | None]) -> tuple[str, list[Citation]]:
    """``content`` without unknown markers, and the citations of the passages it cites (in
    the order of their first marker; when it has none, of the passages it quotes). A None in
    ``sources`` is material sent in that position that cannot be cited."""

    citable = {n: source for n, source in enumerate(sources, start=1) if source is not None}
    text = strip_unknown_markers(content, lambda n: n in citable)
    cited = dict.fromkeys(n for n in cited_numbers(text) if n in citable)
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
