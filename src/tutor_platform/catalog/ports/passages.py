"""The passage index: lessons cut into passages, embedded, stored, and retrieved.

``LessonSplitter`` parses a lesson's Markdown; ``PassageEmbedder`` turns text into unit
vectors (the AI capability's ``Embedder`` fits it as it is); ``PassageRepository`` stores a
lesson's passages (in a ``PassageUnitOfWork``'s transaction); ``PassageIndex`` answers
retrieval reads (one statement for a retrieval once the course's vectors are kept).
"""

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from tutor_platform.catalog.domain.passages import PassageDraft


class LessonSplitter(Protocol):
    def split(self, markdown: str) -> list[PassageDraft]:
        """The lesson's passages in reading order ([] for a lesson without text)."""
        ...


class PassageEmbedder(Protocol):
    """Unit vectors of text; ``name`` (model and size) is stored beside each vector."""

    @property
    def name(self) -> str: ...

    async def embed_documents(self, texts: Sequence[str]) -> list[list[float]]: ...

    async def embed_query(self, text: str) -> list[float]: ...


@dataclass(frozen=True, slots=True)
class LessonSource:
    """What a lesson's passages are made from."""

    lesson_id: UUID
    course_id: UUID
    title: str
    content: str


@dataclass(frozen=True, slots=True)
class StoredPassage:
    id: UUID
    lesson_id: UUID
    course_id: UUID
    position: int
    heading: str | None
    markdown: str
    text: str
    search_text: str
    embedding: Sequence[float]
    embedder: str


class PassageRepository(Protocol):
    """A lesson's passages; never commits."""

    async def clear(self, lesson_id: UUID) -> set[UUID]:
        """Delete the lesson's passages (the first write of an indexing transaction); the
        courses they were in."""
        ...

    async def bump(self, course_ids: Collection[UUID]) -> None:
        """Move these courses' index versions on (retrieval's cached vectors of them are then
        stale in every process)."""
        ...

    async def source(self, lesson_id: UUID) -> LessonSource | None:
        """The lesson as committed now, kept from changing until the transaction ends;
        ``None`` when the lesson is gone."""
        ...

    async def add(self, passages: Sequence[StoredPassage]) -> None: ...

    async def lesson_ids(self) -> list[UUID]:
        """Every lesson, in a stable order (for a full re-index)."""
        ...


@dataclass(frozen=True, slots=True)
class PassageRecord:
    """A stored passage with what retrieval shows of its lesson."""

    id: UUID
    lesson_id: UUID
    course_id: UUID
    lesson_title: str
    position: int
    heading: str | None
    markdown: str
    text: str
    search_text: str
    is_premium: bool


@dataclass(frozen=True, slots=True)
class Candidates:
    """What one read of a course's index gives for a question: the full-text ranking
    (``lexical``, best first), the passages nearest to the question's vector (``nearest``, best
    first), and for every passage in either, its cosine ``similarity`` and the ``stems`` of its
    search text."""

    lexical: list[UUID]
    nearest: list[UUID]
    similarity: Mapping[UUID, float]
    stems: Mapping[UUID, frozenset[str]]


@dataclass(frozen=True, slots=True)
class CandidateQuery:
    """What to look for in a course's index: passages matching any of ``terms`` in full-text
    search (at most ``lexical_limit``) and the ``vector_limit`` passages embedded by
    ``embedder`` nearest to ``vector``; premium lessons' passages only if ``include_premium``."""

    course_id: UUID
    terms: Sequence[str]
    vector: Sequence[float]
    embedder: str
    lexical_limit: int
    vector_limit: int
    include_premium: bool


Choose = Callable[[Candidates], Sequence[UUID]]
"""Retrieval's rule: the passages to read, best first, out of a course's candidates."""


class PassageIndex(Protocol):
    """Retrieval reads over the stored passages."""

    async def retrieve(self, query: CandidateQuery, choose: Choose) -> list[PassageRecord]:
        """The passages ``choose`` picks out of the course's candidates for ``query``, as
        stored now (a passage gone since is left out; in no particular order). The candidates
        are those of the index version read together with the passages: when the index has
        moved on, they are computed again and ``choose`` is asked again."""
        ...

    async def lesson_passages(self, lesson_id: UUID) -> list[PassageRecord]:
        """A lesson's passages in reading order."""
        ...

    async def matching_courses(self, terms: Sequence[str], limit: int) -> list[UUID]:
        """Published courses with a passage matching any of ``terms``, best match first."""
        ...
