"""The prose of Markdown as whole sentences, for every context that turns Markdown (a lesson,
or what an AI wrote) into text to speak or to outline: media's narration scripts and the
offline model's writing.

Prose is the paragraphs, block quotes and list items; fenced code, headings and table rows
are not prose. A sentence ends at ``.``, ``!`` or ``?`` followed by a space and no lower-case
word, and never after an abbreviation ("e.g.", "Dr."). Plain text has no images, link targets,
HTML tags, emphasis, code marks or table bars.
"""

import re
from dataclasses import dataclass
from typing import Final

# Lines that are not prose, and the marks that open a line of prose.
_FENCE: Final = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING_LINE: Final = re.compile(r"^\s{0,3}#{1,6}(\s|$)")
_TABLE_LINE: Final = re.compile(r"^\s*\|.*\|\s*$|^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_LIST_ITEM: Final = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+")
_QUOTE_MARK: Final = re.compile(r"^\s{0,3}>\s?")

# Inline Markdown: what is not said (images, HTML tags), link targets, emphasis and code marks.
_UNSAID: Final = re.compile(r"!\[[^\]]*\]\([^)]*\)|<[^>]+>")
_LINK: Final = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS: Final = re.compile(r"\*+|`+|(?<!\w)_+|_+(?!\w)|~~")

# Sentences.
_SENTENCE_END: Final = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+(?=[^a-z])")
_WHOLE: Final = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
_ABBREVIATION: Final = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|cf|Mr|Mrs|Dr|No|Fig)\.|\b[A-Z]\.)$")


@dataclass(frozen=True, slots=True)
class ProseUnit:
    """A paragraph (its lines joined) or a list item, as Markdown."""

    markdown: str
    is_item: bool


def prose_units(markdown: str) -> list[ProseUnit]:
    """The paragraphs, quoted paragraphs and list items of ``markdown``, in order; a line that
    follows a list item directly continues it."""
    units: list[ProseUnit] = []
    paragraph: list[str] = []
    fence: str | None = None

    def close() -> None:
        if paragraph:
            units.append(ProseUnit(" ".join(paragraph), False))
            paragraph.clear()

    after_item = False
    for raw in markdown.splitlines():
        opening = _FENCE.match(raw)
        if fence is not None or opening:
            close()
            if fence is None and opening:
                fence = opening.group(1)[0]
            elif fence is not None and opening and opening.group(1)[0] == fence:
                fence = None
            after_item = False
            continue
        line = _QUOTE_MARK.sub("", raw)
        if not line.strip() or _HEADING_LINE.match(line) or _TABLE_LINE.match(line):
            close()
            after_item = False
        elif _LIST_ITEM.match(line):
            close()
            units.append(ProseUnit(_LIST_ITEM.sub("", line).strip(), True))
            after_item = True
        elif after_item:
            last = units[-1]
            units[-1] = ProseUnit(f"{last.markdown} {line.strip()}", True)
        else:
            paragraph.append(line.strip())
    close()
    return units


def split_sentences(text: str) -> list[str]:
    """The sentences of one paragraph, whitespace made single spaces; images and HTML tags
    are left out."""
    text = _UNSAID.sub(" ", text)
    pieces: list[str] = []
    for part in _SENTENCE_END.split(" ".join(text.split())):
        if pieces and _ABBREVIATION.search(pieces[-1]):
            pieces[-1] += " " + part
        else:
            pieces.append(part)
    return [piece.strip() for piece in pieces if piece.strip()]


def is_whole(sentence: str) -> bool:
    """Whether ``sentence`` ends as a sentence does (not cut off)."""
    return bool(_WHOLE.search(sentence))


def plain(text: str) -> str:
    """``text`` without images, link targets, HTML tags, emphasis, code marks, table bars or
    heading marks; whitespace made single spaces."""
    text = _EMPHASIS.sub("", _LINK.sub(r"\1", _UNSAID.sub(" ", text)))
    return " ".join(text.replace("|", " ").replace("#", " ").split())
