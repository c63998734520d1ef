"""The offline tutor's answer to a learner: whole blocks of the best passages, the lesson
named and cited, and a guiding question made from that lesson's key terms."""

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from tutor_platform.ai.adapters.outbound.local.blocks import Block, blocks, key_terms, plain
from tutor_platform.ai.adapters.outbound.local.text import terms, words
from tutor_platform.ai.ports.model import CoursePassage, ImagePart, TutorPrompt

ANSWER_CHARACTERS: Final = 1100
"""About this much of a passage is quoted (whole blocks; at least the best one)."""
TOPIC_CHARACTERS: Final = 80
_EXAMPLE_WORDS: Final = frozenset({"example", "examples", "sample", "demo", "show", "code"})
_GREETING: Final = (
    "Hello! Ask me anything about this course and I will answer from its lessons, "
    "citing the part I use."
)
_NO_MATERIAL: Final = (
    "I do not have any course material on this, so I would rather not guess. "
    "Which lesson of the course would you like to go through?"
)
_CODE_QUESTIONS: Final = (
    "Can you write a two-line example of your own that uses `{term}`, and say what it prints?",
    "What would change in this example if you left out `{term}`?",
    "How would you explain to a friend what `{term}` does here, in one sentence?",
)
_TERM_QUESTIONS: Final = (
    "How would you explain **{term}** in your own words, with an example of your own?",
    "Where in a program of your own could **{term}** help, and why?",
    "What is the difference between **{term}** and **{other}**, as this lesson uses them?",
)
_SECTION_QUESTION: Final = (
    'Which idea in "{heading}" would you like to try out first, and what do you expect it to do?'
)
_HEADING_LINE = re.compile(r"^\s{0,3}#{1,6}\s")


@dataclass(frozen=True, slots=True)
class _Choice:
    number: int
    passage: CoursePassage


def teach(prompt: TutorPrompt) -> str:
    """The answer to a learner's message (the prompt's passages are relevant, best first)."""
    opening = _acknowledge_images(prompt.images)
    if not prompt.passages:
        body = _uncovered(prompt) if prompt.uncovered else _without_material(prompt)
        return "\n\n".join(part for part in (opening, body) if part)
    chosen = _choose(prompt.message, prompt.passages)
    example = bool(_EXAMPLE_WORDS & set(words(prompt.message)))
    query = set(terms(prompt.message))
    parts = [opening] if opening else []
    for rank, choice in enumerate(chosen):
        parts.append(_introduce(choice, rank))
        parts.append(_quote(choice.passage.text, query, example))
    parts.append(_guiding_question(prompt.message, chosen[0].passage))
    return "\n\n".join(parts)


def _choose(message: str, passages: Sequence[CoursePassage]) -> list[_Choice]:
    """The best passage, and a second one from another lesson that covers words of the
    message the first one does not."""
    best = _Choice(1, passages[0])
    query = set(terms(message))
    covered = query & set(terms(_searchable(best.passage)))
    for number, passage in enumerate(passages[1:], start=2):
        if passage.title == best.passage.title:
            continue
        adds = (query - covered) & set(terms(_searchable(passage)))
        if adds and len(query) >= 2:
            return [best, _Choice(number, passage)]
    return [best]


def _searchable(passage: CoursePassage) -> str:
    return f"{passage.title} {passage.heading or ''} {passage.text}"


def _introduce(choice: _Choice, rank: int) -> str:
    passage = choice.passage
    where = f"**{_safe(passage.title)}**"
    if passage.heading:
        where += f", section *{_safe(passage.heading)}*"
    source = "the lesson" if passage.lesson_id is not None else "your file"
    lead = "From" if rank == 0 else "And from"
    return f"{lead} {source} {where} [{choice.number}]:"


def _quote(markdown: str, query: set[str], example: bool) -> str:
    """Whole blocks of the passage: from its start, or from the block before the one that
    matches the question best (a code block when an example is asked for), to the budget."""
    found = [block for block in blocks(markdown) if not _HEADING_LINE.match(block.markdown)]
    if not found:
        return plain(markdown)
    best = max(range(len(found)), key=lambda i: _block_score(found[i], query, example))
    start = 0
    if sum(len(b.markdown) for b in found[: best + 1]) > ANSWER_CHARACTERS:
        start = max(0, best - 1) if found[best].code else best
    kept: list[Block] = []
    size = 0
    for block in found[start:]:
        if kept and size + len(block.markdown) > ANSWER_CHARACTERS:
            break
        kept.append(block)
        size += len(block.markdown)
    return "\n\n".join(block.markdown for block in kept)


def _block_score(block: Block, query: set[str], example: bool) -> tuple[int, int]:
    overlap = len(query & set(terms(block.markdown)))
    return (overlap + (2 if example and block.code else 0), -len(block.markdown))


def _guiding_question(message: str, passage: CoursePassage) -> str:
    """A question about a key term of the lesson that the learner did not use themselves."""
    asked = set(terms(message)) | set(words(message))
    unasked = [term for term in key_terms(passage.text) if not set(terms(term)) <= asked]
    defined = [term for term in unasked if not _is_code(term, passage.text)]
    candidates = defined or unasked
    seed = zlib.crc32(f"{message}|{passage.title}".encode())
    if not candidates:
        heading = passage.heading or passage.title
        return f"**Your turn:** {_SECTION_QUESTION.format(heading=_safe(heading))}"
    term = candidates[seed % len(candidates)]
    if _is_code(term, passage.text):
        question = _CODE_QUESTIONS[seed % len(_CODE_QUESTIONS)].format(term=term)
    else:
        others = [c for c in candidates if c != term and not _is_code(c, passage.text)]
        forms = _TERM_QUESTIONS if others else _TERM_QUESTIONS[:2]
        form = forms[seed % len(forms)]
        question = form.format(term=_safe(term), other=_safe(others[0]) if others else "")
    return f"**Your turn:** {question}"


def _is_code(term: str, markdown: str) -> bool:
    return f"`{term}`" in markdown


def _uncovered(prompt: TutorPrompt) -> str:
    topic = _topic(prompt.message)
    text = f"This course does not cover “{topic}”, so I would rather not guess."
    if prompt.other_courses:
        titles = ", ".join(f"**{_safe(title)}**" for title in prompt.other_courses)
        noun = "course" if len(prompt.other_courses) == 1 else "courses"
        text += f" The {noun} {titles} may cover it."
    return text + " Is there a part of this course I can help you with instead?"


def _without_material(prompt: TutorPrompt) -> str:
    if _is_greeting(prompt.message):
        return _GREETING
    return _NO_MATERIAL


def _is_greeting(message: str) -> bool:
    return bool(words(message)) and len(words(message)) <= 4


def _topic(message: str) -> str:
    flat = plain(message)
    if len(flat) <= TOPIC_CHARACTERS:
        return flat.rstrip("?!. ")
    cut = flat[:TOPIC_CHARACTERS].rsplit(" ", 1)[0]
    return cut.rstrip("?!.,;: ") + "…"


def _safe(text: str) -> str:
    """A title or term without characters that would open Markdown emphasis or code."""
    return plain(text)


def _acknowledge_images(images: Sequence[ImagePart]) -> str:
    if not images:
        return ""
    count = len(images)
    noun = "image" if count == 1 else "images"
    return (
        f"I received {count} {noun}, but I cannot look at images offline, "
        "so I am answering from the course material."
    )
