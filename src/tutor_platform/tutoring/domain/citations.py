"""Citations: which of the passages sent with a question an answer rests on.

A prompt numbers its passages from 1; an answer cites passage ``n`` with the marker ``[n]``
(the marker rule is ``shared.citations``). Only numbers that were sent count: other markers
are removed from the text, and the answer's citations are the passages it cited, in the order
of their first marker. Streamed answers go
through :class:`MarkerFilter`, so that the deltas a client sees add up to the stored text.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final
from uuid import UUID

from tutor_platform.shared.citations import (
    Citation,
    cited_numbers,
    snippet,
    strip_unknown_markers,
)

_LONGEST_MARKER: Final = 6
"""`` [123]``: a pending ``[`` is held back this many characters at most."""


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


def cite(content: str, sources: Sequence[SourcePassage]) -> tuple[str, list[Citation]]:
    """The answer with unknown markers removed, and the citations of the known ones."""
    text = strip_unknown_markers(content, lambda n: 1 <= n <= len(sources))
    return text, [sources[n - 1].cite(n) for n in cited_numbers(text) if n <= len(sources)]


class MarkerFilter:
    """Removes unknown markers from a streamed answer as it arrives.

    ``feed`` returns the text that is safe to send now; a possible marker (`` [`` followed by
    digits) is held back until it is complete. ``flush`` returns what is still held.
    """

    def __init__(self, count: int) -> None:
        self._count = count
        self._held = ""
        self._sent = ""

    def feed(self, text: str) -> str:
        buffer = self._held + text
        start = _pending_start(buffer)
        self._held = buffer[start:]
        return self._send(buffer[:start])

    def flush(self) -> str:
        held, self._held = self._held, ""
        return self._send(held)

    def _send(self, text: str) -> str:
        safe = strip_unknown_markers(text, lambda n: 1 <= n <= self._count, self._sent)
        self._sent += safe
        return safe


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
