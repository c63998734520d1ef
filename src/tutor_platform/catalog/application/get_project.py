"""Anyone reads a published project; an unpublished one only those who may change it."""

from uuid import UUID

from tutor_platform.catalog.application.support.project_access import course_of
from tutor_platform.catalog.domain.project import (
    Project,
    ProjectNotFound,
    ensure_can_view_project,
)
from tutor_platform.catalog.ports.unit_of_work import ProjectUnitOfWorkFactory
from tutor_platform.shared.auth import Principal


class GetProject:
    def __init__(self, uow_factory: ProjectUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(self, principal: Principal | None, project_id: UUID) -> Project:
        async with self._uow_factory() as uow:
            project = await uow.projects.get(project_id)
            if project is None:
                raise ProjectNotFound()
            ensure_can_view_project(principal, project, await course_of(uow, project))
        return project
