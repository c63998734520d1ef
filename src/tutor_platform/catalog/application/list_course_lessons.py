"""The lessons of a course in reading order, across sections, without their content."""

from uuid import UUID

from tutor_platform.catalog.application.get_course_outline import GetCourseOutline
from tutor_platform.catalog.application.support.access import page_of
from tutor_platform.catalog.domain.catalog import LessonSummary
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.pagination import Page, PageRequest


class ListCourseLessons:
    def __init__(self, get_course_outline: GetCourseOutline) -> None:
        self._get_course_outline = get_course_outline

    async def execute(
        self, principal: Principal | None, course_id: UUID, page: PageRequest
    ) -> Page[LessonSummary]:
        outline = await self._get_course_outline.execute(principal, course_id)
        return page_of(outline.lessons, page)
