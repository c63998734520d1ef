"""Citations of course passages, for every context that has an AI write from numbered
passages (tutoring's answers, assessment's syntheses and mentor plans).

Passages sent to a model are numbered from 1; the text cites passage ``n`` with ``[n]``: one
to three digits, not right after a name, ``)`` or a backtick (``items[0]`` is code), and never
inside a fenced block or a code span. A passage's relevance to a question is its similarity
plus a share of the question's words it holds; the numbers were tuned with ``just eval``
(docs/tutoring-quality.md).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final
from uuid import UUID

SNIPPET_LENGTH: Final = 300
LEXICAL_WEIGHT: Final = 0.35
"""How much the share of the question's words in a passage adds to its similarity."""
MIN_RELEVANCE: Final = 0.34
"""A passage at least this relevant may ground an answer."""
_MARKER = re.compile(r"[ \t]?(?<![\w)`])\[(?P<n>\d{1,3})\]")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


@dataclass(frozen=True, slots=True)
class Citation:
    """A passage a text rests on (SPEC 3.3). ``lesson_id`` and ``course_id`` are None for an
    attached file (``title`` is then its name); ``snippet`` is at most 300 characters of plain
    text."""

    index: int
    lesson_id: UUID | None
    course_id: UUID | None
    title: str
    heading: str | None
    snippet: str


def relevance(similarity: float, lexical: float) -> float:
    """How relevant a passage is: its similarity (-1..1) plus a share of its word overlap."""
    return similarity + LEXICAL_WEIGHT * lexical


def snippet(text: str) -> str:
    """At most :data:`SNIPPET_LENGTH` characters of ``text`` with its whitespace made single
    spaces, cut at a word boundary with an ellipsis when longer."""
    flat = " ".join(text.split())
    if len(flat) <= SNIPPET_LENGTH:
        return flat
    cut = flat[: SNIPPET_LENGTH - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > SNIPPET_LENGTH // 2 else cut).rstrip(" ,;:") + "…"


def strip_unknown_markers(content: str, known: Callable[[int], bool], before: str = "") -> str:
    """``content`` without the markers whose number is not ``known`` (and the space before
    them); ``before`` is the text that precedes ``content``, to know whether it starts in
    code."""

    def keep(match: re.Match[str]) -> str:
        if known(int(match.group("n"))) or in_code(before + content[: match.start()]):
            return match.group(0)
        following = content[match.end() : match.end() + 1]
        return match.group(0)[: -len(match.group("n")) - 2] if following == "[" else ""

    return _MARKER.sub(keep, content)


def cited_numbers(text: str) -> list[int]:
    """The numbers ``text`` cites, in the order of their first marker, each once."""
    cited: dict[int, None] = {}
    for match in _MARKER.finditer(text):
        if not in_code(text[: match.start()]):
            cited.setdefault(int(match.group("n")), None)
    return list(cited)


def in_code(before: str) -> bool:
    """Whether text that follows ``before`` is inside a fenced code block or a code span."""
    lines = before.split("\n")
    fences = sum(1 for line in lines[:-1] if _FENCE.match(line))
    if fences % 2:
        return True
    return lines[-1].count("`") % 2 == 1 and not _FENCE.match(lines[-1])
