"""``CourseCatalog`` and ``LearnerProgress`` over the catalog's and progress's facades."""

from decimal import Decimal
from uuid import UUID

from tutor_platform.assessment.ports.courses import (
    CourseFacts,
    LessonFacts,
    LessonRef,
    PassageFacts,
    SectionFacts,
)
from tutor_platform.catalog.api import CatalogFacade, RetrievedPassage
from tutor_platform.progress.api import ProgressFacade
from tutor_platform.shared.auth import Principal


class CatalogCourses:
    """Visibility and edit rights are the catalog's own rules (``can_view_course``,
    ``can_edit_course``)."""

    def __init__(self, catalog: CatalogFacade) -> None:
        self._catalog = catalog

    async def course(self, course_id: UUID) -> CourseFacts | None:
        course = await self._catalog.get_course(course_id)
        return None if course is None else CourseFacts(course.id, course.title)

    async def can_view(self, principal: Principal | None, course_id: UUID) -> bool:
        return await self._catalog.can_view_course(principal, course_id)

    async def can_edit(self, principal: Principal, course_id: UUID) -> bool:
        return await self._catalog.can_edit_course(principal, course_id)

    async def lesson(self, lesson_id: UUID) -> LessonFacts | None:
        lesson = await self._catalog.get_lesson(lesson_id)
        if lesson is None:
            return None
        return LessonFacts(
            lesson.id, lesson.course_id, lesson.title, lesson.content, lesson.is_premium
        )

    async def sections(self, course_id: UUID) -> list[SectionFacts]:
        outline = await self._catalog.course_outline(course_id)
        if outline is None:
            return []
        return [
            SectionFacts(
                section.title,
                tuple(LessonRef(lesson.id, lesson.title) for lesson in section.lessons),
            )
            for section in outline.sections
        ]

    async def lesson_passages(self, lesson_id: UUID) -> list[PassageFacts]:
        return [_facts(passage) for passage in await self._catalog.lesson_passages(lesson_id)]

    async def relevant_passages(
        self, course_id: UUID, query: str, limit: int
    ) -> list[PassageFacts]:
        found = await self._catalog.retrieve_passages(course_id, query, limit, include_premium=True)
        return [_facts(passage) for passage in found]


def _facts(passage: RetrievedPassage) -> PassageFacts:
    return PassageFacts(
        passage.lesson_id,
        passage.course_id,
        passage.lesson_title,
        passage.heading,
        passage.markdown,
        passage.text,
        passage.similarity,
        passage.lexical,
    )


class ProgressRecords:
    """Completions and quiz scores live in the progress context."""

    def __init__(self, progress: ProgressFacade) -> None:
        self._progress = progress

    async def completed_lessons(self, user_id: UUID, course_id: UUID) -> set[UUID]:
        return await self._progress.completed_lesson_ids(user_id, course_id)

    async def record_best_score(
        self,
        user_id: UUID,
        course_id: UUID,
        quiz_id: UUID,
        score: Decimal,
        *,
        replace: bool = False,
    ) -> None:
        await self._progress.record_quiz_score(
            user_id, course_id, quiz_id, float(score), replace=replace
        )
