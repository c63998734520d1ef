"""The course's instructor or an admin deletes it, with its sections and lessons."""

from uuid import UUID

from tutor_platform.catalog.application.support.access import course_to_edit
from tutor_platform.catalog.ports.unit_of_work import CatalogUnitOfWorkFactory
from tutor_platform.shared.auth import Principal


class DeleteCourse:
    def __init__(self, uow_factory: CatalogUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(self, principal: Principal, course_id: UUID) -> None:
        async with self._uow_factory() as uow:
            await course_to_edit(uow, principal, course_id)
            await uow.courses.delete(course_id)
            await uow.commit()
