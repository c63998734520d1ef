"""Lexical tools of the offline model: normalise, split into words, stem."""

import re
import unicodedata

from tutor_platform.shared.stemming import stem as shared_stem
from tutor_platform.shared.words import STOP_WORDS

_WORD = re.compile(r"[a-z0-9]+")


def normalise(text: str) -> str:
    """Lower case without accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    """The normalised words of ``text``, in order."""
    return _WORD.findall(normalise(text))


def stem(word: str) -> str:
    """The shared stemmer (``shared.stemming``); numbers and short words are kept."""
    if len(word) <= 3 or word.isdigit():
        return word
    return shared_stem(word)


def terms(text: str) -> list[str]:
    """The stems of the words of ``text`` that are not stop words, first occurrence first."""
    seen: dict[str, None] = {}
    for word in words(text):
        if word not in STOP_WORDS:
            seen.setdefault(stem(word), None)
    return list(seen)


def term_forms(text: str) -> dict[str, str]:
    """Each term of ``text`` mapped to the first word it came from (for messages to people)."""
    forms: dict[str, str] = {}
    for word in words(text):
        if word not in STOP_WORDS:
            forms.setdefault(stem(word), word)
    return forms
