"""The project's creator, its course's instructor or an admin deletes a project."""

from uuid import UUID

from tutor_platform.catalog.application.support.project_access import project_to_edit
from tutor_platform.catalog.ports.unit_of_work import ProjectUnitOfWorkFactory
from tutor_platform.shared.auth import Principal


class DeleteProject:
    def __init__(self, uow_factory: ProjectUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(self, principal: Principal, project_id: UUID) -> None:
        async with self._uow_factory() as uow:
            await project_to_edit(uow, principal, project_id)
            await uow.projects.delete(project_id)
            await uow.commit()
