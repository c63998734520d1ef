"""Loading a project for a caller: hidden ones are 404, others' projects are 403 to change."""

from uuid import UUID

from tutor_platform.catalog.domain.project import (
    CourseRef,
    Project,
    ProjectNotFound,
    ensure_can_edit_project,
)
from tutor_platform.catalog.ports.unit_of_work import ProjectUnitOfWork
from tutor_platform.shared.auth import Principal


async def course_of(uow: ProjectUnitOfWork, project: Project) -> CourseRef | None:
    return None if project.course_id is None else await uow.projects.course(project.course_id)


async def project_to_edit(
    uow: ProjectUnitOfWork, principal: Principal, project_id: UUID
) -> Project:
    """The project, locked; ``ProjectNotFound`` or ``NotProjectEditor``."""
    project = await uow.projects.lock(project_id)
    if project is None:
        raise ProjectNotFound()
    ensure_can_edit_project(principal, project, await course_of(uow, project))
    return project
