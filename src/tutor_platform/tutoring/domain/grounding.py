"""How a tutor grounds an answer: what to retrieve for a message, and when a passage is
relevant enough to answer from.

A short or back-referring message ("why?", "give me an example", "I don't get it") is
retrieved together with the conversation's current topic: the last question and the lessons
its answer cited. A passage counts as relevant when its meaning is close to the question or
when it holds most of the question's words with a meaning not far off; the thresholds were
tuned on the evaluation set (``just eval``, docs/tutoring-quality.md).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

FOLLOW_UP_WORDS: Final = 4
"""A message with at most this many content words is read as a follow-up."""
MIN_SIMILARITY: Final = 0.5
"""A passage this close in meaning is relevant whatever words it shares."""
MIN_LEXICAL: Final = 0.5
LEXICAL_SIMILARITY: Final = 0.3
"""A passage holding at least half of the question's words is relevant from this close."""
_WORD = re.compile(r"[^\W_]+|[=!<>+\-*/%:]+|__\w+__", re.UNICODE)
_LETTERS = re.compile(r"[^\W\d_]+")
_BACK_REFERENCES: Final = frozenset(
    [
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "they",
        "them",
        "there",
        "why",
        "how",
        "so",
        "example",
        "examples",
        "again",
        "more",
        "further",
        "explain",
        "elaborate",
        "clarify",
        "understand",
        "get",
        "mean",
        "means",
        "meant",
        "else",
        "also",
        "other",
        "another",
        "instead",
        "same",
        "previous",
        "above",
    ]
)
_STOP: Final = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "i",
        "if",
        "in",
        "into",
        "is",
        "me",
        "my",
        "no",
        "not",
        "of",
        "on",
        "or",
        "our",
        "please",
        "she",
        "should",
        "some",
        "tell",
        "than",
        "the",
        "their",
        "then",
        "to",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yes",
        "ok",
        "okay",
    ]
)

_SMALL_TALK: Final = frozenset(
    [
        "hi",
        "hello",
        "hey",
        "hiya",
        "morning",
        "afternoon",
        "evening",
        "good",
        "thanks",
        "thank",
        "thx",
        "you",
        "very",
        "much",
        "great",
        "cool",
        "nice",
        "ok",
        "okay",
        "bye",
        "goodbye",
        "cheers",
        "awesome",
        "perfect",
        "got",
        "it",
    ]
)


@dataclass(frozen=True, slots=True)
class Topic:
    """The conversation's current topic: the last question and the lessons its answer cited."""

    question: str
    lesson_titles: Sequence[str] = ()


def content_words(message: str) -> list[str]:
    """The words and code symbols of ``message`` that are not function words."""
    return [w for w in _WORD.findall(message.casefold()) if w not in _STOP]


def is_follow_up(message: str) -> bool:
    """Whether ``message`` leans on what came before: no content words, or a few words that
    mostly point back ("why?", "can you give another example?", "I don't get it")."""
    words = content_words(message)
    if not words:
        return True
    pointing = sum(word in _BACK_REFERENCES for word in words)
    return len(words) <= FOLLOW_UP_WORDS and pointing * 2 >= len(words)


def retrieval_query(message: str, topic: Topic | None) -> str:
    """What to search the course for: the message, with the current topic for a follow-up."""
    if topic is None or not is_follow_up(message):
        return message
    return " ".join([message, topic.question, *topic.lesson_titles])


def is_small_talk(message: str) -> bool:
    """A greeting or thanks, which needs no course material."""
    words = _LETTERS.findall(message.casefold())
    return 0 < len(words) <= 4 and all(word in _SMALL_TALK for word in words)


def is_relevant(similarity: float, lexical: float) -> bool:
    """Whether a passage with these measures may ground an answer."""
    if similarity >= MIN_SIMILARITY:
        return True
    return lexical >= MIN_LEXICAL and similarity >= LEXICAL_SIMILARITY
