"""Delete a lesson; the lessons after it in its section move up (no gap)."""

from uuid import UUID

from tutor_platform.catalog.application.support.access import lesson_to_edit
from tutor_platform.catalog.domain.positions import removed, renumbered
from tutor_platform.catalog.ports.unit_of_work import CatalogUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock


class DeleteLesson:
    def __init__(self, uow_factory: CatalogUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(self, principal: Principal, lesson_id: UUID) -> None:
        async with self._uow_factory() as uow:
            _, lesson = await lesson_to_edit(uow, principal, lesson_id)
            order = await uow.lessons.ordered_ids(lesson.section_id)
            await uow.lessons.delete(lesson_id)
            shifted = renumbered(order, removed(order, lesson_id))
            await uow.lessons.set_positions(
                {other: (lesson.section_id, position) for other, position in shifted.items()},
                self._clock.now(),
            )
            await uow.commit()
