"""How a tutor grounds an answer: what to retrieve for a message, and when a passage is
relevant enough to answer from.

A short or back-referring message ("why?", "give me an example", "I don't get it") is
retrieved together with the conversation's current topic: the last question and the lessons
its answer cited. A passage's relevance is the similarity of its meaning to the question plus
a share of the question's words it holds; a question that names something (a proper noun, an
acronym) that none of the retrieved passages mentions is not covered, however close the rest
is. The numbers were tuned on the evaluation set (``just eval``, docs/tutoring-quality.md).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from tutor_platform.shared.citations import MIN_RELEVANCE
from tutor_platform.shared.stemming import stem
from tutor_platform.shared.words import STOP_WORDS

FOLLOW_UP_WORDS: Final = 4
"""A message with at most this many content words is read as a follow-up."""
PASSAGES_PER_LESSON: Final = 2
"""At most this many passages of one lesson are sent, so a second lesson gets its turn."""
_WORD = re.compile(r"[^\W_]+|[=!<>+\-*/%:]+|__\w+__", re.UNICODE)
_NAME = re.compile(r"[A-Za-z][\w+#.-]*[\w+#]|[A-Za-z]")
_KNOWN_WORD = re.compile(r"[\w+#.-]*[\w+#]")
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
_PRONOUNS: Final = frozenset(["it", "this", "that", "these", "those", "them", "one", "ones"])
"""Words that stand for something said before ("a simpler one", "leave it out")."""
_NOT_CONTENT: Final = STOP_WORDS - _BACK_REFERENCES - _PRONOUNS
"""Words that say nothing of a topic and do not point back either."""

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
    """The conversation's current topic: the last question, the lessons its answer cited and
    the (lesson title, heading) of each passage it cited."""

    question: str
    lesson_titles: Sequence[str] = ()
    cited: Sequence[tuple[str, str | None]] = ()


def fresh_first(
    passages: Sequence[tuple[str, str | None]], message: str, topic: Topic | None
) -> list[int]:
    """The order to send passages in: for a follow-up, the topic's lessons first, and within
    them the passages the last answer did not cite, so that "I don't get it" is explained from
    another angle of the same lesson; otherwise as they are."""
    order = list(range(len(passages)))
    if topic is None or not is_follow_up(message):
        return order
    lessons = set(topic.lesson_titles)
    return sorted(order, key=lambda i: (passages[i][0] not in lessons, passages[i] in topic.cited))


def content_words(message: str) -> list[str]:
    """The words and code symbols of ``message`` that are not function words."""
    return [w for w in _WORD.findall(message.casefold()) if w not in _NOT_CONTENT]


def is_follow_up(message: str) -> bool:
    """Whether ``message`` leans on what came before: no content words, or a few words that
    mostly point back ("why?", "can you give another example?", "I don't get it") or stand
    for something said before ("can you show a simpler one?", "what if I leave it out?")."""
    words = content_words(message)
    if not words:
        return True
    pointing = sum(word in _BACK_REFERENCES for word in words)
    standing_for = any(word in _PRONOUNS for word in words)
    return len(words) <= FOLLOW_UP_WORDS and (pointing * 2 >= len(words) or standing_for)


def retrieval_query(message: str, topic: Topic | None) -> str:
    """What to search the course for: the message, with the current topic for a follow-up."""
    if topic is None or not is_follow_up(message):
        return message
    return " ".join([message, topic.question, *topic.lesson_titles])


def is_small_talk(message: str) -> bool:
    """A greeting or thanks, which needs no course material."""
    words = _LETTERS.findall(message.casefold())
    return 0 < len(words) <= 4 and all(word in _SMALL_TALK for word in words)


def unknown_names(message: str, texts: Sequence[str]) -> list[str]:
    """The names in ``message`` (capitalised words other than the first, acronyms) that none
    of ``texts`` mentions."""
    words = _NAME.findall(message)[1:] if message[:1].isupper() else _NAME.findall(message)
    names = [w for w in words if w[:1].isupper() and w != "I"]
    known = {word for text in texts for word in _KNOWN_WORD.findall(text.casefold())}
    return [name for name in names if name.casefold() not in known]


def unheld_words(message: str, texts: Sequence[str]) -> list[str]:
    """The content words of ``message`` (other than words pointing back, "how", "why") that
    none of ``texts`` holds in any form (compared by stem): "pivot" and "spreadsheet" of "How
    do I make a pivot table in a spreadsheet?" in a course that only speaks of tables."""
    held = {stem(word) for text in texts for word in _WORD.findall(text.casefold())}
    return [
        word
        for word in content_words(message)
        if word not in _BACK_REFERENCES and stem(word) not in held
    ]


def choose_passages(relevances: Sequence[tuple[float, str]], limit: int) -> list[int]:
    """The positions of the passages to send, given each one's relevance and lesson: none
    unless the best reaches :data:`MIN_RELEVANCE`; then the relevant ones in order, at most
    :data:`PASSAGES_PER_LESSON` of a lesson, at most ``limit``."""
    if not relevances or max(r for r, _ in relevances) < MIN_RELEVANCE:
        return []
    chosen: list[int] = []
    per_lesson: dict[str, int] = {}
    for position, (value, lesson) in enumerate(relevances):
        if value < MIN_RELEVANCE or per_lesson.get(lesson, 0) >= PASSAGES_PER_LESSON:
            continue
        per_lesson[lesson] = per_lesson.get(lesson, 0) + 1
        chosen.append(position)
        if len(chosen) == limit:
            break
    return chosen
