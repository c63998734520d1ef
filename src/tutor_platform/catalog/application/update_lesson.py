"""Change a lesson's title, content, estimated minutes or premium flag."""

from dataclasses import dataclass
from uuid import UUID

from tutor_platform.catalog.application.support.access import lesson_to_edit
from tutor_platform.catalog.domain.catalog import Lesson
from tutor_platform.catalog.domain.validation import (
    FieldChecks,
    clean_title,
    content_problem,
    estimated_minutes_problem,
    title_problem,
)
from tutor_platform.catalog.ports.unit_of_work import CatalogUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock


@dataclass(frozen=True, slots=True)
class LessonChanges:
    """``None`` leaves a field as it is. Positions change through a move."""

    title: str | None = None
    content: str | None = None
    estimated_minutes: int | None = None
    is_premium: bool | None = None


class UpdateLesson:
    def __init__(self, uow_factory: CatalogUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(
        self, principal: Principal, lesson_id: UUID, changes: LessonChanges
    ) -> Lesson:
        title = None if changes.title is None else clean_title(changes.title)
        checks = FieldChecks()
        if title is not None:
            checks.check("title", title_problem(title))
        if changes.content is not None:
            checks.check("content", content_problem(changes.content))
        if changes.estimated_minutes is not None:
            checks.check("estimated_minutes", estimated_minutes_problem(changes.estimated_minutes))
        checks.raise_if_failed()
        async with self._uow_factory() as uow:
            _, lesson = await lesson_to_edit(uow, principal, lesson_id)
            lesson.title = title or lesson.title
            if changes.content is not None:
                lesson.content = changes.content
            if changes.estimated_minutes is not None:
                lesson.estimated_minutes = changes.estimated_minutes
            if changes.is_premium is not None:
                lesson.is_premium = changes.is_premium
            lesson.updated_at = self._clock.now()
            await uow.lessons.update(lesson)
            await uow.commit()
        return lesson
