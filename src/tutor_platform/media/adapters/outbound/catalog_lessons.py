"""``LessonCatalog`` over the catalog's facade."""

from uuid import UUID

from tutor_platform.catalog.api import CatalogFacade, LessonInfo
from tutor_platform.media.domain.lesson_access import LessonAccess
from tutor_platform.media.domain.lesson_material import LessonMaterial, OutlineSection
from tutor_platform.media.ports.lesson_catalog import LessonView
from tutor_platform.shared.auth import Principal


class CatalogLessons:
    """Visibility and edit rights come from the catalog facade's course policy."""

    def __init__(self, catalog: CatalogFacade) -> None:
        self._catalog = catalog

    async def access(self, principal: Principal | None, lesson_id: UUID) -> LessonAccess | None:
        lesson = await self._catalog.get_lesson(lesson_id)
        if lesson is None:
            return None
        course_id = lesson.course_id
        editable = principal is not None and await self._catalog.can_edit_course(
            principal, course_id
        )
        visible = editable or await self._catalog.can_view_course(principal, course_id)
        return LessonAccess(lesson.id, course_id, lesson.is_premium, visible, editable)

    async def material(self, lesson_id: UUID) -> LessonMaterial | None:
        lesson = await self._catalog.get_lesson(lesson_id)
        if lesson is None:
            return None
        outline = await self._catalog.course_outline(lesson.course_id)
        if outline is None:
            return None
        return LessonMaterial(
            lesson_id=lesson.id,
            course_id=lesson.course_id,
            course_title=outline.course.title,
            lesson_title=lesson.title,
            content=lesson.content,
            outline=tuple(
                OutlineSection(section.title, tuple(ref.title for ref in section.lessons))
                for section in outline.sections
            ),
        )

    async def replace_content(
        self, principal: Principal, lesson_id: UUID, content: str
    ) -> LessonView:
        return _view(await self._catalog.replace_lesson_content(principal, lesson_id, content))


def _view(lesson: LessonInfo) -> LessonView:
    return LessonView(
        id=lesson.id,
        course_id=lesson.course_id,
        section_id=lesson.section_id,
        title=lesson.title,
        content=lesson.content,
        position=lesson.position,
        estimated_minutes=lesson.estimated_minutes,
        is_premium=lesson.is_premium,
    )
