"""Full-text search over the catalog: what a query is, what a hit is, and the rules for both.

Search covers published courses and the lessons of published courses, for every caller alike.
A premium lesson is found like any other, but its snippet is shown only to those who may read
its content (see :mod:`tutor_platform.catalog.domain.access`).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal
from uuid import UUID

from tutor_platform.catalog.domain.access import can_read_lesson_content
from tutor_platform.catalog.domain.validation import query_problem
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import FieldError, ValidationFailed

SearchKind = Literal["course", "lesson"]
COURSE: SearchKind = "course"
LESSON: SearchKind = "lesson"
ALL_KINDS: tuple[SearchKind, ...] = (COURSE, LESSON)
MAX_QUESTION_TERMS = 64
_WORD = re.compile(r"\w+")
_OR = "or"


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A validated search: the caller's text, which kinds of hit, and which page."""

    text: str
    kinds: tuple[SearchKind, ...]
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A matching course or lesson; ``rank`` is higher for better matches.

    ``snippet`` is safe HTML: the matched words in ``<mark>`` and everything else escaped.
    ``instructor_id`` and ``is_premium`` let the caller's rights decide about the snippet.
    """

    type: SearchKind
    id: UUID
    course_id: UUID
    title: str
    snippet: str
    rank: float
    instructor_id: UUID
    is_premium: bool = False


@dataclass(frozen=True, slots=True)
class SearchResults:
    """One page of hits, best first, and how many hits there are in all."""

    items: Sequence[SearchHit]
    total: int


@dataclass(frozen=True, slots=True)
class Passage:
    """A lesson's whole text, as given to a tutor for context."""

    lesson_id: UUID
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class _PublishedCourse:
    instructor_id: UUID
    is_published: bool = True


def search_query(text: str, kinds: tuple[SearchKind, ...], limit: int, offset: int) -> SearchQuery:
    """The query with its text trimmed; ``ValidationFailed`` names ``q`` when the text is empty
    (or only white space), too long or holds control characters."""
    cleaned = text.strip()
    problem = query_problem(cleaned) if cleaned else "must not be empty"
    if problem is not None:
        raise ValidationFailed(errors=[FieldError("q", problem)])
    return SearchQuery(cleaned, kinds, limit, offset)


def search_terms(text: str, limit: int = MAX_QUESTION_TERMS) -> list[str]:
    """The distinct words of ``text`` (letters, digits, ``_``), in order, at most ``limit``.

    Words carry no query syntax, so any text is safe to search for; a bare "or" is dropped
    because query languages read it as an operator.
    """
    terms: list[str] = []
    seen: set[str] = set()
    for word in _WORD.findall(text):
        key = word.lower()
        if key == _OR or key in seen:
            continue
        seen.add(key)
        terms.append(word)
        if len(terms) == limit:
            break
    return terms


def for_viewer(hit: SearchHit, viewer: Principal | None) -> SearchHit:
    """The hit as ``viewer`` may see it: a premium lesson's snippet only for those who may read
    the lesson (premium members, the course's instructor, admins), else an empty snippet."""
    if hit.type != LESSON or can_read_lesson_content(
        viewer, _PublishedCourse(hit.instructor_id), hit
    ):
        return hit
    return replace(hit, snippet="")
