"""Move a section to another position in its course; the sections between shift by one."""

from uuid import UUID

from tutor_platform.catalog.application.support.access import section_to_edit
from tutor_platform.catalog.domain.catalog import Section
from tutor_platform.catalog.domain.positions import move_position_problem, moved, renumbered
from tutor_platform.catalog.domain.validation import FieldChecks
from tutor_platform.catalog.ports.unit_of_work import CatalogUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock


class MoveSection:
    """``position`` must be 1..n (422); moving to where it already is changes nothing."""

    def __init__(self, uow_factory: CatalogUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(self, principal: Principal, section_id: UUID, position: int) -> Section:
        async with self._uow_factory() as uow:
            _, section = await section_to_edit(uow, principal, section_id)
            order = await uow.sections.ordered_ids(section.course_id)
            checks = FieldChecks()
            checks.check("position", move_position_problem(position, len(order)))
            checks.raise_if_failed()
            if position == section.position:
                return section
            now = self._clock.now()
            await uow.sections.set_positions(
                renumbered(order, moved(order, section_id, position)), now
            )
            await uow.commit()
        section.position, section.updated_at = position, now
        return section
