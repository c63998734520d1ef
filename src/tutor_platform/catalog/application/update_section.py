"""Rename a section (its position changes only through a move)."""

from uuid import UUID

from tutor_platform.catalog.application.support.access import section_to_edit
from tutor_platform.catalog.domain.catalog import Section
from tutor_platform.catalog.domain.validation import FieldChecks, clean_title, title_problem
from tutor_platform.catalog.ports.unit_of_work import CatalogUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock


class UpdateSection:
    def __init__(self, uow_factory: CatalogUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(self, principal: Principal, section_id: UUID, title: str | None) -> Section:
        checks = FieldChecks()
        if title is not None:
            title = clean_title(title)
            checks.check("title", title_problem(title))
        checks.raise_if_failed()
        async with self._uow_factory() as uow:
            _, section = await section_to_edit(uow, principal, section_id)
            if title is not None and title != section.title:
                section.title = title
                section.updated_at = self._clock.now()
                await uow.sections.update(section)
                await uow.commit()
        return section
