"""The catalog's units of work, and the storage of courses, sections and lessons for the
write side. Repositories never commit.

Every change to a course's sections or lessons first takes the course's lock
(``CourseRepository.lock``): writers of one course then run one after the other, so sibling
positions stay 1..n even when requests race.
"""

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Protocol
from uuid import UUID

from tutor_platform.catalog.domain.catalog import Course, Lesson, Section
from tutor_platform.catalog.ports.passages import PassageRepository
from tutor_platform.catalog.ports.projects import ProjectRepository
from tutor_platform.shared.unit_of_work import UnitOfWork


class CourseRepository(Protocol):
    async def get(self, course_id: UUID) -> Course | None: ...

    async def lock(self, course_id: UUID) -> Course | None:
        """The course, locked until the transaction ends (``None`` when unknown)."""
        ...

    async def slugs_taken(self, slugs: set[str]) -> set[str]:
        """Which of ``slugs`` already belong to a course."""
        ...

    async def add(self, course: Course) -> None:
        """Store a new course; ``SlugTaken`` when its slug is in use (even under a race)."""
        ...

    async def update(self, course: Course) -> None:
        """Store the changed fields; ``CourseNotFound``, ``SlugTaken``."""
        ...

    async def delete(self, course_id: UUID) -> None:
        """Delete the course with its sections and lessons."""
        ...


class SectionRepository(Protocol):
    async def get(self, section_id: UUID) -> Section | None: ...

    async def ordered_ids(self, course_id: UUID) -> list[UUID]:
        """The course's section ids by position."""
        ...

    async def add(self, section: Section) -> None: ...

    async def update(self, section: Section) -> None:
        """Store the title and ``updated_at`` (positions change through ``set_positions``)."""
        ...

    async def delete(self, section_id: UUID) -> None:
        """Delete the section with its lessons (the gap it leaves is the caller's to close)."""
        ...

    async def set_positions(self, positions: Mapping[UUID, int], now: datetime) -> None:
        """Give sections of one course new positions (and ``updated_at``); the course's
        sections must be numbered 1..n again afterwards."""
        ...


class LessonRepository(Protocol):
    async def get(self, lesson_id: UUID) -> Lesson | None: ...

    async def ordered_ids(self, section_id: UUID) -> list[UUID]:
        """The section's lesson ids by position."""
        ...

    async def add(self, lesson: Lesson) -> None: ...

    async def update(self, lesson: Lesson) -> None:
        """Store title, content, minutes, premium flag and ``updated_at``."""
        ...

    async def delete(self, lesson_id: UUID) -> None: ...

    async def set_positions(
        self, placements: Mapping[UUID, tuple[UUID, int]], now: datetime
    ) -> None:
        """Put lessons of one course at ``(section_id, position)`` (and set ``updated_at``);
        every section's lessons must be numbered 1..n again afterwards."""
        ...


class CatalogUnitOfWork(UnitOfWork, Protocol):
    """The catalog's repositories in one transaction."""

    @property
    def courses(self) -> CourseRepository: ...

    @property
    def sections(self) -> SectionRepository: ...

    @property
    def lessons(self) -> LessonRepository: ...


CatalogUnitOfWorkFactory = Callable[[], CatalogUnitOfWork]


class ProjectUnitOfWork(UnitOfWork, Protocol):
    """Portfolio projects in one transaction."""

    @property
    def projects(self) -> ProjectRepository: ...


ProjectUnitOfWorkFactory = Callable[[], ProjectUnitOfWork]


class PassageUnitOfWork(UnitOfWork, Protocol):
    """The passage index's writes in one transaction."""

    @property
    def passages(self) -> PassageRepository: ...


PassageUnitOfWorkFactory = Callable[[], PassageUnitOfWork]
