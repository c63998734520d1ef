"""The read side of the catalog.

``CatalogReader`` answers reads outside any unit of work; a cache may sit in front of it,
dropping a course when its ``CourseChanged`` event is published (after the write's commit).
"""

from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from tutor_platform.catalog.domain.catalog import Course, CourseOutline, Lesson, Section
from tutor_platform.shared.pagination import PageRequest


@dataclass(frozen=True, slots=True)
class CourseQuery:
    """Filters of the course list.

    Visibility: every course when ``include_unpublished`` is set (admins); otherwise published
    courses plus the unpublished ones of ``instructor_id`` (their owner), if given.
    ``q`` matches part of the title or description, in any case; ``subject`` is compared
    case-insensitively.
    """

    subject: str | None = None
    difficulty: str | None = None
    q: str | None = None
    instructor_id: UUID | None = None
    include_unpublished: bool = False


class CatalogReader(Protocol):
    """Each read uses a fixed number of queries, whatever the size of the course."""

    async def course(self, course_id: UUID) -> Course | None: ...

    async def courses(self, course_ids: Collection[UUID]) -> list[Course]:
        """The known courses among ``course_ids``, in any order, in one query."""
        ...

    async def outline(self, course_id: UUID) -> CourseOutline | None:
        """The course with its sections and lesson summaries, in position order."""
        ...

    async def section(self, section_id: UUID) -> Section | None: ...

    async def lesson(self, lesson_id: UUID) -> Lesson | None: ...

    async def ordered_lessons(self, course_id: UUID) -> list[Lesson]:
        """Every lesson of the course with its content, in reading order."""
        ...

    async def list_courses(self, query: CourseQuery, page: PageRequest) -> tuple[list[Course], int]:
        """One page of matching courses, newest first, and how many match in all."""
        ...
