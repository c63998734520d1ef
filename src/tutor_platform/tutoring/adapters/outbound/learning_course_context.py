"""``CourseContext`` over the learning context's facade."""

from collections.abc import Collection
from uuid import UUID

from tutor_platform.learning.api import LearningFacade
from tutor_platform.shared.auth import Principal
from tutor_platform.tutoring.ports.course_context import CourseMaterial


class LearningCourseContext:
    """Visibility and edit rights are learning's own rules (``can_view_course``,
    ``can_edit_course``); lesson material comes from ``relevant_lessons``, with each lesson's
    premium flag looked up."""

    def __init__(self, learning: LearningFacade) -> None:
        self._learning = learning

    async def can_view(self, principal: Principal | None, course_id: UUID) -> bool:
        return await self._learning.can_view_course(principal, course_id)

    async def can_edit(self, principal: Principal, course_id: UUID) -> bool:
        return await self._learning.can_edit_course(principal, course_id)

    async def hidden(self, principal: Principal | None, course_ids: Collection[UUID]) -> set[UUID]:
        return {
            course_id
            for course_id in course_ids
            if not await self._learning.can_view_course(principal, course_id)
        }

    async def material(self, course_id: UUID, query: str, limit: int) -> list[CourseMaterial]:
        material = []
        for passage in await self._learning.relevant_lessons(course_id, query, limit):
            lesson = await self._learning.get_lesson(passage.lesson_id)
            if lesson is not None:
                material.append(
                    CourseMaterial(
                        passage.lesson_id, passage.title, passage.text, lesson.is_premium
                    )
                )
        return material
