"""The next or previous lesson of a course, across section boundaries."""

from dataclasses import dataclass
from uuid import UUID

from tutor_platform.catalog.domain.access import can_read_lesson_content, can_view_course
from tutor_platform.catalog.domain.catalog import Lesson
from tutor_platform.catalog.domain.errors import LessonNotFound, NoAdjacentLesson
from tutor_platform.catalog.ports.reader import CatalogReader
from tutor_platform.shared.auth import Principal

NEXT = 1
PREVIOUS = -1


@dataclass(frozen=True, slots=True)
class AdjacentLesson:
    """The lesson next to another; ``locked`` when the caller may not read its content (a
    premium lesson for a free reader), which is then not to be shown."""

    lesson: Lesson
    locked: bool


class GetAdjacentLesson:
    """``step`` is ``NEXT`` or ``PREVIOUS``: that lesson of the course, locked when it is
    premium and the caller is not (the way through a course is never hidden); 404 when
    ``lesson_id`` is the last (first) lesson or the course is hidden from the caller."""

    def __init__(self, reader: CatalogReader) -> None:
        self._reader = reader

    async def execute(
        self, principal: Principal | None, lesson_id: UUID, step: int
    ) -> AdjacentLesson:
        lesson = await self._reader.lesson(lesson_id)
        outline = None if lesson is None else await self._reader.outline(lesson.course_id)
        if outline is None or not can_view_course(principal, outline.course):
            raise LessonNotFound()
        adjacent_id = outline.adjacent_lesson_id(lesson_id, step)
        if adjacent_id is None:
            raise NoAdjacentLesson()
        adjacent = await self._reader.lesson(adjacent_id)
        if adjacent is None:
            raise LessonNotFound()
        locked = not can_read_lesson_content(principal, outline.course, adjacent)
        return AdjacentLesson(adjacent, locked)
