"""Delete a section with its lessons; the sections after it move up (no gap)."""

from uuid import UUID

from tutor_platform.catalog.application.support.access import section_to_edit
from tutor_platform.catalog.domain.positions import removed, renumbered
from tutor_platform.catalog.ports.unit_of_work import CatalogUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock


class DeleteSection:
    def __init__(self, uow_factory: CatalogUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(self, principal: Principal, section_id: UUID) -> None:
        async with self._uow_factory() as uow:
            _, section = await section_to_edit(uow, principal, section_id)
            order = await uow.sections.ordered_ids(section.course_id)
            await uow.sections.delete(section_id)
            await uow.sections.set_positions(
                renumbered(order, removed(order, section_id)), self._clock.now()
            )
            await uow.commit()
