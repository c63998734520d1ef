"""Add a lesson to a section: appended, or inserted at a position (the others shift down)."""

from dataclasses import dataclass
from uuid import UUID

from tutor_platform.catalog.application.support.access import section_to_edit
from tutor_platform.catalog.domain.catalog import DEFAULT_ESTIMATED_MINUTES, Lesson
from tutor_platform.catalog.domain.positions import insert_position_problem, inserted, renumbered
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
from tutor_platform.shared.ids import new_id


@dataclass(frozen=True, slots=True)
class NewLesson:
    title: str
    content: str = ""
    estimated_minutes: int = DEFAULT_ESTIMATED_MINUTES
    is_premium: bool = False
    position: int | None = None
    id: UUID | None = None


class CreateLesson:
    """``position`` None appends; otherwise it must be 1..n + 1 (422).

    A caller may name the lesson's id (an import that may run again): when that lesson exists
    already, it is the answer and nothing changes."""

    def __init__(self, uow_factory: CatalogUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(self, principal: Principal, section_id: UUID, cmd: NewLesson) -> Lesson:
        title = clean_title(cmd.title)
        checks = FieldChecks()
        checks.check("title", title_problem(title))
        checks.check("content", content_problem(cmd.content))
        checks.check("estimated_minutes", estimated_minutes_problem(cmd.estimated_minutes))
        checks.raise_if_failed()
        lesson_id = cmd.id or new_id()
        async with self._uow_factory() as uow:
            _, section = await section_to_edit(uow, principal, section_id, [lesson_id])
            if cmd.id is not None and (made := await uow.lessons.get(cmd.id)) is not None:
                return made
            order = await uow.lessons.ordered_ids(section_id)
            if cmd.position is not None:
                checks.check("position", insert_position_problem(cmd.position, len(order)))
                checks.raise_if_failed()
            now = self._clock.now()
            lesson = Lesson(
                id=lesson_id,
                section_id=section_id,
                course_id=section.course_id,
                title=title,
                position=len(order) + 1 if cmd.position is None else cmd.position,
                created_at=now,
                updated_at=now,
                content=cmd.content,
                estimated_minutes=cmd.estimated_minutes,
                is_premium=cmd.is_premium,
            )
            shifted = renumbered(order, inserted(order, lesson.id, lesson.position))
            shifted.pop(lesson.id)
            await uow.lessons.set_positions(
                {lesson_id: (section_id, position) for lesson_id, position in shifted.items()}, now
            )
            await uow.lessons.add(lesson)
            await uow.commit()
        return lesson
