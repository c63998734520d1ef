"""Narration scripts: the plain whole sentences a summary speaks, about a minute of speech.

Whatever the model wrote is read as Markdown: code, headings and table rows are not spoken,
each list item is its own sentence (a short fragment is left out), and a sentence is kept
whole or not at all, so the script and the video captions made of its sentences never show
a table header, a list marker or cut-off text."""

from typing import Final

from tutor_platform.shared.prose import is_whole, plain, prose_units, split_sentences

WORDS_PER_MINUTE: Final = 150
MAX_SCRIPT_WORDS: Final = 150
"""About 60 seconds of speech."""
MIN_ITEM_WORDS: Final = 3
"""A list item shorter than this is a fragment, not something to say."""


def spoken_sentences(markdown: str) -> list[str]:
    """The whole sentences ``markdown`` says in prose, made plain. Code blocks, headings and
    table rows are left out; a list item is a sentence of its own (ended with a full stop if
    it has none, left out if shorter than ``MIN_ITEM_WORDS``). Text that does not end a
    sentence (cut off) is left out, unless it is all there is."""
    whole: list[str] = []
    fragments: list[str] = []
    for unit in prose_units(markdown):
        for sentence in split_sentences(plain(unit.markdown)):
            if is_whole(sentence):
                whole.append(sentence)
            elif unit.is_item and len(sentence.split()) >= MIN_ITEM_WORDS:
                whole.append(sentence + ".")
            else:
                fragments.append(sentence + ".")
    return whole or fragments[:1]


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
