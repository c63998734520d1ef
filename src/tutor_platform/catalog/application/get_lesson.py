"""One lesson with its content, for whoever may read it (premium lessons: 403 otherwise)."""

from uuid import UUID

from tutor_platform.catalog.domain.access import ensure_can_read_lesson_content
from tutor_platform.catalog.domain.catalog import Lesson
from tutor_platform.catalog.domain.errors import CourseNotFound, LessonNotFound
from tutor_platform.catalog.ports.lesson_reads import LessonReads
from tutor_platform.catalog.ports.reader import CatalogReader
from tutor_platform.shared.auth import Principal


async def readable_lesson(
    reader: CatalogReader, principal: Principal | None, lesson_id: UUID
) -> Lesson:
    """The lesson if the caller may read its content: 404 when it or its course is hidden,
    403 PREMIUM_REQUIRED when it is premium and the caller is not."""
    lesson = await reader.lesson(lesson_id)
    course = None if lesson is None else await reader.course(lesson.course_id)
    if lesson is None or course is None:
        raise LessonNotFound()
    try:
        ensure_can_read_lesson_content(principal, course, lesson)
    except CourseNotFound:
        raise LessonNotFound() from None
    return lesson


class GetLesson:
    def __init__(self, reader: CatalogReader) -> None:
        self._reader = reader

    async def execute(self, principal: Principal | None, lesson_id: UUID) -> Lesson:
        return await readable_lesson(self._reader, principal, lesson_id)


class ReadLesson:
    """``GET /lessons/{id}``: the lesson as ``GetLesson`` gives it; a signed-in reader's read
    is recorded (their course progress's ``last_accessed_at``)."""

    def __init__(self, get_lesson: GetLesson, reads: LessonReads) -> None:
        self._get_lesson = get_lesson
        self._reads = reads

    async def execute(self, principal: Principal | None, lesson_id: UUID) -> Lesson:
        lesson = await self._get_lesson.execute(principal, lesson_id)
        if principal is not None:
            await self._reads.record_lesson_access(principal.user_id, lesson.id)
        return lesson
