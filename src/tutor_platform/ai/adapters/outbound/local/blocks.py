"""Markdown cut into whole blocks (paragraphs, lists, tables, fenced code), never inside one.

The offline tutor quotes the course through these: a block is kept or left out whole, so a
heading, a table or a code fence is never cut in half. Key terms are what a lesson marks as
such: its **bold** terms and `code` names.
"""

import re
from dataclasses import dataclass
from typing import Final

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_BOLD = re.compile(r"\*\*([^*\n]{2,60}?)\*\*")
_CODE = re.compile(r"`([^`\n]{1,40})`")
_MARKUP = re.compile(r"[*_`#|>\[\]]")
MAX_TERM_WORDS: Final = 5


@dataclass(frozen=True, slots=True)
class Block:
    """One block of Markdown; ``code`` when it is a fenced code block."""

    markdown: str
    code: bool = False
    heading: bool = False


def blocks(markdown: str) -> list[Block]:
    """The blocks of ``markdown`` in order: runs of lines split at blank lines, except inside
    a fenced code block, which is one block from its opening to its closing fence."""
    found: list[Block] = []
    current: list[str] = []
    fence: str | None = None

    def close(code: bool = False) -> None:
        if current:
            text = "\n".join(current).strip("\n")
            if text.strip():
                found.append(Block(text, code=code, heading=bool(_HEADING.match(text))))
            current.clear()

    for line in markdown.splitlines():
        opening = _FENCE.match(line)
        if fence is not None:
            current.append(line)
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
                close(code=True)
            continue
        if opening:
            close()
            fence = opening.group(1)
            current.append(line)
        elif _HEADING.match(line):
            close()
            current.append(line)
            close()
        elif not line.strip():
            close()
        else:
            current.append(line)
    if fence is not None:
        current.append(fence)
        close(code=True)
    else:
        close()
    return found


def key_terms(markdown: str) -> list[str]:
    """The terms a passage marks as key: its bold phrases, then its inline code names, in
    order of first appearance, each once."""
    terms: dict[str, None] = {}
    for pattern in (_BOLD, _CODE):
        for match in pattern.finditer(markdown):
            term = match.group(1).strip()
            if term and len(term.split()) <= MAX_TERM_WORDS:
                terms.setdefault(term, None)
    return list(terms)


def plain(markdown: str) -> str:
    """Text without Markdown markup characters, whitespace made single spaces."""
    return " ".join(_MARKUP.sub("", markdown).split())
