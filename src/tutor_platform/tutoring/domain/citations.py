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
_MARKER = re.compile(r"[ \t]?(?<![\w)`])\[(?P<n>\d{1,3})\]")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
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
    text = strip_unknown_markers(content, len(sources))
    cited: dict[int, None] = {}
    for match in _MARKER.finditer(text):
        if not _in_code(text[: match.start()]):
            cited.setdefault(int(match.group("n")), None)
    return text, [sources[number - 1].cite(number) for number in cited if number <= len(sources)]


def strip_unknown_markers(content: str, count: int, before: str = "") -> str:
    """``content`` without the markers of numbers outside 1..``count``; brackets in code (a
    fenced block or a `span`) and right after a name (``items[0]``) are not markers. ``before``
    is the text that precedes ``content`` (to know whether it starts inside code)."""

    def keep(match: re.Match[str]) -> str:
        if 1 <= int(match.group("n")) <= count or _in_code(before + content[: match.start()]):
            return match.group(0)
        following = content[match.end() : match.end() + 1]
        return match.group(0)[: -len(match.group("n")) - 2] if following == "[" else ""

    return _MARKER.sub(keep, content)


def _in_code(before: str) -> bool:
    """Whether text that follows ``before`` is inside a fenced code block or a code span."""
    lines = before.split("\n")
    fences = sum(1 for line in lines[:-1] if _FENCE.match(line))
    if fences % 2:
        return True
    return lines[-1].count("`") % 2 == 1 and not _FENCE.match(lines[-1])


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
        safe = strip_unknown_markers(text, self._count, self._sent)
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
