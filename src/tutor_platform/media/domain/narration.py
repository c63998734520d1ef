"""Narration scripts: the plain whole sentences a summary speaks, about a minute of speech.

Whatever the model wrote is read as Markdown: code, headings and table rows are not spoken,
each list item is its own sentence (a short fragment is left out), and a sentence is kept
whole or not at all, so the script and the video captions made of its sentences never show
a table header, a list marker or cut-off text."""

import re
from typing import Final

WORDS_PER_MINUTE: Final = 150
MAX_SCRIPT_WORDS: Final = 150
"""About 60 seconds of speech."""

_CODE_BLOCK: Final = re.compile(r"```.*?(```|$)", re.DOTALL)
_IMAGE: Final = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK: Final = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_HTML_TAG: Final = re.compile(r"<[^>]+>")
_LINE_MARKUP: Final = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)", re.MULTILINE)
_INLINE_MARKUP: Final = re.compile(r"[*_`~|]+")
_SPACES: Final = re.compile(r"\s+")
_SENTENCE_END: Final = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[^a-z])")
_WHOLE: Final = re.compile(r"[.!?][\"')\]]*$")
_HEADING_LINE: Final = re.compile(r"^\s{0,3}#{1,6}(\s|$)")
_LIST_ITEM: Final = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+")
_TABLE_LINE: Final = re.compile(r"^\s*\|.*\|\s*$|^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
MIN_ITEM_WORDS: Final = 3
"""A list item shorter than this is a fragment, not something to say."""


def plain_text(markdown: str) -> str:
    """Markdown as plain speakable text: no code blocks, images, link targets, HTML tags,
    heading or list markers, emphasis or table bars; whitespace collapsed."""
    text = _CODE_BLOCK.sub(" ", markdown)
    text = _IMAGE.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text)
    text = _LINE_MARKUP.sub("", text)
    text = _INLINE_MARKUP.sub("", text)
    return _SPACES.sub(" ", text).strip()


def sentences(text: str) -> list[str]:
    """The sentences of plain text (split after ``.``, ``!`` or ``?`` and a space, unless a
    lower-case word follows, as after "e.g.")."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def spoken_sentences(markdown: str) -> list[str]:
    """The whole sentences ``markdown`` says in prose, made plain. Code blocks, headings and
    table rows are left out; a list item is a sentence of its own (ended with a full stop if
    it has none, left out if shorter than ``MIN_ITEM_WORDS``). Text that does not end a
    sentence (cut off) is left out, unless it is all there is."""
    whole: list[str] = []
    fragments: list[str] = []
    for unit, is_item in _units(_CODE_BLOCK.sub("\n\n", markdown)):
        for sentence in sentences(plain_text(unit)):
            if _WHOLE.search(sentence):
                whole.append(sentence)
            elif is_item and len(sentence.split()) >= MIN_ITEM_WORDS:
                whole.append(sentence + ".")
            else:
                fragments.append(sentence + ".")
    return whole or fragments[:1]


def _units(markdown: str) -> list[tuple[str, bool]]:
    """Paragraphs (lines joined) and list items, each with whether it is a list item."""
    units: list[tuple[str, bool]] = []
    paragraph: list[str] = []

    def close() -> None:
        if paragraph:
            units.append((" ".join(paragraph), False))
            paragraph.clear()

    for line in markdown.splitlines():
        if not line.strip() or _HEADING_LINE.match(line) or _TABLE_LINE.match(line):
            close()
        elif _LIST_ITEM.match(line):
            close()
            units.append((_LIST_ITEM.sub("", line), True))
        elif units and units[-1][1] and not paragraph and line.startswith((" ", "\t")):
            units[-1] = (f"{units[-1][0]} {line.strip()}", True)
        else:
            paragraph.append(line.strip())
    close()
    return units


def narration_script(text: str, max_words: int = MAX_SCRIPT_WORDS) -> str:
    """The whole spoken sentences of ``text`` (see ``spoken_sentences``) in order, up to
    ``max_words`` words; none is cut (one longer than the limit is left out, and the script
    ends before the first that no longer fits). Empty when there is nothing to say."""
    chosen: list[str] = []
    count = 0
    for sentence in spoken_sentences(text):
        words = len(sentence.split())
        if count + words > max_words:
            if chosen:
                break
            continue
        chosen.append(sentence)
        count += words
    return " ".join(chosen)


def speech_seconds(text: str) -> float:
    """How long ``text`` takes to say at ``WORDS_PER_MINUTE``."""
    return len(text.split()) * 60.0 / WORDS_PER_MINUTE
