"""Citations: which of the passages sent with a question an answer rests on.

A prompt numbers its passages from 1; an answer cites passage ``n`` with the marker ``[n]``.
Only numbers that were sent count: other markers are removed from the text, and the answer's
citations are the passages it cited, in the order of their first marker. Streamed answers go
through :class:`MarkerFilter`, so that the deltas a client sees add up to the stored text.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final
from uuid import UUID

SNIPPET_LENGTH: Final = 300
_MARKER = re.compile(r"[ \t]?\[(\d{1,3})\]")
_LONGEST_MARKER: Final = 6
"""`` [123]``: a pending ``[`` is held back this many characters at most."""


@dataclass(frozen=True, slots=True)
class Citation:
    """A passage an answer rests on. ``lesson_id`` and ``course_id`` are None for an attached
    file (``title`` is then its name); ``snippet`` is at most 300 characters of plain text."""

    index: int
    lesson_id: UUID | None
    course_id: UUID | None
    title: str
    heading: str | None
    snippet: str


@dataclass(frozen=True, slots=True)
class SourcePassage:
    """A passage sent with a question: ``markdown`` goes to the model, ``text`` (plain) makes
    the citation's snippet."""

    lesson_id: UUID | None
    course_id: UUID | None
    title: str
    heading: str | None
    text: str
    markdown: str

    def cite(self, index: int) -> Citation:
        return Citation(
            index, self.lesson_id, self.course_id, self.title, self.heading, snippet(self.text)
        )


def snippet(text: str) -> str:
    """At most :data:`SNIPPET_LENGTH` characters of ``text`` with its whitespace made single
    spaces, cut at a word boundary with an ellipsis when longer."""
    flat = " ".join(text.split())
    if len(flat) <= SNIPPET_LENGTH:
        return flat
    cut = flat[: SNIPPET_LENGTH - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > SNIPPET_LENGTH // 2 else cut).rstrip(" ,;:") + "…"


def cite(content: str, sources: Sequence[SourcePassage]) -> tuple[str, list[Citation]]:
    """The answer with unknown markers removed, and the citations of the known ones."""
    cited: dict[int, None] = {}

    def keep(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if 1 <= number <= len(sources):
            cited.setdefault(number, None)
            return match.group(0)
        return ""

    text = _MARKER.sub(keep, content)
    return text, [sources[number - 1].cite(number) for number in cited]


def strip_unknown_markers(content: str, count: int) -> str:
    """``content`` without the markers of numbers outside 1..``count``."""
    return _MARKER.sub(lambda m: m.group(0) if 1 <= int(m.group(1)) <= count else "", content)


class MarkerFilter:
    """Removes unknown markers from a streamed answer as it arrives.

    ``feed`` returns the text that is safe to send now; a possible marker (`` [`` followed by
    digits) is held back until it is complete. ``flush`` returns what is still held.
    """

    def __init__(self, count: int) -> None:
        self._count = count
        self._held = ""

    def feed(self, text: str) -> str:
        buffer = self._held + text
        start = _pending_start(buffer)
        self._held = buffer[start:]
        return strip_unknown_markers(buffer[:start], self._count)

    def flush(self) -> str:
        held, self._held = self._held, ""
        return strip_unknown_markers(held, self._count)


def _pending_start(buffer: str) -> int:
    """Where an unfinished marker starts at the end of ``buffer`` (its length if none)."""
    bracket = buffer.rfind("[", max(0, len(buffer) - _LONGEST_MARKER))
    if bracket == -1 or "]" in buffer[bracket:]:
        return len(buffer)
    if not buffer[bracket + 1 :].isdigit() and buffer[bracket + 1 :] != "":
        return len(buffer)
    if bracket > 0 and buffer[bracket - 1] in " \t":
        return bracket - 1
    return bracket
