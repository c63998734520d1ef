"""The courses whose figures progress shows (``catalog.api.CatalogFacade`` is one)."""

from typing import Protocol
from uuid import UUID

from tutor_platform.catalog.api import CourseInfo, LessonInfo


class Courses(Protocol):
    async def get_course(self, course_id: UUID) -> CourseInfo | None: ...

    async def ordered_lessons(self, course_id: UUID) -> list[LessonInfo]:
        """Every lesson of the course, in reading order ([] if unknown)."""
        ...
