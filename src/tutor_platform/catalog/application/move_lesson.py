"""Move a lesson within its section, or into another section of the same course."""

from uuid import UUID

from tutor_platform.catalog.application.support.access import lesson_to_edit
from tutor_platform.catalog.domain.catalog import Lesson
from tutor_platform.catalog.domain.positions import (
    insert_position_problem,
    inserted,
    move_position_problem,
    moved,
    removed,
    renumbered,
)
from tutor_platform.catalog.domain.validation import FieldChecks
from tutor_platform.catalog.ports.unit_of_work import CatalogUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock


class MoveLesson:
    """Within the section ``position`` is 1..n; into another section 1..m + 1 (422 otherwise,
    and for a section of another course). Moving to where it already is changes nothing."""

    def __init__(self, uow_factory: CatalogUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(
        self,
        principal: Principal,
        lesson_id: UUID,
        position: int,
        section_id: UUID | None = None,
    ) -> Lesson:
        async with self._uow_factory() as uow:
            _, lesson = await lesson_to_edit(uow, principal, lesson_id)
            source = lesson.section_id
            target = source if section_id is None else section_id
            checks = FieldChecks()
            if target != source:
                section = await uow.sections.get(target)
                if section is None or section.course_id != lesson.course_id:
                    checks.check("section_id", "must be a section of the lesson's course")
                    checks.raise_if_failed()
            source_order = await uow.lessons.ordered_ids(source)
            if target == source:
                checks.check("position", move_position_problem(position, len(source_order)))
                checks.raise_if_failed()
                if position == lesson.position:
                    return lesson
                placements = renumbered(source_order, moved(source_order, lesson_id, position))
                changes = {other: (source, at) for other, at in placements.items()}
            else:
                target_order = await uow.lessons.ordered_ids(target)
                checks.check("position", insert_position_problem(position, len(target_order)))
                checks.raise_if_failed()
                left = renumbered(source_order, removed(source_order, lesson_id))
                arrived = renumbered(target_order, inserted(target_order, lesson_id, position))
                changes = {other: (source, at) for other, at in left.items()}
                changes.update({other: (target, at) for other, at in arrived.items()})
            now = self._clock.now()
            await uow.lessons.set_positions(changes, now)
            await uow.commit()
        lesson.section_id, lesson.position, lesson.updated_at = target, position, now
        return lesson
