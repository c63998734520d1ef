"""Add a section to a course: appended, or inserted at a position (the others shift down)."""

from uuid import UUID

from tutor_platform.catalog.application.support.access import course_to_edit
from tutor_platform.catalog.domain.catalog import Section
from tutor_platform.catalog.domain.positions import insert_position_problem, inserted, renumbered
from tutor_platform.catalog.domain.validation import FieldChecks, clean_title, title_problem
from tutor_platform.catalog.ports.unit_of_work import CatalogUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.ids import new_id


class CreateSection:
    """``position`` None appends; otherwise it must be 1..n + 1 (422)."""

    def __init__(self, uow_factory: CatalogUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(
        self, principal: Principal, course_id: UUID, title: str, position: int | None = None
    ) -> Section:
        title = clean_title(title)
        checks = FieldChecks()
        checks.check("title", title_problem(title))
        checks.raise_if_failed()
        async with self._uow_factory() as uow:
            await course_to_edit(uow, principal, course_id)
            order = await uow.sections.ordered_ids(course_id)
            if position is not None:
                checks.check("position", insert_position_problem(position, len(order)))
                checks.raise_if_failed()
            now = self._clock.now()
            section = Section(
                id=new_id(),
                course_id=course_id,
                title=title,
                position=len(order) + 1 if position is None else position,
                created_at=now,
                updated_at=now,
            )
            new_order = inserted(order, section.id, section.position)
            shifted = renumbered(order, new_order)
            shifted.pop(section.id)
            await uow.sections.set_positions(shifted, now)
            await uow.sections.add(section)
            await uow.commit()
        return section
