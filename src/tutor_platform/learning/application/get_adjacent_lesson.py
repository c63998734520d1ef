"""The next or previous lesson of a course, across section boundaries."""

from uuid import UUID

from tutor_platform.learning.application.get_lesson import readable_lesson
from tutor_platform.learning.domain.access import can_view_course
from tutor_platform.learning.domain.catalog import Lesson
from tutor_platform.learning.domain.errors import LessonNotFound, NoAdjacentLesson
from tutor_platform.learning.ports.catalog_reader import CatalogReader
from tutor_platform.shared.auth import Principal

NEXT = 1
PREVIOUS = -1


class GetAdjacentLesson:
    """``step`` is ``NEXT`` or ``PREVIOUS``. The answer is that lesson as ``GET /lessons/{id}``
    gives it, premium rule included; 404 when ``lesson_id`` is the last (first) lesson."""

    def __init__(self, reader: CatalogReader) -> None:
        self._reader = reader

    async def execute(self, principal: Principal | None, lesson_id: UUID, step: int) -> Lesson:
        lesson = await self._reader.lesson(lesson_id)
        outline = None if lesson is None else await self._reader.outline(lesson.course_id)
        if outline is None or not can_view_course(principal, outline.course):
            raise LessonNotFound()
        adjacent = outline.adjacent_lesson_id(lesson_id, step)
        if adjacent is None:
            raise NoAdjacentLesson()
        return await readable_lesson(self._reader, principal, adjacent)
