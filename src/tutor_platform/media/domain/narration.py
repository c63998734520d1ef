"""Narration scripts: the plain sentences a summary speaks, cut to about a minute of speech."""

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
_SENTENCE_END: Final = re.compile(r"(?<=[.!?])[\"')\]]*\s+")


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
    """The sentences of plain text (split after ``.``, ``!`` or ``?``)."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def narration_script(text: str, max_words: int = MAX_SCRIPT_WORDS) -> str:
    """Whole sentences of ``text`` (made plain) up to ``max_words`` words; a first sentence
    longer than that is cut at the limit. Empty when there is nothing to say."""
    chosen: list[str] = []
    count = 0
    for sentence in sentences(plain_text(text)):
        words = sentence.split()
        if count + len(words) > max_words:
            if not chosen:
                chosen.append(" ".join(words[:max_words]))
            break
        chosen.append(sentence)
        count += len(words)
    return " ".join(chosen)


def speech_seconds(text: str) -> float:
    """How long ``text`` takes to say at ``WORDS_PER_MINUTE``."""
    return len(text.split()) * 60.0 / WORDS_PER_MINUTE
