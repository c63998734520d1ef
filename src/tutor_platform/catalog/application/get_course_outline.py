"""A course with its sections and lesson titles (no lesson content): ``GET /courses/{id}``."""

from uuid import UUID

from tutor_platform.catalog.domain.access import ensure_can_view_course
from tutor_platform.catalog.domain.catalog import CourseOutline
from tutor_platform.catalog.domain.errors import CourseNotFound
from tutor_platform.catalog.ports.reader import CatalogReader
from tutor_platform.shared.auth import Principal


class GetCourseOutline:
    """Premium lessons are listed too (title and ``is_premium``); hidden courses are 404."""

    def __init__(self, reader: CatalogReader) -> None:
        self._reader = reader

    async def execute(self, principal: Principal | None, course_id: UUID) -> CourseOutline:
        outline = await self._reader.outline(course_id)
        if outline is None:
            raise CourseNotFound()
        ensure_can_view_course(principal, outline.course)
        return outline
