"""What tutoring needs to know about courses, which live in the learning context."""

from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from tutor_platform.shared.auth import Principal


@dataclass(frozen=True, slots=True)
class PassageHit:
    """A passage of a lesson retrieved for a question.

    ``markdown`` is the passage as written, ``text`` the same as plain text; ``heading`` the
    lesson section it comes from. ``similarity`` (-1..1) compares meanings, ``lexical`` (0..1)
    is the share of the question's words found in it; ``score`` orders the hits.
    """

    lesson_id: UUID
    course_id: UUID
    lesson_title: str
    heading: str | None
    markdown: str
    text: str
    is_premium: bool
    score: float
    similarity: float
    lexical: float


@dataclass(frozen=True, slots=True)
class CourseRef:
    id: UUID
    title: str


class CourseContext(Protocol):
    async def can_view(self, principal: Principal | None, course_id: UUID) -> bool:
        """Whether the course exists and the caller may see it."""
        ...

    async def can_edit(self, principal: Principal, course_id: UUID) -> bool:
        """Whether the course exists and the caller is its instructor or an admin."""
        ...

    async def editable(self, principal: Principal, course_ids: Collection[UUID]) -> set[UUID]:
        """Those of ``course_ids`` that exist and the caller may edit (one read for all)."""
        ...

    async def hidden(self, principal: Principal | None, course_ids: Collection[UUID]) -> set[UUID]:
        """Those of ``course_ids`` the caller may not see (unknown courses included)."""
        ...

    async def passages(self, course_id: UUID, query: str, limit: int) -> list[PassageHit]:
        """Up to ``limit`` passages of the course's lessons most relevant to ``query``, best
        first."""
        ...

    async def other_courses(self, query: str, exclude: UUID, limit: int) -> list[CourseRef]:
        """Published courses (not ``exclude``) whose full-text search matches ``query``, best
        first: candidates, to be checked with :meth:`passages`."""
        ...
